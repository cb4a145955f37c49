"""A batch stored in one transaction, without a savepoint for each page, stores exactly what
storing its pages one transaction at a time does, in fewer statements."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from typing import Any

import psycopg
from sqlalchemy import event

from provenance.db import async_engine, session_factory
from provenance.extraction import Knowledge
from provenance.ingest import ledger
from provenance.ingest.items import Item, bytes_key, ready
from provenance.ingest.pipeline import IngestOptions, IngestReport, _prepare, _Ready, _write_all
from provenance.ingest.synthetic import news_page, synthetic_article

TABLES = (
    "outlets",
    "speakers",
    "speaker_aliases",
    "articles",
    "quotations",
    "attributions",
    "attribution_markers",
    "statement_links",
    "ingested_items",
)


def _pages(count: int) -> list[_Ready]:
    """Synthetic news pages (four quotations each, the same speakers again and again, so
    that later pages join and propose earlier ones), with one page's text again."""
    rng = random.Random(7)
    pages = [news_page(synthetic_article(n, rng=rng)).encode() for n in range(1, count + 1)]
    pages.append(pages[1] + b"<!-- a copy -->")  # the same text: a duplicate in the batch
    items = [Item(f"page-{n}", bytes_key(data), ready(data)) for n, data in enumerate(pages)]
    report = IngestReport()
    found = asyncio.run(
        _prepare(
            items,
            options=IngestOptions(workers=0, fast=True),
            knowledge=Knowledge((), ()),
            report=report,
            executor=None,
        )
    )
    assert not report.failures
    return found


def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an ingest writes, in id order, without the clock columns."""
    dumped: dict[str, list[tuple[Any, ...]]] = {}
    with psycopg.connect(url) as connection:
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [c.name for c in cursor.description or ()]
            keep = [i for i, name in enumerate(names) if name not in ("created_at", "updated_at")]
            dumped[table] = [tuple(row[i] for i in keep) for row in cursor]
    return dumped


def _store(url: str, batches: list[list[_Ready]]) -> list[str]:
    """Store the batches in order; the SQL statements sent, as their first words."""
    sent: list[str] = []

    async def run() -> None:
        engine = async_engine(url, pool_size=1)

        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def note(*args: Any) -> None:
            sent.append(" ".join(str(args[2]).split()[:3]))

        try:
            for batch in batches:
                for done, failed in await _write_all(session_factory(engine), batch, actor="t"):
                    assert not failed
                    assert done
        finally:
            await engine.dispose()

    asyncio.run(run())
    return sent


def test_a_batch_in_one_transaction_stores_what_page_by_page_stores(
    empty_url: str, second_empty_url: str
) -> None:
    pages = _pages(8)
    batched = _store(empty_url, [pages])
    one_by_one = _store(second_empty_url, [[page] for page in pages])
    stored = _dump(empty_url)
    assert stored == _dump(second_empty_url)
    assert len(stored["articles"]) > 8  # the pages and the reports they cite
    assert len(stored["attributions"]) >= 32
    assert stored["statement_links"], "later pages are linked to earlier ones"
    outcomes = [row[4] for row in stored["ingested_items"]]
    assert outcomes.count("stored") == 8
    assert outcomes.count("duplicate") == 1
    # No savepoint for each page, and the ledger rows of the batch in one statement.
    assert not [s for s in batched if s.startswith(("SAVEPOINT", "RELEASE"))]
    assert sum(s.startswith("INSERT INTO ingested_items") for s in batched) == 1
    assert sum(s.startswith("INSERT INTO ingested_items") for s in one_by_one) == len(pages)
    assert len(batched) < len(one_by_one)


def test_the_ledger_keeps_the_first_row_of_a_key(empty_url: str) -> None:
    """record_many writes rows in order; a key given twice, or recorded already, keeps its
    first row."""
    body = "A story long enough to be stored as an article of its own, with some words."
    with psycopg.connect(empty_url) as connection:
        article = connection.execute(
            "INSERT INTO articles (slug, body) VALUES ('a-story', %s) RETURNING id", (body,)
        ).fetchone()
        assert article is not None
        connection.execute(
            "INSERT INTO ingested_items (key, source, article_id, outcome, text_sha256) "
            "VALUES ('sha256:old', 'earlier run', %s, 'stored', %s)",
            (article[0], "0" * 64),
        )
    rows = [
        ledger.Row("sha256:a", "first", article[0], "duplicate", "a" * 64, "An Author", None),
        ledger.Row("sha256:b", "second", article[0], "duplicate", "b" * 64, None, "A Site"),
        ledger.Row("sha256:a", "again", article[0], "duplicate", "a" * 64, None, None),
        ledger.Row("sha256:old", "this run", article[0], "duplicate", "0" * 64, None, None),
    ]

    async def run() -> None:
        engine = async_engine(empty_url, pool_size=1)
        try:
            async with session_factory(engine)() as session, session.begin():
                await ledger.record_many(session, rows)
                await ledger.record_many(session, [])
        finally:
            await engine.dispose()

    asyncio.run(run())
    with psycopg.connect(empty_url) as connection:
        found = connection.execute(
            "SELECT key, source, author, site_name FROM ingested_items ORDER BY id"
        ).fetchall()
    assert found == [
        ("sha256:old", "earlier run", None, None),
        ("sha256:a", "first", "An Author", None),
        ("sha256:b", "second", None, "A Site"),
    ]


def test_a_page_the_database_refuses_at_the_batch_end_fails_alone(empty_url: str) -> None:
    """The ledger rows go in at the end of the batch: when the database refuses one (a NUL
    in its source), the batch is stored again page by page and only that page fails."""
    pages = _pages(3)[:3]
    bad = replace(pages[1], item=replace(pages[1].item, source="page-1\x00"))

    async def run() -> list[tuple[list[str], list[tuple[str, str]]]]:
        engine = async_engine(empty_url, pool_size=1)
        try:
            results = await _write_all(
                session_factory(engine), [pages[0], bad, pages[2]], actor="t"
            )
        finally:
            await engine.dispose()
        return [
            ([p.source for p in done], [(f.source, f.reason) for f in failed])
            for done, failed in results
        ]

    [(done, failed)] = asyncio.run(run())
    assert done == ["page-0", "page-2"]
    assert [source for source, _ in failed] == ["page-1\x00"]
    assert "NUL" in failed[0][1]
    with psycopg.connect(empty_url) as connection:
        ledger_rows = connection.execute("SELECT source FROM ingested_items ORDER BY id").fetchall()
        articles = connection.execute(
            "SELECT count(*) FROM articles WHERE body IS NOT NULL"
        ).fetchone()
    assert ledger_rows == [("page-0",), ("page-2",)]
    assert articles == (2,)
