"""Storing extracted candidates, against a real database."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.models import Article, Attribution, AttributionStatus, Quotation, Speaker
from provenance.services.extraction_store import StoredArticle, load_knowledge, store_extraction
from tests.services.writing_support import run_in_transaction

RELAY = (
    "Talal Silo, who defected from the SDF, repeated his account on Friday.\n\n"
    "\u201cThe SDF, the US and Manbij Military Council provided security for 2,000 Daesh "
    "members and allowed them to go towards Jarablus,\u201d Silo told Anadolu Agency.\n\n"
    "\u201cWe never agreed to any of it,\u201d Cilo said.\n"
)

FLOODS = (
    "Rivers burst their banks across the region on Sunday.\n\n"
    '"We lost everything in one night," said Hana Novak, a farmer from the valley.\n\n'
    "The regional governor told Reuters that 300 homes had been evacuated.\n"
)


def _store(db_url: str, body: str, **options: Any) -> StoredArticle:
    return run_in_transaction(db_url, lambda s: store_extraction(s, body=body, **options))


@pytest.mark.reads_only
def test_knowledge_holds_stored_aliases(seeded_url: str) -> None:
    knowledge = run_in_transaction(seeded_url, load_knowledge)
    silo = next(s for s in knowledge.speakers if s.slug == "talal-silo")
    assert "the former SDF spokesperson" in silo.aliases
    assert "BBC" in knowledge.outlets


def test_relayed_quote_joins_the_stored_quotation(seeded_url: str) -> None:
    stored = _store(seeded_url, RELAY, title="Silo repeats", outlet="Daily Example")
    by_text = {s.candidate.text[:12]: s for s in stored.candidates}
    manbij = by_text["The SDF, the"]
    assert manbij.speaker_slug == "talal-silo"
    assert manbij.quotation_slug == "silo-manbij-security"
    assert not manbij.new_quotation
    assert manbij.similarity is not None
    assert manbij.similarity > 0.5
    assert manbij.upstream_id is not None

    async def check(session: AsyncSession) -> None:
        row = await session.get_one(Attribution, manbij.attribution_id)
        assert row.status == AttributionStatus.EXTRACTED
        assert row.confidence is not None
        assert 0 < row.confidence < 1
        upstream = await session.get_one(Attribution, manbij.upstream_id)
        article = await session.get_one(Article, upstream.article_id)
        # Told Anadolu Agency: the upstream hop is the agency's interview.
        assert article.slug == "anadolu-agency-silo-interview"

    run_in_transaction(seeded_url, check)


def test_cilo_is_never_silo(seeded_url: str) -> None:
    stored = _store(seeded_url, RELAY)
    cilo = next(s for s in stored.candidates if s.candidate.text.startswith("We never"))
    assert cilo.speaker_slug == "cilo"
    assert cilo.new_quotation


def test_new_speakers_quotations_and_citation_hop(empty_url: str) -> None:
    stored = _store(
        empty_url, FLOODS, title="Floods", outlet="Valley Times", url="https://x.test/1"
    )
    assert stored.article_slug.startswith("floods-")
    lost = next(s for s in stored.candidates if s.candidate.text.startswith("We lost"))
    assert lost.new_speaker
    assert lost.new_quotation
    assert lost.speaker_slug is not None
    assert lost.speaker_slug.startswith("hana-novak-")
    homes = next(s for s in stored.candidates if s.candidate.text.startswith("300 homes"))
    assert homes.upstream_id is not None

    async def check(session: AsyncSession) -> None:
        speaker = await session.scalar(select(Speaker).where(Speaker.slug == lost.speaker_slug))
        assert speaker is not None
        assert speaker.name == "Hana Novak"
        hop = await session.get_one(Attribution, homes.upstream_id)
        cited = await session.get_one(Article, hop.article_id)
        assert cited.body is None
        assert cited.cited_as == "told Reuters"  # the words that state the hop (Hop.cue)
        quotations = await session.scalar(select(Quotation).where(Quotation.id == hop.quotation_id))
        assert quotations is not None

    run_in_transaction(empty_url, check)


def test_storing_twice_changes_nothing(empty_url: str) -> None:
    first = _store(empty_url, FLOODS, url="https://x.test/2")
    second = _store(empty_url, FLOODS, url="https://x.test/2")
    assert [s.attribution_id for s in first.candidates] == [
        s.attribution_id for s in second.candidates
    ]
    assert first.article_slug == second.article_slug


def test_a_persons_record_is_kept(seeded_url: str) -> None:
    async def body(session: AsyncSession) -> str:
        article = await session.scalar(select(Article).where(Article.slug == "seed-002"))
        assert article is not None
        assert article.body is not None
        return article.body

    text = run_in_transaction(seeded_url, body)
    stored = run_in_transaction(
        seeded_url, lambda s: store_extraction(s, body=text, slug="seed-002")
    )
    assert stored.candidates
    assert all(s.attribution_id is None for s in stored.candidates)
