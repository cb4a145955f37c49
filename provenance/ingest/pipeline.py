"""From inputs to stored articles: skip what the ledger knows, extract, deduplicate, store.

Items are taken in batches. A batch's ledger look-up is one query; pages are loaded (read
or fetched) in this process and their main text and candidates found in worker processes
(``IngestOptions.workers``), outside any transaction, while the previous batch is stored;
then the batch is written in one transaction (no savepoint for each page: their ledger rows
go in one statement at its end). When that transaction fails, each of its pages is written
in a transaction of its own, so one bad page is reported and rolled back alone while the
others of the batch are kept. Every failure names its source and reason; nothing aborts
the run.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from provenance.errors import ProvenanceError
from provenance.extraction import Candidate, Knowledge, extract
from provenance.ingest import ledger
from provenance.ingest.fingerprint import text_sha256
from provenance.ingest.html import ExtractedPage, extract_page
from provenance.ingest.items import Failure, Hints, IngestError, Item, Loaded, Skipped
from provenance.ingest.outlets import OutletTable, load_table, outlet_for
from provenance.services.database_errors import ServiceUnavailableError
from provenance.services.extraction_hops import OutletCache
from provenance.services.extraction_store import load_knowledge, store_extraction
from provenance.services.transactions import write

Input = Item | Failure | Skipped


@dataclass(frozen=True)
class IngestOptions:
    """How a run goes: pages per transaction, trafilatura's fast mode, concurrent writers,
    extraction processes (0: trafilatura and the extractor run in a thread of this one)."""

    batch_size: int = 20
    fast: bool = False
    writers: int = 1
    workers: int = 1


@dataclass(frozen=True)
class StoredPage:
    """A page that became an article, or was found to be one already stored."""

    source: str
    article_id: int
    article_slug: str | None
    duplicate: bool
    candidates: int


@dataclass
class IngestReport:
    """What a run did, counted as it goes."""

    stored: list[StoredPage] = field(default_factory=list)
    duplicates: list[StoredPage] = field(default_factory=list)
    already: int = 0  # recorded by an earlier run: skipped before reading
    skipped: list[Skipped] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    progressed: int = 0  # bytes (or URLs) of input behind us
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    extract_seconds: float = 0.0  # reading or fetching, trafilatura and the extractor
    store_seconds: float = 0.0  # the write transactions

    @property
    def candidates(self) -> int:
        return sum(page.candidates for page in self.stored)

    @property
    def pages(self) -> int:
        """Pages handled: stored, duplicates, already ingested and failed."""
        return len(self.stored) + len(self.duplicates) + self.already + len(self.failures)

    def rate(self) -> float:
        """Pages handled per second so far."""
        elapsed = (self.seconds or time.perf_counter() - self.started) or 1e-9
        return self.pages / elapsed

    def summary(self) -> str:
        return (
            f"{len(self.stored)} articles stored with {self.candidates} candidate "
            f"attributions, {len(self.duplicates)} duplicates, {self.already} already "
            f"ingested, {len(self.skipped)} records skipped, {len(self.failures)} failed, "
            f"in {self.seconds:.1f} s ({self.rate():.1f} pages/s)"
        )

    def as_json(self) -> dict[str, Any]:
        def page(p: StoredPage) -> dict[str, Any]:
            return {
                "source": p.source,
                "article_id": p.article_id,
                "article": p.article_slug,
                "candidates": p.candidates,
            }

        return {
            "stored": len(self.stored),
            "candidates": self.candidates,
            "duplicates": len(self.duplicates),
            "already_ingested": self.already,
            "skipped": len(self.skipped),
            "failed": len(self.failures),
            "seconds": round(self.seconds, 3),
            "extract_seconds": round(self.extract_seconds, 3),
            "store_seconds": round(self.store_seconds, 3),
            "pages_per_second": round(self.rate(), 2),
            "articles": [page(p) for p in self.stored],
            "duplicate_pages": [page(p) for p in self.duplicates],
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }


@dataclass(frozen=True)
class _Ready:
    item: Item
    page: ExtractedPage
    candidates: list[Candidate]


Progress = Callable[[IngestReport], None]


async def from_iterable(items: Iterable[Input]) -> AsyncIterator[Input]:
    """An async stream of inputs that are produced synchronously (files, archives)."""
    for item in items:
        yield item


def _extract_page(
    data: bytes, hints: Hints, fast: bool, knowledge: Knowledge
) -> tuple[ExtractedPage, list[Candidate]] | str:
    """A page's text and candidates, or why it has none (run in a worker process)."""
    try:
        page = extract_page(data, hints=hints, fast=fast)
        return page, extract(page.body, knowledge=knowledge) if _english(page) else []
    except IngestError as error:
        return str(error)
    except Exception as error:  # a library's surprise on one page must not stop the run
        return f"{type(error).__name__}: {error}"


