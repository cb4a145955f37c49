"""Verifying and disputing attributions keeps who, when and why, and sets the status."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError, NotFoundError
from provenance.services import verdicts
from tests.services.writing_support import run_write


def some_attribution(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT min(id) FROM attributions").fetchone()
    assert row is not None
    return int(row[0])


def test_verdicts_set_the_status_and_keep_their_history(seeded_url: str) -> None:
    attribution_id = some_attribution(seeded_url)

    async def verify(session: AsyncSession) -> None:
        await verdicts.verify_attribution(
            session, attribution_id=attribution_id, actor="ana", reason="matches the archive"
        )

    async def dispute(session: AsyncSession) -> None:
        await verdicts.dispute_attribution(
            session, attribution_id=attribution_id, actor="ben", reason="the video says 'six'"
        )

    async def history(session: AsyncSession) -> list[tuple[str, str, str]]:
        rows = await verdicts.verdicts_of(session, attribution_id=attribution_id)
        return [(r.verdict, r.actor, r.reason) for r in rows]

    run_write(seeded_url, verify, actor="ana")
    run_write(seeded_url, dispute, actor="ben")
    assert run_write(seeded_url, history) == [
        ("verified", "ana", "matches the archive"),
        ("disputed", "ben", "the video says 'six'"),
    ]
    with psycopg.connect(seeded_url) as conn:
        status = conn.execute(
            "SELECT status FROM attributions WHERE id = %s", (attribution_id,)
        ).fetchone()
        changes = conn.execute(
            "SELECT actor, before->>'status', after->>'status' FROM history "
            "WHERE table_name = 'attributions' AND row_id = %s AND operation = 'UPDATE' "
            "ORDER BY id",
            (attribution_id,),
        ).fetchall()
    assert status == ("disputed",)
    assert changes == [("ana", "recorded", "verified"), ("ben", "verified", "disputed")]


@pytest.mark.reads_only
def test_a_verdict_needs_a_reason(seeded_url: str) -> None:
    attribution_id = some_attribution(seeded_url)

    async def verify(session: AsyncSession) -> None:
        await verdicts.verify_attribution(
            session, attribution_id=attribution_id, actor="ana", reason="  "
        )

    with pytest.raises(InvalidInputError) as caught:
        run_write(seeded_url, verify)
    assert caught.value.field == "reason"


@pytest.mark.reads_only
def test_a_verdict_on_a_missing_attribution_is_refused(seeded_url: str) -> None:
    async def verify(session: AsyncSession) -> None:
        await verdicts.verify_attribution(session, attribution_id=-1, actor="ana", reason="x")

    with pytest.raises(NotFoundError):
        run_write(seeded_url, verify)
