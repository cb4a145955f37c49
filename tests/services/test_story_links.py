"""Storing two rewrites of one story: paraphrases of one statement are joined (method
story), other statements of the same speaker and another story's quotations are not."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import SpeakerRef, SpeakerType
from provenance.linking import JOIN_SCORE, PROPOSE_SCORE, score_statements
from provenance.linking.score import speaker_weight
from provenance.models import Attribution, StatementLink
from provenance.services.extraction_store import StoredArticle, store_extraction
from provenance.services.statement_links import EarlierAppearance
from provenance.services.story_links import StoryMatch, merge_story
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
    candidate,
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


FIRE_1 = (
    "A fire destroyed the Kestrel paint factory in Ormsby on Sunday night. Fire officials said "
    "the blaze broke out in a storage hall and spread quickly to the main workshop within "
    "minutes. The owner, Lena Markov, said the company would rebuild. Neighbours said the "
    "smoke forced dozens of families to leave their homes."
)
FIRE_2 = (
    "The Kestrel paint works in Ormsby burned down late on Sunday. According to firefighters, "
    "the blaze began in a storage hall, reached the main workshop in minutes and burned "
    "through the roof. Lena Markov, who owns the firm, said it would be rebuilt. Residents "
    "said smoke drove many families from their homes."
)
BLAZE_1 = (
    "the blaze broke out in a storage hall and spread quickly to the main workshop within minutes"
)
BLAZE_2 = (
    "the blaze began in a storage hall, reached the main workshop in minutes and burned "
    "through the roof"
)


def test_two_unnamed_sources_of_one_story_join_on_strong_words(empty_url: str) -> None:
    # Unknown speakers: the words alone (0.7, less a fifth) are only a proposal ...
    assert score_statements(BLAZE_2, BLAZE_1).score < JOIN_SCORE
    officials = SpeakerRef("Fire officials", None, "Fire officials", SpeakerType.UNNAMED)
    firefighters = SpeakerRef("firefighters", None, "firefighters", SpeakerType.UNNAMED)

    async def work(session: AsyncSession) -> None:
        first = await store_extraction(
            session,
            body=FIRE_1,
            title="Paint factory burns",
            outlet="Gazette",
            candidates=[candidate(FIRE_1, BLAZE_1, officials, "said")],
        )
        second = await store_extraction(
            session,
            body=FIRE_2,
            title="Kestrel works burned down",
            outlet="Courier",
            candidates=[candidate(FIRE_2, BLAZE_2, firefighters, "according to")],
        )
        # ... but aligned within one story they are one statement (a tenth off, not a fifth).
        one, two = first.candidates[0].attribution_id, second.candidates[0].attribution_id
        assert one is not None
        assert two is not None
        rows = dict(
            (
                await session.execute(
                    select(Attribution.id, Attribution.quotation_id).where(
                        Attribution.id.in_([one, two])
                    )
                )
            ).all()
        )
        assert rows[one] == rows[two]
        link = await session.scalar(
            select(StatementLink).where(StatementLink.attribution_id == two)
        )
        assert link is not None
        assert (link.method, link.decision) == ("story", "joined")

    run_in_transaction(empty_url, work)


# merge_story and StoryMatch on their own: the rules of a compared article, no database.
ARTICLE, ELSEWHERE = 7, 8


def _match(ident: int, **fields: object) -> StoryMatch:
    values: dict[str, object] = {
        "attribution_id": ident,
        "quotation_id": 100 + ident,
        "story": 0.1,
        "aligned": False,
        "same_speaker": True,
        "published_on": None,
        "article_id": ARTICLE,
        "weighed": True,
    }
    values.update(fields)
    return StoryMatch(**values)  # type: ignore[arg-type]


def _lexical(ident: int, score: float) -> EarlierAppearance:
    return EarlierAppearance(ident, 100 + ident, score)


def test_an_aligned_pair_of_unknown_speakers_joins_on_strong_words() -> None:
    strong = _match(1, aligned=True, story=0.3, same_speaker=None, lexical=0.7, words=10)
    assert strong.story_part < JOIN_SCORE <= strong.score
    assert _match(1, aligned=True, story=0.3, same_speaker=None, lexical=0.6, words=10).score < (
        JOIN_SCORE
    )
    # Not aligned, or a span run on into narration: never a join on the words.
    assert _match(1, story=0.3, same_speaker=None, lexical=0.9, words=10).score == 0
    run_on = _match(1, aligned=True, same_speaker=True, lexical=1.0, words=10, run_on=True)
    assert PROPOSE_SCORE <= run_on.score < JOIN_SCORE


def test_the_aligned_weight_only_softens_unknown_speakers() -> None:
    assert speaker_weight(None, 10, aligned=True) > speaker_weight(None, 10)
    assert speaker_weight(True, 10, aligned=True) == speaker_weight(True, 10) == 1.0
    assert speaker_weight(None, 2, aligned=True) < speaker_weight(None, 10, aligned=True)


def test_a_lexical_join_the_alignment_did_not_choose_is_proposed() -> None:
    merged = merge_story([_lexical(1, 0.8)], {1: _match(1, story=0.3)})
    assert [(e.attribution_id, e.score) for e in merged] == [(1, round(JOIN_SCORE - 0.01, 4))]


def test_a_weak_proposal_of_the_story_s_common_words_is_dropped() -> None:
    assert merge_story([_lexical(1, 0.5)], {1: _match(1, story=0.2)}) == []
    # Rarity over two one-sentence articles says nothing: the proposal stays.
    kept = merge_story([_lexical(1, 0.5)], {1: _match(1, story=0.2, weighed=False)})
    assert [e.attribution_id for e in kept] == [1]
    # Outside the compared articles the lexical score alone decides.
    assert [e.attribution_id for e in merge_story([_lexical(2, 0.5)], {})] == [2]


def test_a_named_speaker_and_an_unnamed_source_of_one_story_are_two() -> None:
    # Scored as unknown (0.8 of the words) by the lexical path: as two speakers (0.55) here.
    two = {"same_speaker": None, "named_and_unnamed": True, "story": 0.0, "weighed": False}
    assert merge_story([_lexical(1, 0.56)], {1: _match(1, **two)}) == []
    same_words = merge_story([_lexical(1, 0.8)], {1: _match(1, **two)})
    assert [(e.attribution_id, e.score) for e in same_words] == [(1, 0.55)]


def test_a_join_with_an_aligned_appearance_leaves_no_proposal_in_its_article() -> None:
    matches = {
        1: _match(1, aligned=True, story=0.6),
        2: _match(2, story=0.35),  # another statement of the same article
        3: _match(3, story=0.35),  # the joined quotation's other part (101, below)
        4: _match(4, story=0.35, article_id=ELSEWHERE),  # another article of the story
    }
    merged = merge_story(
        [_lexical(2, 0.55), EarlierAppearance(3, 101, 0.5), _lexical(4, 0.5)], matches
    )
    assert [e.attribution_id for e in merged] == [1, 3, 4]
    assert merged[0].method == "story"
    assert merged[0].score >= JOIN_SCORE
