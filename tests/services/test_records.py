"""The record functions of the write path: linking an attribution to its upstream."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import DatabaseRuleError, InvalidInputError
from provenance.services import records
from tests.services.writing_support import run_write


def appearances(url: str, quotation_slug: str) -> list[tuple[int, int | None]]:
    """(id, upstream_id) of the appearances of a quotation, upstream first."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT a.id, a.upstream_id FROM attributions a JOIN quotations q "
            "ON q.id = a.quotation_id WHERE q.slug = %s ORDER BY a.upstream_id NULLS FIRST",
            (quotation_slug,),
        ).fetchall()
    return [(int(r[0]), r[1]) for r in rows]


def test_link_and_unlink_upstream(seeded_url: str) -> None:
    (first, _), (second, upstream) = appearances(seeded_url, "bbc-daesh-left-raqqa")[:2]
    assert upstream == first

    async def unlink(session: AsyncSession) -> None:
        await records.link_upstream(session, attribution_id=second, upstream_id=None)

    async def link(session: AsyncSession) -> None:
        await records.link_upstream(session, attribution_id=second, upstream_id=first)

    run_write(seeded_url, unlink)
    assert (second, None) in appearances(seeded_url, "bbc-daesh-left-raqqa")
    run_write(seeded_url, link)
    assert (second, first) in appearances(seeded_url, "bbc-daesh-left-raqqa")


def test_a_cycle_is_refused_with_the_database_reason(seeded_url: str) -> None:
    (first, _), (second, _) = appearances(seeded_url, "bbc-daesh-left-raqqa")[:2]

    async def cycle(session: AsyncSession) -> None:
        await records.link_upstream(session, attribution_id=first, upstream_id=second)

    with pytest.raises(DatabaseRuleError, match="cycle") as caught:
        run_write(seeded_url, cycle)
    assert caught.value.hint


@pytest.mark.reads_only
def test_upstream_of_another_quotation_is_refused(seeded_url: str) -> None:
    (first, _) = appearances(seeded_url, "bbc-daesh-left-raqqa")[0]
    (other, _) = appearances(seeded_url, "pahon-confirms-deal")[0]

    async def link(session: AsyncSession) -> None:
        await records.link_upstream(session, attribution_id=first, upstream_id=other)

    with pytest.raises(InvalidInputError, match="another quotation") as caught:
        run_write(seeded_url, link)
    assert caught.value.field == "upstream"


def test_a_real_duplicate_names_the_column_after_its_retries(empty_url: str) -> None:
    async def two_slugs_one_name(session: AsyncSession) -> None:
        await records.upsert_outlet(session, slug="bbc", name="BBC")
        await records.upsert_outlet(session, slug="bbc-news", name="BBC")

    with pytest.raises(DatabaseRuleError, match="already exists") as caught:
        run_write(empty_url, two_slugs_one_name)
    assert caught.value.field == "name"
