"""Import: idempotent, line by line, naming every bad line while the good ones load."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from pytest_postgresql.executors import NoopExecutor

from provenance.bench.load import load_corpus
from provenance.bench.plan import CorpusPlan
from provenance.cli import main
from provenance.db import async_engine, session_factory
from provenance.localdb import LocalCluster
from provenance.services.importing import ImportInterrupted, import_lines
from provenance.services.jsonl_format import MAX_DEPTH
from tests.services.writing_support import export_text, import_text


def history_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM history").fetchone()
    assert row is not None
    return int(row[0])


def test_a_second_import_changes_nothing(seeded_url: str, empty_url: str) -> None:
    data = export_text(seeded_url)
    import_text(empty_url, data)
    changes = history_count(empty_url)
    report = import_text(empty_url, data)
    assert report.problems == []
    assert report.loaded == len(data.splitlines())
    assert history_count(empty_url) == changes


def test_the_importer_is_the_recorded_actor(seeded_url: str, empty_url: str) -> None:
    import_text(empty_url, export_text(seeded_url), actor="bulk:newsroom")
    with psycopg.connect(empty_url) as conn:
        actors = conn.execute("SELECT DISTINCT actor FROM history").fetchall()
    assert actors == [("bulk:newsroom",)]


def test_bad_lines_are_named_and_the_others_load(seeded_url: str, empty_url: str) -> None:
    lines = export_text(seeded_url).splitlines()
    article = json.loads(lines[-1])
    article["attributions"][0]["text"] = "words the article never printed"
    middle = len(lines) // 2
    broken = [
        *lines[:middle],
        '{"type": "outlet", "slug": "half',
        *lines[middle:-1],
        json.dumps(article),
        '{"type": "speaker", "slug": "x", "name": "X", "kind": "alien"}',
    ]
    report = import_text(empty_url, "\n".join(broken))
    numbers = [p.line_number for p in report.problems]
    assert numbers == [middle + 1, len(lines) + 1, len(lines) + 2]
    assert "not valid JSON" in report.problems[0].message
    assert "does not read" in report.problems[1].message
    assert report.problems[1].field == "attributions[0].start"
    assert "alien" in report.problems[2].message
    assert report.loaded == len(lines) - 1
    with psycopg.connect(empty_url) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()
    assert articles == (4,)


def test_a_reference_to_an_unknown_quotation_is_reported(empty_url: str) -> None:
    line = json.dumps(
        {
            "type": "article",
            "slug": "a",
            "cited_as": "a report",
            "attributions": [{"quotation": "nobody-said-this", "kind": "direct"}],
        }
    )
    report = import_text(empty_url, line)
    assert [(p.line_number, p.field) for p in report.problems] == [(1, "attributions[0].quotation")]
    with psycopg.connect(empty_url) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_upstream_by_url_and_within_the_same_article(empty_url: str) -> None:
    body = "He said \u201cno deal\u201d. Later: \u201cno deal\u201d."
    second = body.rindex("no deal")
    lines = [
        {"type": "speaker", "slug": "pahon", "name": "Pahon", "kind": "person"},
        {"type": "quotation", "slug": "no-deal", "speaker": "pahon", "text": "no deal"},
        {
            "type": "article",
            "slug": "origin",
            "url": "https://example.org/origin",
            "cited_as": "an interview",
            "attributions": [{"quotation": "no-deal", "kind": "direct"}],
        },
        {
            "type": "article",
            "slug": "relay",
            "body": body,
            "attributions": [
                # Listed before the appearance it was taken from, in the same article.
                {
                    "quotation": "no-deal",
                    "kind": "direct",
                    "text": "no deal",
                    "start": second,
                    "upstream": {"article": "relay", "start": body.index("no deal")},
                },
                {
                    "quotation": "no-deal",
                    "kind": "direct",
                    "text": "no deal",
                    "start": body.index("no deal"),
                    "upstream": {"article": "https://example.org/origin"},
                },
            ],
        },
    ]
    report = import_text(empty_url, "\n".join(json.dumps(line) for line in lines))
    assert report.problems == []
    with psycopg.connect(empty_url) as conn:
        chain = conn.execute(
            "SELECT a.start_offset, up_article.slug, up.start_offset FROM attributions a "
            "JOIN attributions up ON up.id = a.upstream_id "
            "JOIN articles up_article ON up_article.id = up.article_id ORDER BY 1"
        ).fetchall()
    assert chain == [
        (body.index("no deal"), "origin", None),
        (second, "relay", body.index("no deal")),
    ]


def test_importing_again_restores_what_changed_since(seeded_url: str, empty_url: str) -> None:
    data = export_text(seeded_url)
    import_text(empty_url, data)
    with psycopg.connect(empty_url) as conn:
        conn.execute("UPDATE attributions SET cue = 'whispered' WHERE cue = 'he said'")
        conn.commit()
    assert export_text(empty_url) != data
    report = import_text(empty_url, data)
    assert report.problems == []
    assert export_text(empty_url) == data


def test_undecodable_lines_are_refused_one_by_one_and_the_rest_loads(
    empty_url: str, tmp_path: Path
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        b'\xef\xbb\xbf{"type":"outlet","slug":"bbc","name":"BBC"}',  # a BOM is fine
        b'{"type":"outlet","slug":"le-monde","name":"Le Monde \xe9"}',
        b'{"type":"outlet","slug":"lone","name":"\\ud800"}',
        deep.encode(),
        b'{"type":"outlet","slug":"deep","name":"x","website":' + b"[" * 20 + b"]" * 20 + b"}",
        b'{"type":"outlet","slug":"nul","name":"a\\u0000b"}',
        b'{"type":"outlet","slug":"anadolu","name":"Anadolu Agency"}',
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(main, ["import", str(path)], env={"DATABASE_URL": empty_url})
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    refused = [line for line in result.output.splitlines() if line.startswith(str(path))]
    assert refused == [
        f"{path}:line 2: not valid UTF-8: byte 53 is 0xe9 (invalid continuation byte) "
        "(save the file as UTF-8)",
        f"{path}:line 3: a string holds a lone surrogate (U+D800), which cannot be stored as "
        "text (remove the \\u escape, or write the character it was meant to be)",
        f"{path}:line 4: JSON nested deeper than {MAX_DEPTH} levels",
        f"{path}:line 5: JSON nested deeper than {MAX_DEPTH} levels",
        f"{path}:line 6: a string holds NUL (U+0000), which cannot be stored as text "
        "(remove the \\u escape, or write the character it was meant to be)",
    ]
    assert "Loaded 2 of 7 lines" in result.output
    with psycopg.connect(empty_url) as conn:
        slugs = conn.execute("SELECT slug FROM outlets ORDER BY slug").fetchall()
    assert slugs == [("anadolu",), ("bbc",)]


def _article(slug: str, body: str, attributions: list[dict[str, object]]) -> str:
    return json.dumps(
        {"type": "article", "slug": slug, "outlet": "wire", "published_on": "2026-01-01",
         "body": body, "attributions": attributions}
    )  # fmt: skip


def _quote(slug: str, body: str, words: str, upstream: str | None = None) -> dict[str, object]:
    item: dict[str, object] = {
        "quotation": slug, "kind": "direct", "text": words, "start": body.index(words)
    }  # fmt: skip
    if upstream is not None:
        item["upstream"] = {"article": upstream}
    return item


# Two articles relaying each other (a-first takes q2 from b-second, which takes q1 from
# a-first) and a third hop (c-third takes q1 from b-second): no order of whole articles works.
ALPHA, DELTA = "alpha beta gamma", "delta epsilon zeta"
BODY = f"He said: {ALPHA}. She said: {DELTA}."
CROSSED = [
    '{"type":"outlet","slug":"wire","name":"Wire"}',
    '{"type":"speaker","slug":"ann","name":"Ann","kind":"person"}',
    f'{{"type":"quotation","slug":"q1","speaker":"ann","text":"{ALPHA}"}}',
    f'{{"type":"quotation","slug":"q2","speaker":"ann","text":"{DELTA}"}}',
    _article("a-first", BODY, [_quote("q1", BODY, ALPHA)]),
    _article("b-second", BODY, [_quote("q1", BODY, ALPHA, "a-first"), _quote("q2", BODY, DELTA)]),
    _article("a-first", BODY, [_quote("q2", BODY, DELTA, "b-second")]),
    _article("c-third", BODY, [_quote("q1", BODY, ALPHA, "b-second")]),
]


def test_articles_that_relay_each_other_round_trip_in_one_pass(
    empty_url: str, second_empty_url: str
) -> None:
    assert import_text(empty_url, "\n".join(CROSSED)).problems == []
    first = export_text(empty_url)
    articles = [json.loads(line) for line in first.splitlines()]
    parts = [
        (a["slug"], [i["quotation"] for i in a["attributions"]])
        for a in articles
        if a["type"] == "article"
    ]
    assert parts == [
        ("a-first", ["q1"]),
        ("b-second", ["q1", "q2"]),
        ("a-first", ["q2"]),
        ("c-third", ["q1"]),
    ]
    report = import_text(second_empty_url, first)
    assert report.problems == []
    assert export_text(second_empty_url) == first


def test_a_generated_corpus_with_multi_hop_chains_round_trips_in_one_pass(
    empty_url: str, second_empty_url: str
) -> None:
    load_corpus(second_empty_url, CorpusPlan(quotations=40, seed=1), vacuum=False)
    with psycopg.connect(second_empty_url) as conn:
        hops = conn.execute("SELECT max(hop) FROM attribution_hops").fetchone()
    assert hops is not None
    assert hops[0] >= 3  # chains of several relays
    first = export_text(second_empty_url)
    slugs = [r["slug"] for r in map(json.loads, first.splitlines()) if r["type"] == "article"]
    assert len(slugs) > len(set(slugs))  # some articles relay each other: written in parts
    report = import_text(empty_url, first)
    assert report.problems == []
    assert export_text(empty_url) == first


def test_a_database_failing_mid_import_stops_it_at_the_line_to_resume_from(
    pg_cluster: LocalCluster, migrated_template: NoopExecutor
) -> None:
    name = "dbsec_doomed"
    with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE {migrated_template.template_dbname}")
    lines = [f'{{"type":"outlet","slug":"o{i}","name":"O{i}"}}' for i in range(1, 6)]
    done = 0

    def progress(step: int) -> None:
        nonlocal done
        done += step
        if done == 2:  # the database goes away after the second line
            with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as admin:
                admin.execute(f"DROP DATABASE {name} WITH (FORCE)")

    async def go() -> None:
        engine = async_engine(pg_cluster.url(name), pool_size=1)
        try:
            await import_lines(session_factory(engine), lines, actor="t", progress=progress)
        finally:
            await engine.dispose()

    try:
        with pytest.raises(ImportInterrupted) as caught:
            asyncio.run(go())
    finally:
        with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
    assert caught.value.line_number == 3
    assert caught.value.report.loaded == 2
    assert caught.value.report.problems == []
