"""The lexical same-statement score: renderings of one statement score high, others low."""

from __future__ import annotations

import pytest

from provenance.linking import JOIN_SCORE, PROPOSE_SCORE, same_statement_score, score_statements
from provenance.linking.score import content_stems, normalise

SAID = "the whole architecture of global security is broken"


@pytest.mark.parametrize(
    "other",
    [
        SAID,
        "The whole architecture of global security is broken.",  # case and punctuation
        "the whole architecture of global security",  # truncated
        "the whole architecture … is broken",  # elided
        "the whole structure of global security is broken",  # reworded / translated
    ],
)
def test_renderings_of_one_statement_join(other: str) -> None:
    assert same_statement_score(SAID, other, speaker_a="Lavrov", speaker_b="Sergei Lavrov") >= (
        JOIN_SCORE
    )


def test_a_fragment_inside_the_full_quote_joins() -> None:
    full = "Mr. Scaramucci felt it was best to give Chief of Staff John Kelly a clean slate."
    assert same_statement_score("clean slate", full, speaker_a="WH", speaker_b="WH") >= JOIN_SCORE


@pytest.mark.parametrize(
    "other",
    [
        "the security of Europe is broken beyond repair",
        "we will send more troops to the border next week",
    ],
)
def test_other_statements_of_the_speaker_do_not_join(other: str) -> None:
    assert same_statement_score(SAID, other, speaker_a="Lavrov", speaker_b="Lavrov") < JOIN_SCORE


def test_another_named_speaker_never_joins() -> None:
    score = score_statements(SAID, SAID, speaker_a="Sergei Lavrov", speaker_b="Maria Zakharova")
    assert score.text == 1.0
    assert score.same_speaker is False
    assert score.score < JOIN_SCORE


def test_similar_names_are_not_one_speaker() -> None:
    assert score_statements(SAID, SAID, speaker_a="Silo", speaker_b="Cilo").same_speaker is False


def test_unknown_speaker_is_uncertain_not_different() -> None:
    score = score_statements(SAID, SAID, speaker_a=None, speaker_b="Lavrov")
    assert score.same_speaker is None
    assert JOIN_SCORE <= score.score < 1


def test_empty_or_stop_words_only_score_zero() -> None:
    assert same_statement_score("", SAID) == 0
    assert same_statement_score("it is what it is", SAID) == 0
    assert PROPOSE_SCORE > 0


def test_a_short_fragment_joins_only_for_the_same_speaker() -> None:
    full = "Mr. Scaramucci felt it was best to give Chief of Staff John Kelly a clean slate."
    assert same_statement_score("clean slate", full, speaker_a=None, speaker_b="WH") < JOIN_SCORE


@pytest.mark.parametrize(
    ("printed", "other"),
    [
        ("more than seventy supporters were arrested", "more than 70 supporters were arrested"),
        ("twenty-five homes were destroyed", "25 homes were destroyed"),
        ("1,200 homes were destroyed", "1200 homes were destroyed"),
        ("prices rose by 12 per cent", "prices rose by 12%"),
    ],
)
def test_numbers_in_words_or_digits_are_one(printed: str, other: str) -> None:
    assert normalise(printed) == normalise(other)
    scored = score_statements(printed, other, speaker_a="Mayor", speaker_b="Mayor")
    assert scored.containment == 1.0


def test_number_words_keep_what_is_not_a_number() -> None:
    assert normalise("No one knows how many: twenty one, or thirty") == (
        "no one knows how many 21 or 30"
    )
    # Other numbers are other facts: 70 is not 85.
    assert normalise("seventy people") != normalise("85 people")


def test_irregular_past_forms_are_their_verb() -> None:
    assert content_stems("the rebels fled the town and the army won") == content_stems(
        "the rebels flee the town and the army wins"
    )
    assert content_stems("prices rose while wages fell") == content_stems(
        "prices rise while wages fall"
    )
    past = "the minister wrote that thieves stole the funds"
    scored = score_statements(past, "thieves steal the funds", speaker_a="X", speaker_b="X")
    assert scored.containment == 1.0
    # The commonest verbs tell nothing of a statement: left apart.
    assert content_stems("it came") != content_stems("it comes")


@pytest.mark.parametrize(
    ("printed", "other"),
    [
        ("we are ready to answer any question", "we are prepared to respond to any question"),
        ("the whole region needs help", "the entire region requires assistance"),
        ("it was a difficult start", "it was a hard beginning"),
    ],
)
def test_plain_words_a_translation_puts_for_one_another_are_one(printed: str, other: str) -> None:
    assert content_stems(printed) == content_stems(other)