def _extract_all(
    jobs: list[tuple[bytes, Hints]], fast: bool, knowledge: Knowledge
) -> list[tuple[ExtractedPage, list[Candidate]] | str]:
    return [_extract_page(data, hints, fast, knowledge) for data, hints in jobs]


async def _prepare(
    items: list[Item],
    *,
    options: IngestOptions,
    knowledge: Knowledge,
    report: IngestReport,
    executor: Executor | None,
) -> list[_Ready]:
    """Load the pages (reading or fetching), then find their text and candidates in the
    worker processes (or a thread), so that the writers' database work goes on meanwhile."""
    loaded: list[tuple[Item, Loaded]] = []
    for item in items:
        try:
            loaded.append((item, await item.load()))
        except IngestError as error:
            report.failures.append(Failure(item.source, str(error)))
        except Exception as error:  # a library's surprise on one page must not stop the run
            report.failures.append(Failure(item.source, f"{type(error).__name__}: {error}"))
    jobs = [(got.data, replace(i.hints, url=got.url or i.hints.url)) for i, got in loaded]
    results: list[tuple[ExtractedPage, list[Candidate]] | str]
    if executor is None:
        results = await asyncio.to_thread(_extract_all, jobs, options.fast, knowledge)
    else:  # one share of the batch per worker, each sent with the knowledge once
        loop = asyncio.get_running_loop()
        shares = max(1, options.workers)
        parts = await asyncio.gather(
            *(
                loop.run_in_executor(
                    executor, _extract_all, jobs[n::shares], options.fast, knowledge
                )
                for n in range(min(shares, len(jobs)))
            )
        )
        results = [""] * len(jobs)
        for n, part in enumerate(parts):
            results[n::shares] = part
    ready: list[_Ready] = []
    for (item, _), result in zip(loaded, results, strict=True):
        if isinstance(result, str):
            report.failures.append(Failure(item.source, result))
        else:
            ready.append(_Ready(item, *result))
    return ready


def _executor(workers: int) -> Executor | None:
    """The extraction processes. Forked where the platform can (all at the first batch,
    before the pool's own thread starts; they never touch the parent's connections or
    event loop, and a script calling ``ingest`` needs no ``__main__`` guard), else spawned."""
    if workers < 1:
        return None
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def _english(page: ExtractedPage) -> bool:
    """The extractor reads English; pages declared in another language get no candidates."""
    return page.language is None or page.language.split("-")[0] == "en"


@dataclass
class _BatchState:
    """What one batch transaction knows: the outlet table, the articles already stored
    (by URL and text hash, looked up once for the batch, then kept up to date), the
    outlets already resolved, the outlets found by name (for every article of the batch)
    and the ledger rows to write once the batch is stored."""

    table: OutletTable
    by_url: dict[str, int]
    by_digest: dict[str, int]
    outlets: dict[tuple[str | None, str | None], str | None] = field(default_factory=dict)
    named: OutletCache = field(default_factory=OutletCache)
    ledger: list[ledger.Row] = field(default_factory=list)


async def _outlet_slug(
    session: AsyncSession, page: ExtractedPage, state: _BatchState
) -> str | None:
    key = (page.site_name, page.host)
    if key not in state.outlets:
        outlet = await outlet_for(
            session, table=state.table, site_name=page.site_name, host=page.host
        )
        state.outlets[key] = outlet.slug if outlet else None
    return state.outlets[key]


async def _store_one(session: AsyncSession, ready: _Ready, state: _BatchState) -> StoredPage:
    """Store one page (or note it as a duplicate), and remember what later pages of the
    batch must see."""
    page, item = ready.page, ready.item
    digest = text_sha256(page.body)
    duplicate = (state.by_url.get(page.url) if page.url else None) or state.by_digest.get(digest)
    if duplicate is not None:
        article_id, slug, count, outcome = duplicate, None, 0, "duplicate"
    else:
        stored = await store_extraction(
            session,
            body=page.body,
            title=page.title,
            outlet=await _outlet_slug(session, page, state),
            published_on=page.published_on,
            url=page.url,
            candidates=ready.candidates,
            language=page.language,
            url_checked=True,  # not in state.by_url: no article has it
            outlets=state.named,
        )
        article_id, slug, outcome = stored.article_id, stored.article_slug, "stored"
        count = sum(1 for c in stored.candidates if c.attribution_id is not None)
        if page.url:
            state.by_url[page.url] = article_id
        state.by_digest[digest] = article_id
    state.ledger.append(
        ledger.Row(item.key, item.source, article_id, outcome, digest, page.author, page.site_name)
    )
    return StoredPage(item.source, article_id, slug, outcome == "duplicate", count)


