"""Speakers: gender and number agreement, outlets by description, pull quotes, nested speech."""

from __future__ import annotations

from provenance.extraction import extract
from provenance.extraction.model import Candidate, SpeakerType


def _find(found: list[Candidate], words: str) -> Candidate:
    return next(c for c in found if words in c.text)


def test_she_skips_the_man_named_last() -> None:
    text = (
        "Mayor Karen Holt met Governor David Price on Monday.\n\n"
        "She said the budget would be balanced by spring.\n"
    )
    speaker = _find(extract(text), "budget would be balanced").speaker
    assert speaker.resolved == "Karen Holt"


def test_he_does_not_resolve_to_a_group() -> None:
    text = (
        "Colonel James Ortega said the convoy was attacked at dawn. "
        "Two officials familiar with the matter said the convoy carried food. "
        "He said the attackers fled north.\n"
    )
    speaker = _find(extract(text), "attackers fled north").speaker
    assert speaker.resolved == "James Ortega"


def test_the_paper_is_the_outlet_last_named() -> None:
    text = (
        "The report comes from The Harbour Gazette newspaper in its Friday edition. "
        "Three ferries were cancelled, the paper said.\n"
    )
    found = _find(extract(text), "ferries were cancelled")
    assert (found.speaker.resolved, found.speaker.type) == (
        "The Harbour Gazette",
        SpeakerType.OUTLET,
    )
    assert found.intermediary == "The Harbour Gazette"


def test_a_pull_quote_takes_the_speaker_of_its_second_printing() -> None:
    text = (
        "\u201cWe will rebuild every school that was lost.\u201d\n\n"
        "The storm destroyed 40 buildings.\n\n"
        "\u201cWe will rebuild every school that was lost,\u201d Governor Ana Ruiz told "
        "reporters.\n"
    )
    found = extract(text)
    pull = next(c for c in found if c.start < 5)
    assert pull.speaker.resolved == "Ana Ruiz"
    assert [(h.role.value, h.name) for h in pull.hops] == [("told", "reporters")]


def test_quoted_someone_saying_is_that_someone() -> None:
    text = (
        "The Valley Courier quoted a local farmer, saying, "
        "\u201cThe river has never been this low.\u201d\n"
    )
    found = _find(extract(text), "never been this low")
    assert found.speaker.best == "a local farmer"
    assert found.hops[-1].name == "Valley Courier"


def test_a_definite_description_resolves_through_a_role_given_earlier() -> None:
    text = (
        "Opposition leader Maria Costa said the vote was rigged.\n\n"
        "The leader said she would appeal to the courts.\n"
    )
    found = _find(extract(text), "appeal to the courts")
    assert found.speaker.resolved == "Maria Costa"


def test_spelling_variants_stay_apart() -> None:
    text = "Talal Silo said the offensive would begin soon.\n\nCilo said the roads were closed.\n"
    found = _find(extract(text), "roads were closed")
    assert found.speaker.resolved == "Cilo"


def test_a_speaker_named_only_in_the_next_sentence() -> None:
    text = (
        "\u201cWe are not going anywhere.\u201d Those were the words of Mayor John Lee, "
        "speaking after the vote.\n\n"
        "\u201cIt is a historic day for our city.\u201d\n\n"
        "So said Governor Maria Lopez at the opening ceremony on Saturday.\n"
    )
    found = extract(text)
    assert _find(found, "not going anywhere").speaker.resolved == "John Lee"
    assert _find(found, "historic day").speaker.resolved == "Maria Lopez"


def test_a_pronoun_prefers_someone_in_its_paragraph_to_an_earlier_subject() -> None:
    text = (
        "Mayor John Lee said the vote was fair.\n\n"
        "Prime Minister Anna Berg met President Karl Olsen in Oslo. "
        "He said the two countries would sign a treaty.\n"
    )
    assert _find(extract(text), "sign a treaty").speaker.resolved == "Karl Olsen"


def test_a_bare_capitalised_subject_is_a_person_only_with_evidence() -> None:
    text = (
        "Gazprom cut supplies to the region on Monday. "
        "Mayor Ivan Petrov said the city had reserves. \u201cWe will manage,\u201d he said.\n\n"
        "Later, in his weekly radio address, Petrov said the heating would stay on.\n"
    )
    found = extract(text)
    assert _find(found, "We will manage").speaker.resolved == "Ivan Petrov"
    heating = _find(found, "heating would stay on")
    assert heating.speaker.resolved == "Ivan Petrov"
    assert [(h.role.value, h.name) for h in heating.hops] == [("channel", "weekly radio address")]


def test_a_role_is_not_the_next_sentences_newcomer_introduced_with_an_apposition() -> None:
    text = (
        "The prime minister said taxes would rise. "
        "John Smith, an economist at the bank, warned of a recession.\n"
    )
    found = _find(extract(text), "taxes would rise")
    assert found.speaker.resolved is None


def test_they_is_a_group_not_an_outlet_nor_one_named_person() -> None:
    text = (
        "Lena Ortiz told Reuters that the port would reopen.\n\n"
        "The union and the company met on Monday. They said a deal was close.\n"
    )
    speaker = _find(extract(text), "deal was close").speaker
    assert speaker.resolved is None
    assert speaker.type is not SpeakerType.OUTLET


def test_a_name_before_an_age_and_a_description_speaks() -> None:
    text = "After the fire, John Doe, 45, a father of three, said he had lost everything.\n"
    assert _find(extract(text), "lost everything").speaker.resolved == "John Doe"


def test_a_one_word_name_that_says_it_is_a_body_and_the_company_is_it() -> None:
    text = (
        "Amazon said on Thursday it would cut 10,000 jobs. "
        "The company said the cuts would fall on its devices unit.\n\n"
        'Spokesman Omar Osman said it is "very clear" the man came to fight.\n'
    )
    found = extract(text)
    amazon = _find(found, "cut 10,000 jobs").speaker
    assert (amazon.resolved, amazon.type) == ("Amazon", SpeakerType.ORGANISATION)
    company = _find(found, "devices unit").speaker
    assert (company.resolved, company.type) == ("Amazon", SpeakerType.ORGANISATION)
    assert _find(found, "the man came to fight").speaker.type is SpeakerType.PERSON


def test_nested_speakers_are_no_antecedents_and_phrases_are_cut_at_their_verb() -> None:
    text = (
        "\u201cI gave the letter to the agent of a Dutch farm, who said he wanted to build a "
        "plant here,\u201d Kargbo said. \u201cIt was all legal,\u201d he said.\n\n"
        "The detained man said he was innocent.\n"
    )
    found = extract(text)
    assert _find(found, "It was all legal").speaker.resolved == "Kargbo"
    assert _find(found, "he was innocent").speaker.best == "The detained man"


def test_a_pronoun_inside_someones_reported_words_is_that_someone() -> None:
    text = "James Cole said that he had told police that the car was stolen.\n"
    found = extract(text)
    # His own earlier words are one statement with his report of them (test_layers.py).
    (statement,) = [c for c in found if "the car was stolen" in c.text]
    assert statement.text == "he had told police that the car was stolen"
    assert statement.speaker.resolved == "James Cole"
