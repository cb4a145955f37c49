"""The pipeline's batches: a page the store refuses is rolled back alone."""

from __future__ import annotations

import asyncio

import psycopg

from provenance.db import async_engine, session_factory
from provenance.ingest.html import ExtractedPage
from provenance.ingest.items import Item, bytes_key, ready
from provenance.ingest.pipeline import _Ready, _write_all


def _ready(name: str, body: str, url: str | None = None) -> _Ready:
    host = "a.test" if url else None
    page = ExtractedPage(body, f"Title {name}", None, None, url, host, None, None)
    data = body.encode() + name.encode()
    return _Ready(Item(name, bytes_key(data), ready(data)), page, [])


def test_one_refused_page_leaves_the_rest_of_its_batch(empty_url: str) -> None:
    batch = [
        _ready("one", "The first story has enough words to be an article of its own here."),
        _ready("empty", "   "),  # the store refuses an empty text
        _ready("two", "The second story also has enough words to be an article of its own."),
    ]

    async def run() -> list[tuple[list[str], list[str]]]:
        engine = async_engine(empty_url, pool_size=1)
        try:
            results = await _write_all(session_factory(engine), batch, actor="test")
        finally:
            await engine.dispose()
        return [([p.source for p in done], [f.source for f in failed]) for done, failed in results]

    assert asyncio.run(run()) == [(["one", "two"], ["empty"])]
    with psycopg.connect(empty_url) as connection:
        titles = [r[0] for r in connection.execute("SELECT title FROM articles ORDER BY id")]
        ledger = [r[0] for r in connection.execute("SELECT source FROM ingested_items")]
    assert titles == ["Title one", "Title two"]
    assert sorted(ledger) == ["one", "two"]


def test_duplicates_within_one_batch(empty_url: str) -> None:
    text = 'The same story, reprinted by two sites: "we agree," the mayor said on Monday.'
    first = _ready("first", text)
    # Curly marks, other spacing and case: the same normalised text.
    retyped_text = text.replace(' "', " \u201c").replace(',"', ",\u201d").replace(" ", "  ")
    retyped = _ready("retyped", retyped_text.upper())
    same_url = _ready(
        "same-url",
        "Another text at a URL stored in this very batch, long enough.",
        "https://a.test/x",
    )
    at_url = _ready(
        "at-url",
        "The text first stored at that URL, with words enough for an article.",
        "https://a.test/x",
    )

    async def run() -> list[tuple[str, bool]]:
        engine = async_engine(empty_url, pool_size=1)
        try:
            batch = [first, retyped, at_url, same_url]
            results = await _write_all(session_factory(engine), batch, actor="test")
        finally:
            await engine.dispose()
        return [(p.source, p.duplicate) for done, _ in results for p in done]

    assert asyncio.run(run()) == [
        ("first", False),
        ("retyped", True),
        ("at-url", False),
        ("same-url", True),
    ]
    with psycopg.connect(empty_url) as connection:
        outcomes = connection.execute(
            "SELECT source, outcome FROM ingested_items ORDER BY id"
        ).fetchall()
    assert outcomes == [
        ("first", "stored"),
        ("retyped", "duplicate"),
        ("at-url", "stored"),
        ("same-url", "duplicate"),
    ]


def test_worker_processes_extract_like_the_thread_and_report_a_bad_page() -> None:
    """Pages go to the extraction processes in shares and come back in order; a page
    without article text is a failure naming its source; the thread gives the same."""
    import random

    from provenance.extraction import Knowledge
    from provenance.ingest.pipeline import IngestOptions, IngestReport, _executor, _prepare
    from provenance.ingest.synthetic import news_page, synthetic_article

    rng = random.Random(3)
    pages = [news_page(synthetic_article(n, rng=rng)).encode() for n in range(1, 6)]
    pages.insert(2, b"<html><body><p>Too short.</p></body></html>")
    items = [Item(f"page-{n}", bytes_key(data), ready(data)) for n, data in enumerate(pages)]

    async def run(workers: int) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]]]:
        report = IngestReport()
        options = IngestOptions(workers=workers)
        executor = _executor(workers)
        try:
            found = await _prepare(
                items,
                options=options,
                knowledge=Knowledge((), ()),
                report=report,
                executor=executor,
            )
        finally:
            if executor is not None:
                executor.shutdown()
        return (
            [(r.item.source, r.page.body, len(r.candidates)) for r in found],
            [(f.source, f.reason) for f in report.failures],
        )

    in_processes = asyncio.run(run(2))
    assert [source for source, _, _ in in_processes[0]] == [
        "page-0",
        "page-1",
        "page-3",
        "page-4",
        "page-5",
    ]
    assert all(count == 4 for _, _, count in in_processes[0])
    assert [(source, reason.split(" (")[0]) for source, reason in in_processes[1]] == [
        ("page-2", "no article text found in the page")
    ]
    assert asyncio.run(run(0)) == in_processes
