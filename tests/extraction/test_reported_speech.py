"""Reported speech in general news English (issue 11, must-have 1), through ``extract``."""

from __future__ import annotations

import pytest

from provenance.extraction import extract
from provenance.extraction.model import Candidate, CandidateKind


def _indirect(text: str) -> list[str]:
    return [c.text for c in extract(text) if c.kind is CandidateKind.INDIRECT]


def _one(text: str, words: str) -> Candidate:
    (found,) = [c for c in extract(text) if c.text == words]
    return found


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Officials in Libya say the former leader has died.", "the former leader has died"),
        ("The senators say they will vote against the bill.", "they will vote against the bill"),
        ("He says he doesn't know where the money went.", "he doesn't know where the money went"),
        ("She said she plans to run again next year.", "she plans to run again next year"),
        ("He said his party cannot win.", "his party cannot win"),
        ("Police now say at least 20 people died.", "at least 20 people died"),
    ],
)
def test_plural_and_present_say_and_present_tense_in_the_clause(text: str, content: str) -> None:
    assert _indirect(text) == [content]


def test_an_aside_between_the_verb_and_that() -> None:
    found = _one(
        "The minister said, in an email, that the talks had failed.", "the talks had failed"
    )
    assert found.cue == "The minister said, in an email, that"


@pytest.mark.parametrize(
    "verb", ["clarified", "tweeted", "posted", "wrote", "announced", "warned", "insisted"]
)
def test_a_larger_lexicon_of_reporting_verbs(verb: str) -> None:
    text = f"The mayor {verb} that the bridge would reopen in May."
    assert _indirect(text) == ["the bridge would reopen in May"]


def test_a_reporting_verb_inside_the_content_is_nested_speech() -> None:
    text = "He said he told them the letter came from his office."
    # the inner cue does not end the content; his own earlier words are no second layer
    assert _indirect(text) == ["he told them the letter came from his office"]
    text = "The mayor said a clerk told them the letter came from his office."
    assert "the letter came from his office" in _indirect(text)  # someone else's words


def test_but_says_after_a_first_verb() -> None:
    text = "NATO has not confirmed his death but says its jets attacked two vehicles."
    assert _indirect(text) == ["its jets attacked two vehicles"]  # a negated confirm states nothing


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The Republican accused Clinton of lying about her emails.",
            "Clinton of lying about her emails",
        ),
        ("He urged Congress to pass the bill quickly.", "Congress to pass the bill quickly"),
        (
            "The president called for an investigation into the shooting.",
            "an investigation into the shooting",
        ),
        ("She vowed to fight the ruling in court.", "to fight the ruling in court"),
        ("He described the attack as an act of terrorism.", "the attack as an act of terrorism"),
        ("Austin thanked legislators for their support.", "legislators for their support"),
    ],
)
def test_speech_acts_with_an_object(text: str, content: str) -> None:
    assert _indirect(text) == [content]


def test_speech_acts_that_are_not_statements() -> None:
    assert _indirect("One official, who asked not to be identified, left.") == []


def test_what_he_called() -> None:
    text = "They will not take part in what he called a violent, illegitimate sham of an election."
    assert _indirect(text) == ["a violent, illegitimate sham of an election"]
    embedded = (
        "Police say 20 people died in protests over what they said was vote rigging by Mr. Smith."
    )
    assert "vote rigging by Mr. Smith" in _indirect(embedded)
    assert "20 people died in protests over what they said was vote rigging by Mr. Smith" in (
        _indirect(embedded)
    )


def test_a_partly_quoted_clause_gives_the_clause_and_the_quote() -> None:
    found = extract('Clinton said the plan is "a disaster" for workers.')
    assert [(c.kind, c.text) for c in found] == [
        (CandidateKind.INDIRECT, 'the plan is "a disaster" for workers'),
        (CandidateKind.PARTIAL, "a disaster"),
    ]


@pytest.mark.parametrize(
    ("headline", "content", "speaker"),
    [
        (
            "Reports: Former Libyan Leader Gadhafi Dead",
            "Former Libyan Leader Gadhafi Dead",
            "Reports",
        ),
        ("Libyan NTC: Gadhafi Killed in Sirte", "Gadhafi Killed in Sirte", "Libyan NTC"),
        (
            "MDC Accuses Government Of Threatening Its Leader",
            "Government Of Threatening Its Leader",
            "MDC",
        ),
        ("Al-Shabab Denounces VOA Somali Service Chief", "VOA Somali Service Chief", "Al-Shabab"),
    ],
)
def test_headlines_with_reported_speech(headline: str, content: str, speaker: str) -> None:
    found = _one(headline + "\n\nThe story begins here.", content)
    assert (found.kind, found.rule, found.speaker.as_printed) == (
        CandidateKind.INDIRECT,
        "headline",
        speaker,
    )


def test_a_headline_quote_in_straight_single_marks() -> None:
    found = _one("Assad: Syrian Ceasefire a 'Glimmer of Hope'\n\nText.", "Glimmer of Hope")
    assert found.kind is CandidateKind.PARTIAL


def test_section_labels_and_plain_headlines_report_nothing() -> None:
    assert _indirect("Video: Floods Hit the Coast\n\nText.") == []
    assert _indirect("Floods Hit the Coast Again\n\nText.") == []


