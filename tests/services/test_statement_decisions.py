"""A person confirms or rejects a proposed same-statement link, on a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.extraction import Hop, HopRole, SpeakerType
from provenance.models import Attribution, LinkDecision, Quotation, StatementLink
from provenance.services.statement_decisions import decide_statement_link
from tests.services.test_extraction_chains import FIRST, LAVROV, _candidate, _store
from tests.services.writing_support import run_in_transaction

WORDS = "the whole architecture of global security is broken"
UNSURE = 'Lavrov said "the security of Europe is broken beyond repair".\n'
ALIKE = 'Lavrov said "the whole structure of global security is broken" on Monday.\n'


def _link_of(url: str, attribution_id: int | None) -> tuple[int, str]:
    async def work(session: AsyncSession) -> tuple[int, str]:
        link = await session.scalar(
            select(StatementLink).where(StatementLink.attribution_id == attribution_id)
        )
        assert link is not None
        return link.id, link.decision

    return run_in_transaction(url, work)


def _decide(url: str, link_id: int, *, confirm: bool) -> str:
    async def work(session: AsyncSession) -> str:
        link = await decide_statement_link(session, link_id=link_id, confirm=confirm)
        return link.decision

    return run_in_transaction(url, work)


def _rows(url: str, *ids: int | None) -> list[tuple[int, int | None]]:
    async def work(session: AsyncSession) -> list[tuple[int, int | None]]:
        found = []
        for ident in ids:
            row = await session.get_one(Attribution, ident)
            found.append((row.quotation_id, row.upstream_id))
        return found

    return run_in_transaction(url, work)


def test_confirming_a_proposal_makes_one_quotation(empty_url: str) -> None:
    first = _store(empty_url, FIRST, "Daily Example", [_candidate(FIRST, WORDS, (), LAVROV)])
    words = "the security of Europe is broken beyond repair"
    second = _store(empty_url, UNSURE, "Evening Post", [_candidate(UNSURE, words, (), LAVROV)])
    earlier_id = first.candidates[0].attribution_id
    later_id = second.candidates[0].attribution_id
    link_id, decision = _link_of(empty_url, later_id)
    assert decision == LinkDecision.PROPOSED.value
    (own_quotation, _), (earlier_quotation, _) = _rows(empty_url, later_id, earlier_id)
    assert own_quotation != earlier_quotation
    assert _decide(empty_url, link_id, confirm=True) == "confirmed"
    assert _rows(empty_url, later_id)[0] == (earlier_quotation, earlier_id)

    async def gone(session: AsyncSession) -> Quotation | None:
        return await session.get(Quotation, own_quotation)

    assert run_in_transaction(empty_url, gone) is None
    assert _decide(empty_url, link_id, confirm=True) == "confirmed"  # again: no change
    with pytest.raises(InvalidInputError, match="already confirmed"):
        _decide(empty_url, link_id, confirm=False)


def test_rejecting_a_join_splits_the_appearance_off(empty_url: str) -> None:
    first = _store(empty_url, FIRST, "Daily Example", [_candidate(FIRST, WORDS, (), LAVROV)])
    words = "the whole structure of global security is broken"
    second = _store(empty_url, ALIKE, "Evening Post", [_candidate(ALIKE, words, (), LAVROV)])
    earlier_id = first.candidates[0].attribution_id
    later_id = second.candidates[0].attribution_id
    link_id, decision = _link_of(empty_url, later_id)
    assert decision == LinkDecision.JOINED.value
    (joined_quotation, upstream), (earlier_quotation, _) = _rows(empty_url, later_id, earlier_id)
    assert (joined_quotation, upstream) == (earlier_quotation, earlier_id)
    assert _decide(empty_url, link_id, confirm=False) == "rejected"
    (own_quotation, upstream), (still, _) = _rows(empty_url, later_id, earlier_id)
    assert own_quotation != earlier_quotation
    assert upstream is None
    assert still == earlier_quotation

    async def words_of(session: AsyncSession) -> str:
        return (await session.get_one(Quotation, own_quotation)).text

    assert run_in_transaction(empty_url, words_of) == words


def test_a_rejected_join_takes_its_own_hops_along(empty_url: str) -> None:
    _store(empty_url, FIRST, "Daily Example", [_candidate(FIRST, WORDS, (), LAVROV)])
    words = "the whole structure of global security is broken"
    hop = (Hop(HopRole.TOLD, "Interfax", "told Interfax", SpeakerType.OUTLET),)
    second = _store(empty_url, ALIKE, "Evening Post", [_candidate(ALIKE, words, hop, LAVROV)])
    later_id = second.candidates[0].attribution_id
    link_id, _ = _link_of(empty_url, later_id)
    [(quotation_before, hop_id)] = _rows(empty_url, later_id)
    assert hop_id is not None
    _decide(empty_url, link_id, confirm=False)
    [(own, upstream), (hop_quotation, hop_upstream)] = _rows(empty_url, later_id, hop_id)
    assert own != quotation_before
    assert (upstream, hop_quotation, hop_upstream) == (hop_id, own, None)
