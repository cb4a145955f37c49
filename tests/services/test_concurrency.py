"""Parallel writers on overlapping data: no duplicates, no errors, exactly one copy."""

from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.models import AliasKind
from provenance.services import speakers
from provenance.services.importing import ImportReport
from tests.services.writing_support import export_text, import_text, run_write

TABLES = (
    "outlets",
    "speakers",
    "speaker_aliases",
    "quotations",
    "articles",
    "attributions",
    "attribution_markers",
)


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in TABLES
        }


def in_parallel(jobs: list[Callable[[], object]]) -> list[object]:
    """Run each job in its own thread (each opens its own connections); re-raise failures."""
    results: list[object] = [None] * len(jobs)
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            start.wait()
            results[index] = job()
        except BaseException as error:  # collected and re-raised in the main thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def test_parallel_imports_of_the_same_file_leave_exactly_one_copy(
    seeded_url: str, empty_url: str
) -> None:
    data = export_text(seeded_url)
    reports = in_parallel([lambda: import_text(empty_url, data) for _ in range(4)])
    for report in reports:
        assert isinstance(report, ImportReport)
        assert report.problems == []
    assert counts(empty_url) == counts(seeded_url)
    assert export_text(empty_url) == data


def test_imports_and_editors_at_the_same_time(seeded_url: str, empty_url: str) -> None:
    data = export_text(seeded_url)
    import_text(empty_url, "\n".join(data.splitlines()[:12]))  # outlets and speakers

    def add_alias() -> object:
        async def work(session: AsyncSession) -> None:
            await speakers.add_speaker_alias(
                session, speaker_slug="eric-pahon", alias="Pahon", kind=AliasKind.NAME
            )

        for _ in range(5):
            run_write(empty_url, work, actor="editor")
        return None

    reports = in_parallel(
        [lambda: import_text(empty_url, data), lambda: import_text(empty_url, data), add_alias]
    )
    assert all(r.problems == [] for r in reports if isinstance(r, ImportReport))
    with psycopg.connect(empty_url) as conn:
        pahon = conn.execute(
            "SELECT count(*) FROM speaker_aliases WHERE alias = 'Pahon'"
        ).fetchone()
    assert pahon == (1,)
    expected = counts(seeded_url)
    expected["speaker_aliases"] += 1
    assert counts(empty_url) == expected
