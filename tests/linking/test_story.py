"""Quotations of two rewrites of one story: scored with their sentences, speakers and
channels, and aligned in order."""

from __future__ import annotations

from provenance.extraction import Candidate
from provenance.linking.story import (
    SAME_STORY,
    STORY_JOIN,
    Rarity,
    Side,
    align,
    channel_of,
    names_someone,
    same_story,
    sentence_around,
    sentence_channel,
    sole_channels,
    speakers_agree,
    split_sentences,
    story_names,
    story_score,
)
from tests.linking.story_articles import (
    FIRST,
    FIRST_CANDIDATES,
    OTHER,
    SECOND,
    SECOND_CANDIDATES,
)


def _side(body: str, candidate: Candidate) -> Side:
    ref = candidate.speaker
    sentence = sentence_around(body, candidate.start, candidate.end)
    channel = channel_of(candidate.cue) or sentence_channel(sentence, candidate.text)
    labels = tuple(x for x in (ref.resolved, ref.description, ref.as_printed) if x)
    return Side(
        candidate.text, sentence, labels, ref.resolved is not None, channel, candidate.start
    )


def _scores() -> list[list[float]]:
    rarity = Rarity(split_sentences(FIRST) + split_sentences(SECOND))
    first = sole_channels([_side(FIRST, c) for c in FIRST_CANDIDATES])
    second = sole_channels([_side(SECOND, c) for c in SECOND_CANDIDATES])
    return [[story_score(b, a, rarity) for a in first] for b in second]


def test_two_rewrites_are_one_story_and_another_story_is_not() -> None:
    assert same_story(FIRST, SECOND) >= SAME_STORY
    assert same_story(FIRST, OTHER) < SAME_STORY


def test_channels_of_cues_and_sentences() -> None:
    assert channel_of("said in a statement") == "statement"
    assert channel_of("told the Harbour Gazette") == "told harbour gazette"
    assert channel_of("said") is None
    sentence = "In a statement, the council said it could no longer pay."
    assert sentence_channel(sentence, "it could no longer pay") == "statement"
    # A letter the quotation talks about is no channel of the sentence.
    assert sentence_channel("He said his letter was clear.", "his letter was clear") is None


def test_a_channel_counts_only_for_the_one_quotation_of_its_speaker() -> None:
    one = Side("a", "a", ("Voss",), True, "statement", 0)
    two = Side("b", "b", ("Voss",), True, "statement", 5)
    other = Side("c", "c", ("Ruiz",), True, "statement", 9)
    assert [s.channel for s in sole_channels([one, two, other])] == [None, None, "statement"]


def test_paraphrases_of_one_statement_score_for_a_join_and_other_statements_do_not() -> None:
    scores = _scores()
    # rows: the second article (statement, hard choice, boat, prices); columns: the first
    # (statement, painful, boat, residents).
    assert scores[0][0] >= STORY_JOIN  # the council's one statement, reworded
    assert scores[1][1] >= STORY_JOIN  # told the Harbour Gazette, reworded
    assert scores[2][2] >= STORY_JOIN  # the night boat
    assert max(scores[3]) < STORY_JOIN  # bus prices: another statement of the mayor
    assert scores[2][1] < STORY_JOIN
    assert scores[1][2] < STORY_JOIN


def test_alignment_pairs_in_order_one_partner_each() -> None:
    scores = _scores()
    pairs = align(scores, floor=0.28)
    assert (0, 0) in pairs
    assert (1, 1) in pairs
    assert (2, 2) in pairs
    assert all(i != 3 for i, _ in pairs)
    assert len({i for i, _ in pairs}) == len(pairs)


def test_alignment_keeps_order_and_lets_consecutive_rows_share_a_column() -> None:
    # Row 2 would score best with column 0, but that is against the order of rows 0 and 1.
    scores = [[0.9, 0.0], [0.0, 0.8], [0.85, 0.3]]
    assert align(scores, floor=0.28) == [(0, 0), (1, 1), (2, 1)]
    # One statement split in two by the later article: both parts take the one column.
    assert align([[0.7], [0.6]], floor=0.28) == [(0, 0), (1, 0)]
    # Not after a row in between went elsewhere or nowhere.
    assert align([[0.7, 0.0], [0.0, 0.0], [0.6, 0.0]], floor=0.28) == [(0, 0)]


