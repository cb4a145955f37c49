"""One statement printed in parts: a partial quotation inside its speaker's reported
sentence, or a statement quoted again under "the statement", is one quotation; a later
article's single rendering joins it, and so counts for every part."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.extraction import SpeakerRef, SpeakerType
from provenance.models import Attribution
from provenance.services.extraction_store import StoredArticle, store_extraction
from provenance.services.statement_links import neighbours_of, set_thresholds
from tests.linking.story_articles import candidate
from tests.services.writing_support import run_in_transaction

BERG = SpeakerRef("Berg", "Anna Berg", None, SpeakerType.PERSON)
VOSS = SpeakerRef("Voss", "Petra Voss", None, SpeakerType.PERSON)

NESTED = (
    "Opposition leader Anna Berg withdrew from the Lindholm mayoral race on Sunday. Berg said "
    "her party had resolved not to take part in what she called a rigged, shameful sham of a "
    "vote. She said she would announce her plans on Wednesday."
)
OUTER = (
    "her party had resolved not to take part in what she called a rigged, shameful sham of a vote"
)
INNER = "a rigged, shameful sham of a vote"
PLANS = "she would announce her plans on Wednesday"
DIRECT = (
    'Lindholm opposition leader Anna Berg has quit the mayoral race. "We have resolved that '
    'we will no longer take part in this rigged, shameful sham of a vote," Berg said.'
)
QUOTE = "We have resolved that we will no longer take part in this rigged, shameful sham of a vote,"

HALL = SpeakerRef("City Hall", "City Hall", None, SpeakerType.ORGANISATION)
OFFICIALS = SpeakerRef("Lindholm officials", None, "Lindholm officials", SpeakerType.UNNAMED)
PARTS = (
    "Lindholm's harbour master resigned on Monday. Lindholm officials said in a statement that "
    "\u201cKarl Moen will be leaving his post as harbour master.\u201d He left hours after the "
    "new mayor was sworn in. The City Hall statement read, \u201cMr. Moen felt it was best to "
    "give Mayor Voss a fresh start and the freedom to pick her own team.\u201d"
)
FIRST_PART = "Karl Moen will be leaving his post as harbour master."
SECOND_PART = (
    "Mr. Moen felt it was best to give Mayor Voss a fresh start and the freedom to pick her "
    "own team."
)
LATER = (
    "Lindholm's mayor Petra Voss removed harbour master Karl Moen on Monday. City Hall "
    "announced that Moen was leaving to give Voss a \u201cfresh start\u201d at the harbour."
)


async def _quotation_of(session: AsyncSession, stored: StoredArticle) -> dict[str, int]:
    ids = {c.candidate.text: c.attribution_id for c in stored.candidates if c.attribution_id}
    rows = dict(
        (
            await session.execute(
                select(Attribution.id, Attribution.quotation_id).where(
                    Attribution.id.in_(list(ids.values()))
                )
            )
        ).all()
    )
    return {text: rows[ident] for text, ident in ids.items()}


def test_a_partial_inside_its_speakers_sentence_is_one_quotation(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        first = await store_extraction(
            session,
            body=NESTED,
            title="Berg quits",
            outlet="Gazette",
            candidates=[
                candidate(NESTED, OUTER, BERG, "Berg said"),
                candidate(NESTED, INNER, BERG, "what she called"),
                candidate(NESTED, PLANS, BERG, "She said"),
            ],
        )
        one = await _quotation_of(session, first)
        assert one[INNER] == one[OUTER]
        assert one[PLANS] != one[OUTER]  # another statement of hers
        second = await store_extraction(
            session,
            body=DIRECT,
            title="Berg out",
            outlet="Courier",
            candidates=[candidate(DIRECT, QUOTE, BERG, "Berg said")],
        )
        two = await _quotation_of(session, second)
        assert two[QUOTE] == one[OUTER] == one[INNER]

    run_in_transaction(empty_url, work)


def test_another_speakers_words_inside_a_quotation_stay_apart(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        stored = await store_extraction(
            session,
            body=NESTED,
            title="Berg quits",
            outlet="Gazette",
            candidates=[
                candidate(NESTED, OUTER, BERG, "Berg said"),
                candidate(NESTED, INNER, VOSS, "what she called"),
            ],
        )
        found = await _quotation_of(session, stored)
        assert found[INNER] != found[OUTER]

    run_in_transaction(empty_url, work)


def test_a_statement_quoted_again_under_the_statement_is_one_quotation(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        first = await store_extraction(
            session,
            body=PARTS,
            title="Moen leaves",
            outlet="Gazette",
            candidates=[
                candidate(
                    PARTS, FIRST_PART, OFFICIALS, "Lindholm officials said in a statement that"
                ),
                candidate(PARTS, SECOND_PART, HALL, "The City Hall statement read,"),
            ],
        )
        one = await _quotation_of(session, first)
        assert one[FIRST_PART] == one[SECOND_PART]
        second = await store_extraction(
            session,
            body=LATER,
            title="Voss removes Moen",
            outlet="Courier",
            candidates=[candidate(LATER, "fresh start", HALL, "City Hall announced that")],
        )
        two = await _quotation_of(session, second)
        assert two["fresh start"] == one[SECOND_PART]

    run_in_transaction(empty_url, work)


def test_the_articles_names_find_its_story(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        first = await store_extraction(
            session,
            body=PARTS,
            title="Moen leaves",
            outlet="Gazette",
            candidates=[candidate(PARTS, FIRST_PART, OFFICIALS, "said in a statement that")],
        )
        await set_thresholds(session)
        found = await neighbours_of(
            session, article_id=first.article_id + 1, texts=["an unrelated text"], names=["Moen"]
        )
        assert found.of_texts == [[]]
        assert [n.article_id for n in found.of_names[0]] == [first.article_id]

    run_in_transaction(empty_url, work)


RUN_ON = (
    "Berg said she would announce her plans on Wednesday Opposition leader Anna Berg has quit "
    "the Lindholm mayoral race. Voters were surprised."
)
RUN_ON_TEXT = (
    "she would announce her plans on Wednesday Opposition leader Anna Berg has quit the "
    "Lindholm mayoral race"
)
QUIT = "Lindholm opposition leader Anna Berg said she has quit the mayoral race."


def test_a_span_run_on_into_narration_is_only_proposed(empty_url: str) -> None:
    async def work(session: AsyncSession) -> None:
        await store_extraction(
            session,
            body=RUN_ON,
            title="Berg quits",
            outlet="Gazette",
            candidates=[candidate(RUN_ON, RUN_ON_TEXT, BERG, "Berg said")],
        )
        second = await store_extraction(
            session,
            body=QUIT,
            title="Berg out",
            outlet="Courier",
            candidates=[candidate(QUIT, "she has quit the mayoral race", BERG, "said")],
        )
        (stored,) = second.candidates
        assert stored.new_quotation
        assert stored.proposals  # the same words are still offered to a person

    run_in_transaction(empty_url, work)
