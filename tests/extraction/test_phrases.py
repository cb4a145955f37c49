from provenance.extraction.phrases import (
    MASK,
    clause_start,
    masked,
    noun_phrase_after,
    noun_phrase_like,
    segments,
    sentence_subject,
    without_trailing_auxiliaries,
)
from provenance.extraction.segmentation import Sentence


def _span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_masked_keeps_offsets() -> None:
    assert masked("ab\u201ccd\u201def", [(2, 6)]) == "ab" + MASK * 4 + "ef"


def test_noun_phrase_like() -> None:
    text = "the mayor of the city; the mayor was there; in the morning"
    assert noun_phrase_like(text, (0, 20))
    assert not noun_phrase_like(text, (22, 42))  # a clause
    assert not noun_phrase_like(text, (44, len(text)))  # a prepositional phrase


def test_clause_start_skips_names_joined_by_and() -> None:
    text = "He left because the minister of Iraq and Syria said"
    assert (
        text[clause_start(text, 0, text.index("said")) :] == " the minister of Iraq and Syria said"
    )


def test_segments_split_at_commas() -> None:
    text = "Eric Pahon, a spokesman, said"
    assert [text[a:b] for a, b in segments(text, 0, text.index("said"))] == [
        "Eric Pahon",
        " a spokesman",
        " ",
    ]


def test_noun_phrase_after_keeps_abbreviations() -> None:
    text = "said Dr. Ann Lee, a surgeon."
    span = noun_phrase_after(text, len("said"), len(text))
    assert _span_text(text, span) == "Dr. Ann Lee"


def test_trailing_auxiliaries_and_adverbs_are_dropped() -> None:
    text = "Scientists have repeatedly"
    assert _span_text(text, without_trailing_auxiliaries(text, (0, len(text)))) == "Scientists"


def test_sentence_subject_stops_at_the_first_verb() -> None:
    text = "The mayor of Springfield has defended the plan."
    subject = sentence_subject(text, Sentence(0, len(text), 0, 0))
    assert _span_text(text, subject) == "The mayor of Springfield"
