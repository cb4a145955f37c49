from provenance.extraction.mentions import classify, names_a_source, normalise, person_names
from provenance.extraction.model import SpeakerType


def test_pronoun() -> None:
    assert classify("she").pronoun


def test_person_with_title() -> None:
    noun = classify("Foreign Minister Anna Berg")
    assert (noun.type, noun.name, noun.role) == (
        SpeakerType.PERSON,
        "Anna Berg",
        "Foreign Minister",
    )


def test_role_words_before_a_name() -> None:
    noun = classify("Press secretary Karine Jean-Pierre")
    assert (noun.type, noun.name) == (SpeakerType.PERSON, "Karine Jean-Pierre")


def test_outlets_and_their_reports() -> None:
    assert classify("the BBC").type is SpeakerType.OUTLET
    assert classify("Reuters").name == "Reuters"
    assert classify("a CNN report").name == "CNN"
    assert classify("reports by the Guardian on Monday").name == "Guardian"
    assert classify("the Daily Planet", outlets=["Daily Planet"]).type is SpeakerType.OUTLET


def test_organisations() -> None:
    assert classify("the Health Ministry").type is SpeakerType.ORGANISATION
    assert classify("the UN").type is SpeakerType.ORGANISATION
    assert classify("a police statement").type is SpeakerType.ORGANISATION


def test_unnamed_sources_stay_unnamed() -> None:
    noun = classify("two officials familiar with the matter")
    assert (noun.type, noun.name) == (SpeakerType.UNNAMED, None)
    assert classify("one of the nurses").type is SpeakerType.UNNAMED


def test_definite_role_is_a_person_without_a_name() -> None:
    noun = classify("the former head of the central bank")
    assert (noun.type, noun.name, noun.role) == (
        SpeakerType.PERSON,
        None,
        "the former head of the central bank",
    )


def test_normalise_ignores_case_determiner_and_apostrophes() -> None:
    assert normalise("The  Mayor\u2019s office,") == "mayor's office"


def test_person_names_skip_places_and_organisations() -> None:
    text = "Talks in New Delhi between Maria Silva and the Central Bank ended when Tom Ford left."
    assert [m.name for m in person_names(text, 0, len(text))] == ["Maria Silva", "Tom Ford"]


def test_plural_sources_at_sentence_start_are_not_names() -> None:
    assert classify("Officials").type is SpeakerType.UNNAMED
    assert classify("Witnesses").name is None


def test_countries_and_capitals_speak_for_governments() -> None:
    assert classify("Russia").type is SpeakerType.ORGANISATION
    assert classify("Ankara").type is SpeakerType.ORGANISATION
    assert classify("Georgia Smith").type is SpeakerType.PERSON


def test_title_of_a_ministry_before_the_name() -> None:
    noun = classify("Minister of Information Jamal Jarrah")
    assert (noun.name, noun.role) == ("Jamal Jarrah", "Minister of Information")
    assert classify("the Secretary-General").type is SpeakerType.PERSON


def test_names_a_source() -> None:
    assert names_a_source("one of the truck drivers who left")
    assert names_a_source("two officials familiar with the matter")
    assert names_a_source("Reuters")
    assert not names_a_source("figures from a meeting on Tuesday")
    assert not names_a_source("half a million reservations")
