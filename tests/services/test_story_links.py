"""Storing two rewrites of one story: paraphrases of one statement are joined (method
story), other statements of the same speaker and another story's quotations are not."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.models import Attribution, StatementLink
from provenance.services.extraction_store import StoredArticle, store_extraction
from tests.linking.story_articles import (
    BOAT_1,
    BOAT_2,
    FIRST,
    FIRST_CANDIDATES,
    HARD_1,
    HARD_2,
    OTHER,
    OTHER_CANDIDATES,
    PRICES_2,
    SECOND,
    SECOND_CANDIDATES,
    STATEMENT_1,
    STATEMENT_2,
)
from tests.services.writing_support import run_in_transaction


def _by_text(stored: StoredArticle) -> dict[str, int]:
    return {c.candidate.text: c.attribution_id for c in stored.candidates if c.attribution_id}


def test_rewrites_of_one_story_join_their_paraphrases(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        first = await store_extraction(
            session,
            body=FIRST,
            title="Ferry to close",
            outlet="Gazette",
            candidates=FIRST_CANDIDATES,
        )
        second = await store_extraction(
            session,
            body=SECOND,
            title="Ferry ends in March",
            outlet="Courier",
            candidates=SECOND_CANDIDATES,
        )
        one, two = _by_text(first), _by_text(second)
        quotation = dict(
            (
                await session.execute(
                    select(Attribution.id, Attribution.quotation_id).where(
                        Attribution.id.in_([*one.values(), *two.values()])
                    )
                )
            ).all()
        )
        for earlier, later in ((STATEMENT_1, STATEMENT_2), (HARD_1, HARD_2), (BOAT_1, BOAT_2)):
            assert quotation[two[later]] == quotation[one[earlier]], later
        # Another statement of the mayor is a quotation of its own, joined to nothing.
        assert quotation[two[PRICES_2]] not in {quotation[i] for i in one.values()}
        links = (
            await session.execute(
                select(
                    StatementLink.attribution_id,
                    StatementLink.earlier_id,
                    StatementLink.method,
                    StatementLink.decision,
                )
            )
        ).all()
        joined = {(a, e): m for a, e, m, d in links if d == "joined"}
        assert joined[(two[STATEMENT_2], one[STATEMENT_1])] == "story"
        assert joined[(two[HARD_2], one[HARD_1])] == "story"
        assert (two[BOAT_2], one[BOAT_1]) in joined
        assert not any(a == two[PRICES_2] for a, _ in joined)

    run_in_transaction(empty_url, work)


def test_another_story_with_alike_words_is_not_joined(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        await store_extraction(
            session,
            body=FIRST,
            title="Ferry to close",
            outlet="Gazette",
            candidates=FIRST_CANDIDATES,
        )
        other = await store_extraction(
            session,
            body=OTHER,
            title="Water tariffs up",
            outlet="Courier",
            candidates=OTHER_CANDIDATES,
        )
        assert all(c.new_quotation and c.similarity is None for c in other.candidates)
        methods = set(await session.scalars(select(StatementLink.method)))
        assert "story" not in methods

    run_in_transaction(empty_url, work)
