"""The streamed export gives the bytes of the row-by-row export it replaced, on every input.

The reference is the previous implementation, kept in tests/services/export_reference.py.
"""

from __future__ import annotations

import asyncio
import io
import json
import random
import sys
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any, cast

import psycopg
import pytest

from provenance.bench.jsonl_import import generate
from provenance.db import async_engine, session_factory
from provenance.services import export_sql, export_stream
from provenance.services.export_order import relay_graph
from provenance.services.jsonl_format import format_line, timestamp_text
from tests.services import export_reference
from tests.services.writing_support import export_text, import_text


def reference_text(url: str) -> str:
    """The export of ``url`` as the row-by-row implementation wrote it."""

    async def go() -> str:
        engine = async_engine(url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                out = io.StringIO()
                await export_reference.export_to(session, out)
                return out.getvalue()
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_the_seeded_database_exports_as_before(seeded_url: str) -> None:
    streamed = export_text(seeded_url)
    assert streamed.count("\n") == 41
    assert streamed == reference_text(seeded_url)


# Characters that JSON writers disagree on: controls, quotes, backslash, DEL, the line and
# paragraph separators, a BOM, right-to-left text, combining marks, astral emoji.
AWKWARD = (
    'tab\tnl\nret\rbs\\dq"bell\x07esc\x1bdel\x7f\u2028\u2029\ufeff\u0627\u0644e\u0301\U0001f600'
)


def _edge_case_lines() -> list[dict[str, Any]]:
    said = "\u201cWe will stay\u201d"
    body_a = f"Intro {AWKWARD}. Silo said {said} and \u201cno deal\u201d, then left."
    body_b = f"Relay: \u201cno deal\u201d and {said} again."
    return [
        {"type": "outlet", "slug": "plain", "name": "Plain"},
        {"type": "outlet", "slug": "weird", "name": AWKWARD, "website": "https://e.org/\u00e9"},
        {
            "type": "speaker",
            "slug": "silo",
            "name": "Talal Silo",
            "kind": "person",
            "description": AWKWARD,
            "aliases": [{"alias": "Silo", "kind": "name"}, {"alias": AWKWARD, "kind": "role"}],
        },
        {"type": "speaker", "slug": "the-weird", "name": "W", "kind": "outlet", "outlet": "weird"},
        {"type": "speaker", "slug": "nobody", "name": "one of the drivers", "kind": "unnamed"},
        {"type": "quotation", "slug": "stay", "speaker": "silo", "text": "We will stay"},
        {
            "type": "quotation",
            "slug": "no-deal",
            "speaker": "silo",
            "text": "no deal",
            "language": "tr",
        },
        {"type": "quotation", "slug": "cited", "speaker": "nobody", "text": AWKWARD},
        # A citation-only article (no body): its attribution has no text and no start.
        {
            "type": "article",
            "slug": "c-citation",
            "url": "https://example.org/report",
            "cited_as": f"reports by the BBC {AWKWARD}",
            "attributions": [
                {"quotation": "cited", "kind": "indirect", "cue": "according to"},
                {"quotation": "stay", "kind": "direct", "confidence": 1.0},
            ],
        },
        # a-first and b-relay relay each other (a circle): one of them comes in two lines.
        {
            "type": "article",
            "slug": "a-first",
            "outlet": "weird",
            "title": AWKWARD,
            "published_on": "2017-11-14",
            "language": "ar",
            "body": body_a,
            "attributions": [
                {
                    "quotation": "stay",
                    "kind": "direct",
                    "text": "We will stay",
                    "start": body_a.index("We will stay"),
                    "speaker_label": AWKWARD,
                    "cue": "said",
                    "confidence": 0.30000000000000004,
                    "status": "verified",
                    "markers": [
                        {"kind": "truncation", "note": AWKWARD},
                        {"kind": "insertion", "text": "will", "position": 3},
                    ],
                    "verdicts": [
                        {
                            "verdict": "verified",
                            "actor": "desk",
                            "reason": AWKWARD,
                            "at": "2026-11-21T09:30:00+00:00",
                        },
                        {
                            "verdict": "verified",
                            "actor": "desk",
                            "reason": "again",
                            "at": "2026-11-21T10:30:00.123456+02:00",
                        },
                    ],
                    "upstream": {"article": "https://example.org/report"},
                },
            ],
        },
        {
            "type": "article",
            "slug": "b-relay",
            "outlet": "plain",
            "body": body_b,
            "attributions": [
                {
                    "quotation": "no-deal",
                    "kind": "partial",
                    "text": "no deal",
                    "start": body_b.index("no deal"),
                    "speaker": "nobody",
                    "confidence": 1e-05,
                },
                {
                    "quotation": "stay",
                    "kind": "direct",
                    "text": "We will stay",
                    "start": body_b.index("We will stay"),
                    "upstream": {"article": "a-first", "start": body_a.index("We will stay")},
                    "confidence": 0.0,
                },
            ],
        },
        {
            "type": "article",
            "slug": "a-first",
            "body": body_a,
            "outlet": "weird",
            "title": AWKWARD,
            "published_on": "2017-11-14",
            "language": "ar",
            "attributions": [
                {
                    "quotation": "no-deal",
                    "kind": "direct",
                    "text": "no deal",
                    "start": body_a.index("no deal"),
                    "upstream": {"article": "b-relay", "start": body_b.index("no deal")},
                    "markers": [{"kind": "elision"}],
                },
            ],
        },
        {"type": "article", "slug": "d-empty", "title": "nothing quoted", "cited_as": "a post"},
    ]


def test_edge_cases_export_as_before(empty_url: str) -> None:
    report = import_text(empty_url, "\n".join(json.dumps(line) for line in _edge_case_lines()))
    assert report.problems == [], report.problems
    streamed = export_text(empty_url)
    assert streamed == reference_text(empty_url)
    slugs = [json.loads(line).get("slug") for line in streamed.split("\n")[:-1]]
    # The circle: one article in two lines.
    assert slugs.count("a-first") + slugs.count("b-relay") == 3
    assert AWKWARD in json.loads(streamed.split("\n")[1])["name"]


def test_a_generated_corpus_with_multi_hop_relays_exports_as_before(empty_url: str) -> None:
    lines = "\n".join(format_line(line) for line in generate(articles=60, per_article=8, seed=3))
    assert import_text(empty_url, lines).problems == []
    streamed = export_text(empty_url)
    assert streamed.count("\n") >= 60 + 160
    assert streamed == reference_text(empty_url)


def test_an_empty_database_exports_nothing(empty_url: str) -> None:
    assert export_text(empty_url) == "" == reference_text(empty_url)


def test_lines_and_articles_without_attributions_export_as_before(empty_url: str) -> None:
    lines = [
        {"type": "outlet", "slug": "o", "name": AWKWARD},
        {"type": "article", "slug": "b", "title": AWKWARD, "cited_as": "a post"},
        {"type": "article", "slug": "a", "outlet": "o", "body": AWKWARD},
    ]
    assert import_text(empty_url, "\n".join(json.dumps(line) for line in lines)).problems == []
    streamed = export_text(empty_url)
    assert streamed.count("\n") == 3
    assert streamed == reference_text(empty_url)


def test_small_writes_and_blocks_give_the_same_bytes(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "\n".join(format_line(line) for line in generate(articles=30, per_article=5, seed=9))
    assert import_text(empty_url, lines).problems == []
    whole = export_text(empty_url)
    monkeypatch.setattr(export_stream, "WRITE_BYTES", 1)
    monkeypatch.setattr(export_sql, "ARTICLE_HEADS", export_sql.article_heads(3))
    monkeypatch.setattr(export_sql, "ATTRIBUTION_ITEMS", export_sql.attribution_items(3))
    assert export_text(empty_url) == whole == reference_text(empty_url)


def test_rows_read_ahead_come_out_in_order_and_errors_come_through() -> None:
    async def rows(count: int, fail: bool) -> AsyncGenerator[memoryview, None]:
        for n in range(count):
            await asyncio.sleep(0)
            yield memoryview(f"row {n}\n".encode())
        if fail:
            raise RuntimeError("the server went away")

    async def read(count: int, fail: bool) -> list[bytes]:
        return [row async for row in export_stream._read_ahead(rows(count, fail))]

    assert asyncio.run(read(500, False)) == [f"row {n}\n".encode() for n in range(500)]
    assert asyncio.run(read(0, False)) == []
    with pytest.raises(RuntimeError, match="went away"):
        asyncio.run(read(3, True))


def test_copied_rows_are_the_bytes_of_the_text_for_every_code_point(empty_url: str) -> None:
    every = "".join(chr(c) for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)

    async def rows() -> list[bytes]:
        async with await psycopg.AsyncConnection.connect(empty_url) as connection:
            query = "SELECT to_json(%(every)s::text)::text, 7, to_json(%(every)s::text)::text"
            return [
                bytes(row) async for row in export_stream._rows(connection, query, {"every": every})
            ]

    spelled = json.dumps(every, ensure_ascii=False).encode()
    assert asyncio.run(rows()) == [spelled + b"\x017\x01" + spelled + b"\n"]


def test_the_second_connection_reads_the_snapshot_of_the_first(empty_url: str) -> None:
    count = "SELECT count(*) FROM outlets"

    async def counts() -> tuple[int, int, int]:
        async with await psycopg.AsyncConnection.connect(empty_url) as first:
            await first.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            before = await export_stream._all(first, count)
            other = await export_stream._sharing_snapshot(first)
            try:
                async with await psycopg.AsyncConnection.connect(empty_url) as writer:
                    await writer.execute("INSERT INTO outlets (slug, name) VALUES ('late', 'Late')")
                    await writer.commit()
                seen = await export_stream._all(other, count)
            finally:
                await other.close()
            async with await psycopg.AsyncConnection.connect(empty_url) as fresh:
                after = await export_stream._all(fresh, count)
        return before[0][0], seen[0][0], after[0][0]

    assert asyncio.run(counts()) == (0, 0, 1)


def test_to_json_escapes_every_code_point_as_python_does(empty_url: str) -> None:
    every = "".join(chr(c) for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    with psycopg.connect(empty_url) as connection:
        row = connection.execute("SELECT to_json(%s::text)::text", (every,)).fetchone()
    assert row is not None
    assert row[0] == json.dumps(every, ensure_ascii=False)


def test_doubles_and_timestamps_are_spelled_as_python_does(empty_url: str) -> None:
    rng = random.Random(7)
    doubles = [0.0, 1.0, 0.5, 0.1, 1 / 3, 1e-05, 1.5e-07, 5e-324, 0.0001, 0.30000000000000004]
    doubles += [rng.random() for _ in range(2_000)] + [rng.random() ** 40 for _ in range(500)]
    moments = [
        datetime(2026, 11, 21, 9, 30, tzinfo=UTC),
        datetime(2026, 11, 21, 9, 30, 0, 120_000, tzinfo=UTC),
        datetime(1999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    ]
    float_sql = export_sql._FLOAT.format(x="x")
    time_sql = export_sql._TIMESTAMP.format(t="t")
    with psycopg.connect(empty_url) as connection:
        connection.execute("SET TIME ZONE 'Asia/Kolkata'")
        spelled = [r[0] for r in connection.execute(
            f"SELECT {float_sql} FROM unnest(%s::float8[]) WITH ORDINALITY AS u(x, n) ORDER BY n",
            (doubles,),
        )]  # fmt: skip
        times = [r[0] for r in connection.execute(
            f"SELECT {time_sql} FROM unnest(%s::timestamptz[]) WITH ORDINALITY AS u(t, n) "
            "ORDER BY n",
            (moments,),
        )]  # fmt: skip
    assert spelled == [json.dumps(d) for d in doubles]
    assert times == [timestamp_text(m) for m in moments]


def _ranks(slugs: dict[int, str]) -> dict[int, int]:
    return {article: rank for rank, article in enumerate(sorted(slugs, key=slugs.__getitem__))}


def _new_order(
    slugs: dict[int, str], edges: dict[int, tuple[int, int | None]]
) -> list[tuple[str, list[int]]]:
    """The export order of export_order, from attribution -> (article, upstream)."""
    rank = _ranks(slugs)
    by_rank = {r: a for a, r in rank.items()}
    pairs = sorted(
        {
            (rank[edges[up][0]], rank[article])
            for article, up in edges.values()
            if up is not None and edges[up][0] != article
        }
    )
    graph = relay_graph(len(slugs), [u for u, _ in pairs], [d for _, d in pairs])
    circle = set(graph.circle_ranks)
    rows = [
        (rank[article], attribution, up, rank[edges[up][0]] if up is not None else None)
        for attribution, (article, up) in edges.items()
        if rank[article] in circle
    ]
    order = []
    for r, part in graph.order(rows):
        article = by_rank[r]
        ids = part if part is not None else [a for a, (art, _) in edges.items() if art == article]
        order.append((slugs[article], sorted(ids)))
    return order


def _reference_order(
    slugs: dict[int, str], edges: dict[int, tuple[int, int | None]]
) -> list[tuple[str, list[int]]]:
    entries: dict[int, list[export_reference.ExportEntry]] = {}
    for attribution, (article, upstream) in edges.items():
        entry = export_reference.ExportEntry(cast(Any, None), attribution, upstream)
        entries.setdefault(article, []).append(entry)
    return [
        (slugs[a], sorted(e.id for e in part))
        for a, part in export_reference.upstream_first(slugs, entries)
    ]


def test_only_articles_in_a_circle_are_split_and_every_upstream_comes_first() -> None:
    # a <-> b relay each other; c relays b; d stands alone; e relays c.
    slugs = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    edges = {  # attribution id -> (article, upstream attribution)
        10: (1, None), 11: (1, 21),
        20: (2, None), 21: (2, None), 22: (2, 10),
        30: (3, 22),
        40: (4, None),
        50: (5, 30),
    }  # fmt: skip
    order = _new_order(slugs, edges)
    assert order == [("a", [10]), ("b", [20, 21, 22]), ("a", [11]), ("c", [30]), ("d", [40]),
                     ("e", [50])]  # fmt: skip
    assert order == _reference_order(slugs, edges)


@pytest.mark.parametrize("seed", range(60))
def test_the_article_order_is_the_reference_order_on_random_graphs(seed: int) -> None:
    rng = random.Random(seed)
    articles = rng.randint(1, 40)
    slugs = {1000 + i: f"s{rng.random():.12f}" for i in range(articles)}
    ids = list(slugs)
    edges: dict[int, tuple[int, int | None]] = {}
    for attribution in range(1, rng.randint(1, 120)):  # ids start at 1, as in the database
        # Upstreams only to earlier attributions: no attribution circle, many article ones.
        upstream = rng.randrange(1, attribution) if attribution > 1 and rng.random() < 0.7 else None
        edges[attribution] = (rng.choice(ids), upstream)
    assert _new_order(slugs, edges) == _reference_order(slugs, edges)
