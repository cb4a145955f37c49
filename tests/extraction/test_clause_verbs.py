"""Reported clauses recognised by their verb: present tenses and asides after "that"."""

from __future__ import annotations

import pytest

from provenance.extraction import extract
from provenance.extraction.complements import has_finite
from provenance.extraction.model import CandidateKind


def _indirect(text: str) -> list[str]:
    return [c.text for c in extract(text) if c.kind is CandidateKind.INDIRECT]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The coach said fans misunderstand the new rules.", "fans misunderstand the new rules"),
        ("The farmer said his neighbours feel the same way.", "his neighbours feel the same way"),
        (
            "The proposal lacks support among tenants, the council said.",
            "The proposal lacks support among tenants",
        ),
        (
            "In the long run, the economist said, savers always end up paying more.",
            "In the long run, the economist said, savers always end up paying more",
        ),
    ],
)
def test_a_present_verb_after_a_noun_makes_a_clause(text: str, content: str) -> None:
    assert _indirect(text) == [content]


@pytest.mark.parametrize(
    ("words", "finite"),
    [
        ("the plan lacks support", True),
        ("residents want a new school", True),
        ("it usually means delays", True),
        ("the plans of the council", False),
        ("a new school for the town", False),
    ],
)
def test_present_tense_verbs_are_finite(words: str, finite: bool) -> None:
    assert has_finite(words) is finite


def test_an_aside_after_that() -> None:
    text = "The mayor said that, if the rain continues, the bridge will close."
    assert _indirect(text) == ["if the rain continues, the bridge will close"]


def test_that_with_a_comma_before_a_name_is_no_clause() -> None:
    text = "She said that, Tuesday."
    assert _indirect(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The coach said all players sign contracts.", "all players sign contracts"),
        ("A fan says team owner ignores supporters.", "team owner ignores supporters"),
        (
            "The agency said her $2.5 million salary in 2019 was cut in half.",
            "her $2.5 million salary in 2019 was cut in half",
        ),
        (
            "She says despite the storm, the harbour stayed open.",
            "despite the storm, the harbour stayed open",
        ),
    ],
)
def test_say_takes_a_clause_without_that(text: str, content: str) -> None:
    assert _indirect(text) == [content]


@pytest.mark.parametrize(
    "text",
    [
        "The priest said a prayer for the victims.",
        "The two ministers had basically said the same thing.",
        "The crowd said goodbye to the mayor.",
    ],
)
def test_say_with_an_object_reports_no_clause(text: str) -> None:
    assert _indirect(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The town adopted a curfew, which critics said was harsh on young people.",
            "was harsh on young people",
        ),
        ("He praised the nurse, who he said had saved his life.", "had saved his life"),
    ],
)
def test_a_relative_pronoun_is_the_subject_of_the_reported_verb(text: str, content: str) -> None:
    assert content in _indirect(text)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The minister said, twice, that the dam was safe.", "the dam was safe"),
        ("The minister said, firmly, that the dam was safe.", "the dam was safe"),
        ("This bridge, the engineer says, is safe.", "This bridge, the engineer says, is safe"),
    ],
)
def test_asides_around_the_cue(text: str, content: str) -> None:
    assert _indirect(text) == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The retired judge also believes that the law is unfair.", "the law is unfair"),
        ("Most residents still say they feel safe.", "they feel safe"),
        (
            "Okafor, who has farmed since the age of 30, says she sells everything locally.",
            "she sells everything locally",
        ),
        ("Fans phoned the station to say they had seen the comet.", "they had seen the comet"),
    ],
)
def test_adverbs_and_asides_before_the_verb(text: str, content: str) -> None:
    assert _indirect(text) == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The mayor said the market would reopen, while shop owners waited outside.",
            "the market would reopen",
        ),
        (
            "The union said it would strike in May, a move that could close every port.",
            "it would strike in May",
        ),
        (
            "The doctor said the patients caught the fever, which is spread by mosquitoes.",
            "the patients caught the fever",
        ),
    ],
)
def test_the_narrators_additions_end_the_content(text: str, content: str) -> None:
    assert _indirect(text) == [content]


def test_a_demonstrative_with_a_verb_carries_the_words_on() -> None:
    text = "The guide said that the cave was the oldest in Europe. That was clear from the bones."
    assert _indirect(text) == ["the cave was the oldest in Europe. That was clear from the bones."]


def test_a_demonstrative_before_a_noun_is_the_narrators_sentence() -> None:
    text = "The bureau said the town added 300 jobs in May. That number follows a weak April."
    assert _indirect(text) == ["the town added 300 jobs in May"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "As the Daily Herald noted, the mayor raised more than $1 million for his campaign.",
            "the mayor raised more than $1 million for his campaign",
            "the Daily Herald",
        ),
        (
            "However, as the Gazette has reported, most of the cases were different.",
            "most of the cases were different",
            "the Gazette",
        ),
        (
            "The staff discussed a walkout after his removal, as the Courier reported later.",
            "The staff discussed a walkout after his removal",
            "the Courier",
        ),
    ],
)
def test_an_as_aside_vouches_for_the_rest_of_the_sentence(
    text: str, content: str, speaker: str
) -> None:
    (found,) = [c for c in extract(text) if c.kind is CandidateKind.INDIRECT]
    assert (found.text, found.speaker.as_printed, found.rule) == (content, speaker, "as-reported")