def test_a_quote_over_paragraphs_and_the_words_it_quotes_in_single_marks() -> None:
    text = (
        "The director said:\n\n\"We reject what the ministry calls 'illegal activities' by our "
        'staff.\n\n"We call on the government to restore their credentials."'
    )
    found = [(c.kind, c.text) for c in extract(text)]
    assert (CandidateKind.PARTIAL, "illegal activities") in found
    assert (
        CandidateKind.DIRECT,
        "We call on the government to restore their credentials.",
    ) in found


def test_a_cue_between_commas_inside_the_reported_sentence() -> None:
    text = "In his state, Christie said, first-time offenders are sent to treatment."
    assert _indirect(text) == [text[:-1]]
    assert _indirect("The bridge is safe, the engineer said, adding that it will reopen.") == [
        "The bridge is safe",
        "it will reopen",
    ]


def test_told_someone_to_and_called_something_something() -> None:
    assert _indirect("Trump told Jeb Bush to quiet down during the debate.") == [
        "Jeb Bush to quiet down"
    ]
    assert _indirect("Obama called the agreement a historic step for the planet.") == [
        "the agreement a historic step for the planet"
    ]
    assert _indirect("He joined a group called the Islamic State.") == []


def test_passive_reports_with_it_and_that() -> None:
    found = _one(
        "It has also been confirmed by the police that a suspicious object was found.",
        "a suspicious object was found",
    )
    assert found.speaker.as_printed == "the police"
    assert _indirect("It was noted that the roads were closed.") == ["the roads were closed"]


def test_channel_and_abbreviations_before_a_clause_without_that() -> None:
    assert _indirect("The government said in a statement it did not approve the deal.") == [
        "it did not approve the deal"
    ]
    assert _indirect("Officials said Mr. Gadhafi had been taken into custody.") == [
        "Mr. Gadhafi had been taken into custody"
    ]
    assert _indirect("The police said the march, set for Thursday, will not go ahead.") == [
        "the march, set for Thursday, will not go ahead"
    ]


def test_nouns_that_are_verbs_before_that_and_requests() -> None:
    assert _indirect("USAGM estimates that 394 million people listen each week.") == [
        "394 million people listen each week"
    ]
    assert _indirect("The agency asks for $944 million.") == ["$944 million"]


def test_two_apostrophes_as_a_double_quotation_mark() -> None:
    found = extract("''The lack of reciprocity is deplorable,'' the minister said.")
    assert [(c.kind, c.text) for c in found] == [
        (CandidateKind.DIRECT, "The lack of reciprocity is deplorable,")
    ]
    assert found[0].speaker.as_printed == "the minister"


def test_spoke_about_and_cited() -> None:
    assert _indirect("She spoke about her deep ties to black churches.") == [
        "her deep ties to black churches"
    ]
    assert _indirect("He has often cited veterans' care as a top priority.") == [
        "veterans' care as a top priority"
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ms. May said Britain would leave the bloc.", "Ms. May"),
        (
            "Rep. Jason Chaffetz (R-Utah) said the agency had misled Congress.",
            "Rep. Jason Chaffetz",
        ),
        ("Trump, meanwhile, says the election was rigged.", "Trump"),
    ],
)
def test_titles_parentheticals_and_asides_around_the_subject(text: str, speaker: str) -> None:
    (found,) = extract(text)
    assert found.kind is CandidateKind.INDIRECT
    assert found.speaker.as_printed == speaker
    assert found.cue is not None
    assert found.cue.startswith(speaker.split()[0])


def test_reported_speech_inside_quoted_words() -> None:
    text = (
        '"I gave that letter to the agent of a farm in Lebanon who said he wanted to set up a '
        'plant. We did our best," Kargbo said.'
    )
    nested = [c for c in extract(text) if c.rule == "nested-speech"]
    assert [c.text for c in nested] == ["he wanted to set up a plant"]
    own = '"I think we will win, and we said the vote would be fair," the mayor said.'
    assert [c for c in extract(own) if c.rule == "nested-speech"] == []


def test_a_second_verb_after_and_keeps_the_first_subject() -> None:
    (found,) = extract("He's comparing the plan to a tax and says Obama is flouting the law.")
    assert (found.text, found.speaker.as_printed) == ("Obama is flouting the law", "He")


def test_a_title_case_headline_with_a_full_stop() -> None:
    found = _one("Trump Says He Would Issue A Quarantine.\n\nText.", "He Would Issue A Quarantine")
    assert found.rule == "headline"


def test_calls_for() -> None:
    assert _indirect("The plan calls for $275 billion in new spending.") == [
        "$275 billion in new spending"
    ]
    assert _indirect("Democrats call for tighter gun control.") == ["tighter gun control"]
    assert _indirect("He did not make a direct call for violence.") == []


def test_a_quotation_opening_with_who_is_not_part_of_the_clause_before_it() -> None:
    text = (
        'The broker said he sold the shares to a buyer in Oslo "who wanted them quickly. '
        'I did not ask why."'
    )
    found = extract(text)
    assert [(c.kind.value, c.text) for c in found] == [
        ("indirect", "he sold the shares to a buyer in Oslo"),
        ("partial", "who wanted them quickly. I did not ask why."),
    ]