def test_silo_is_not_cilo() -> None:
    silo = Side(
        "we never agreed to it", "Silo said we never agreed to it.", ("Silo",), True, None, 0
    )
    cilo = Side(
        "we never agreed to it", "Cilo said we never agreed to it.", ("Cilo",), True, None, 0
    )
    rarity = Rarity([silo.sentence, cilo.sentence])
    assert speakers_agree(silo, cilo) is False
    assert story_score(silo, cilo, rarity) == 0.0
    talal = Side("we never agreed to it", "x", ("Talal Silo",), True, None, 0)
    assert speakers_agree(silo, talal) is True


def test_unnamed_sources_agree_by_their_descriptions() -> None:
    def unnamed(label: str) -> Side:
        return Side("x", "x", (label,), False, None, 0)

    senior = unnamed("Senior Libyan provisional government officials")
    assert speakers_agree(unnamed("Provisional government officials in Libya"), senior) is True
    assert speakers_agree(unnamed("NTC officials"), unnamed("military leaders in the NTC")) is None


def test_other_numbers_lower_the_score() -> None:
    rarity = Rarity(["85 people died", "70 people died"])
    one = Side("85 people died", "85 people died", ("Groups",), True, None, 0)
    same = Side("85 people died", "85 people died", ("Groups",), True, None, 0)
    other = Side("70 people died", "70 people died", ("Groups",), True, None, 0)
    assert story_score(one, other, rarity) < story_score(one, same, rarity)
    # The same number in words is the same fact.
    words = Side("eighty-five people died", "eighty-five people died", ("Groups",), True, None, 0)
    assert story_score(one, words, rarity) == story_score(one, same, rarity)


def test_an_interview_with_a_named_outlet_is_a_channel() -> None:
    call = "In a late-night call to reporter Ann Lee of The Harbour Gazette, Voss attacked Berg."
    rant = "She made headlines with a rant to a correspondent for The Harbour Gazette last week."
    assert sentence_channel(call, "attacked Berg") == "told harbour gazette"
    assert sentence_channel(rant, "a rant") == "told harbour gazette"
    assert sentence_channel("She spoke to a Senate hearing on Monday.", "x") is None


def test_described_and_named_speakers() -> None:
    statement = Side("x", "x", ("The City Hall statement",), True, None, 0)
    hall = Side("x", "x", ("City Hall",), True, None, 0)
    officials = Side("x", "x", ("Senior harbour officials",), True, None, 0)
    assert not names_someone(statement)
    assert names_someone(hall)
    # A statement of City Hall is City Hall's voice; officials may or may not be.
    assert speakers_agree(statement, hall) is True
    assert speakers_agree(officials, hall) is None
    rarity = Rarity(["x"])
    assert story_score(officials, hall, rarity) == 0.0  # a named speaker is no description


def test_words_moved_between_quotation_and_frame_count() -> None:
    lead = (
        "Opposition leader Anna Berg has pulled out of Friday's mayoral race, saying threats "
        "against her staff make a fair vote impossible."
    )
    later = (
        "Opposition leader Anna Berg says she is pulling out of Friday's mayoral race because "
        "of mounting threats against her campaign workers."
    )
    one = Side(
        "threats against her staff make a fair vote impossible", lead, ("Anna Berg",), True, None, 0
    )
    two = Side(
        "she is pulling out of Friday's mayoral race because of mounting threats against her "
        "campaign workers",
        later,
        ("Anna Berg",),
        True,
        None,
        0,
    )
    rarity = Rarity([lead, later, "The council met on Monday.", "Berg spoke on Monday."])
    assert story_score(one, two, rarity) >= STORY_JOIN


def test_a_sentence_ends_soon_after_its_quotation() -> None:
    body = "Berg said the race was over " + "and more words without a stop " * 6 + "end."
    sentence = sentence_around(body, 10, 27)
    assert sentence.startswith("Berg said the race was over")
    assert len(sentence) <= 27 + 60


def test_the_names_an_article_mentions_most() -> None:
    body = (
        "The Lindholm council met on Monday. Mayor Voss said Lindholm would close the ferry. "
        "Critics of Voss in Lindholm said the NTC had not been told."
    )
    names = story_names(body)
    assert names[:2] == ["Lindholm", "Voss"]
    assert "Monday" not in names
    assert "NTC" in names