def test_an_as_clause_without_a_reporting_verb_is_no_cue() -> None:
    assert _indirect("He arrived late, as he often does.") == []


def test_an_as_clause_with_a_complement_of_its_own_is_a_time_not_an_aside() -> None:
    text = "The ferry sank near the coast, as rescuers warned of more storms."
    assert "The ferry sank near the coast" not in _indirect(text)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The Gazette reported the minister had resigned.", ["the minister had resigned"]),
        ("The station reports the bridge will reopen in May.", ["the bridge will reopen in May"]),
        ("Police reported no arrests late Monday.", []),
        ("The company reported earnings of $8 a share.", []),
    ],
)
def test_reported_takes_a_clause_with_a_verb(text: str, content: list[str]) -> None:
    assert _indirect(text) == content


def test_a_second_verb_after_and_is_the_reporters() -> None:
    text = "The bakery reported a 5% drop in sales on Monday and cut its prices."
    assert _indirect(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The host declared the bridge was a danger.", ["the bridge was a danger"]),
        ("The audit revealed the fund had lost value.", ["the fund had lost value"]),
        ("He did not reveal his meeting with the envoy took place.", []),
        ("The governor declared a state of emergency.", []),
    ],
)
def test_verbs_of_making_known_take_a_clause_unless_negated(text: str, content: list[str]) -> None:
    assert _indirect(text) == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The coach stressed the need for patience.", "the need for patience"),
        ("The mayor recalled long talks with the union.", "long talks with the union"),
        ("The senator pointed to the vote as proof of the deal.", "the vote as proof of the deal"),
        ("She reminded voters of the promises he broke.", "voters of the promises he broke"),
    ],
)
def test_speech_acts_with_a_noun_phrase(text: str, content: str) -> None:
    assert _indirect(text) == [content]


def test_pointed_without_to_is_no_object() -> None:
    assert _indirect("The guide pointed at the river.") == []


def test_a_noun_before_a_reporting_verb_is_its_subject_not_a_cue() -> None:
    text = "The minister confirmed the deal after a press report revealed that it was signed."
    assert _indirect(text) == ["the deal", "it was signed"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Most of the board voted to endorse her, the director said at the time.",
            "Most of the board voted to endorse her",
        ),
        (
            "The harvest has doubled since May, the farmer said during a visit to the valley.",
            "The harvest has doubled since May",
        ),
        (
            "The mayor said Friday during a meeting of the council in Leeds, England, that the "
            "tram would run again.",
            "the tram would run again",
        ),
        (
            "He is backing the governor, he said, because he wants a winner.",
            "He is backing the governor, he said, because he wants a winner",
        ),
    ],
)
def test_the_occasion_of_the_words_stays_out_of_them(text: str, content: str) -> None:
    assert _indirect(text) == [content]


def test_a_long_sentence_before_an_inverted_trailing_cue() -> None:
    text = (
        "A number of costs shape the price of a degree and the burden of debt afterwards, "
        "said Ann Lee, an economist at the institute."
    )
    (found,) = extract(text)
    assert (found.text, found.speaker.as_printed) == (
        "A number of costs shape the price of a degree and the burden of debt afterwards",
        "Ann Lee",
    )


def test_an_inverted_name_after_a_relative_aside() -> None:
    text = (
        "The senator lacks support from his colleagues, whom he has alienated with his "
        "rhetoric, said Ann Lee, director of the center."
    )
    (found,) = extract(text)
    assert found.speaker.as_printed == "Ann Lee"
    assert found.text.startswith("The senator lacks support")


def test_a_name_after_a_relative_aside_may_open_the_clause() -> None:
    text = "The minister, who visited the town, said President Lee was right."
    (found,) = extract(text)
    assert (found.text, found.speaker.as_printed) == ("President Lee was right", "The minister")


def test_an_as_aside_after_an_earlier_sentence() -> None:
    text = "It rained all week. As a study from 2011 noted, the average age of voters was 48."
    assert _indirect(text) == ["the average age of voters was 48"]


def test_added_with_an_object_is_no_speech_act() -> None:
    text = "Social media has added another link to the chain, the researcher noted."
    assert _indirect(text) == ["Social media has added another link to the chain"]


def test_a_trailing_cue_before_a_semicolon() -> None:
    text = "These were not slips, the lawyer noted; the bank had hidden the loans."
    assert _indirect(text) == ["These were not slips"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The campaign dismissed the attack, calling it a desperate move.",
            "it a desperate move",
        ),
        (
            "He angered the crowd with his speech, calling them cowards and vowing to leave.",
            "them cowards",
        ),
        ("The mayor cited reports of thefts in the market.", "reports of thefts in the market"),
    ],
)
def test_called_a_pronoun_something_and_cited_reports(text: str, content: str) -> None:
    (found,) = [c for c in extract(text) if c.text == content]
    assert found.speaker.as_printed in ("The campaign", "He", "The mayor")


def test_called_them_to_a_place_is_no_speech() -> None:
    assert _indirect("They called them to the stage.") == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Six in 10 say the mayor is honest.", "the mayor is honest"),
        ("By far, those surveyed say the park should stay.", "the park should stay"),
    ],
)
def test_a_counted_or_surveyed_subject_before_say(text: str, content: str) -> None:
    assert _indirect(text) == [content]