async def _write_batch(
    factory: async_sessionmaker[AsyncSession], batch: list[_Ready], *, actor: str
) -> list[StoredPage]:
    """Store the batch in one transaction, with no savepoint: a page that fails fails the
    whole transaction (``_write_all`` then stores the pages one by one)."""

    async def work(session: AsyncSession) -> list[StoredPage]:
        urls = [r.page.url for r in batch if r.page.url]
        digests = [text_sha256(r.page.body) for r in batch]
        by_url, by_digest = await ledger.known_duplicates(session, urls=urls, digests=digests)
        state = _BatchState(await load_table(session), by_url, by_digest)
        done = [await _store_one(session, ready, state) for ready in batch]
        await ledger.record_many(session, state.ledger)
        return done

    return await write(factory, work, actor=actor)


async def _write_all(
    factory: async_sessionmaker[AsyncSession], batch: list[_Ready], *, actor: str
) -> list[tuple[list[StoredPage], list[Failure]]]:
    """The batch in one transaction; if that transaction fails, each page in its own, so a
    bad page is rolled back and reported alone (with its source and reason)."""
    if not batch:
        return []
    try:
        return [(await _write_batch(factory, batch, actor=actor), [])]
    except ProvenanceError as error:
        if len(batch) == 1 or isinstance(error, ServiceUnavailableError):
            return [([], [Failure(ready.item.source, str(error)) for ready in batch])]
    done: list[StoredPage] = []
    failed: list[Failure] = []
    for ready in batch:
        try:
            done += await _write_batch(factory, [ready], actor=actor)
        except ProvenanceError as error:
            failed.append(Failure(ready.item.source, str(error)))
    return [(done, failed)]


async def ingest(
    factory: async_sessionmaker[AsyncSession],
    inputs: AsyncIterable[Input],
    *,
    actor: str,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest every input; the report lists what was stored, duplicated, skipped, failed.

    ``factory`` needs ``options.writers + 1`` connections: one reads the ledger, the
    writers store batches side by side, while the next batch is read and extracted.
    """
    options = options or IngestOptions()
    report = IngestReport()
    queue: asyncio.Queue[tuple[list[_Ready], int] | None] = asyncio.Queue(options.writers)

    def advance(size: int) -> None:
        report.progressed += size
        if progress is not None:
            progress(report)

    async def writer() -> None:
        while (job := await queue.get()) is not None:
            ready, size = job
            started = time.perf_counter()
            results = await _write_all(factory, ready, actor=actor)
            report.store_seconds += time.perf_counter() - started
            for done, failed in results:
                report.failures.extend(failed)
                for page in done:
                    (report.duplicates if page.duplicate else report.stored).append(page)
            advance(size)

    async def produce(batch: list[Item]) -> None:
        async with factory() as session:
            known = await ledger.known_keys(session, [item.key for item in batch])
            fresh = [item for item in batch if item.key not in known]
            # The speakers and outlets stored so far, to resolve names (once per batch).
            knowledge = await load_knowledge(session) if fresh else Knowledge((), ())
        report.already += len(batch) - len(fresh)
        started = time.perf_counter()
        ready = await _prepare(
            fresh, options=options, knowledge=knowledge, report=report, executor=executor
        )
        report.extract_seconds += time.perf_counter() - started
        await queue.put((ready, sum(item.size for item in batch)))

    async def read_inputs() -> None:
        batch: list[Item] = []
        async for entry in inputs:
            if isinstance(entry, Item):
                batch.append(entry)
                if len(batch) >= options.batch_size:
                    await produce(batch)
                    batch = []
                continue
            (report.failures if isinstance(entry, Failure) else report.skipped).append(entry)  # type: ignore[arg-type]
            advance(entry.size)
        if batch:
            await produce(batch)

    executor = _executor(options.workers)
    writers = [asyncio.create_task(writer()) for _ in range(options.writers)]
    try:
        await read_inputs()
        for _ in writers:
            await queue.put(None)
        await asyncio.gather(*writers)
    finally:
        for task in writers:
            task.cancel()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    report.seconds = time.perf_counter() - report.started
    if progress is not None:
        progress(report)
    return report
