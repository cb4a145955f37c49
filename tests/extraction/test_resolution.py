from provenance.extraction.model import Knowledge, KnownSpeaker, SpeakerType
from provenance.extraction.resolution import Discourse


def test_surname_resolves_to_the_full_name_seen_before() -> None:
    discourse = Discourse(Knowledge())
    discourse.mention(position=0, paragraph=0, name="Maria Lopez")
    ref = discourse.resolve("Lopez", position=40, paragraph=1)
    assert (ref.as_printed, ref.resolved) == ("Lopez", "Maria Lopez")


def test_similar_names_are_not_merged() -> None:
    known = KnownSpeaker("Talal Silo", ("Silo",), SpeakerType.PERSON)
    discourse = Discourse(Knowledge(speakers=(known,)))
    discourse.mention(position=0, paragraph=0, name="Talal Silo")
    assert discourse.resolve("Silo", position=40, paragraph=0).resolved == "Talal Silo"
    assert discourse.resolve("Cilo", position=50, paragraph=0).resolved == "Cilo"


def test_pronoun_prefers_a_person_in_the_same_paragraph() -> None:
    discourse = Discourse(Knowledge())
    discourse.mention(position=0, paragraph=0, name="Maria Lopez")
    discourse.resolve("the fire chief", position=100, paragraph=1)
    discourse.resolve("the BBC", position=120, paragraph=1)
    ref = discourse.resolve("he", position=140, paragraph=1)
    assert (ref.resolved, ref.description) == (None, "the fire chief")


def test_pronoun_across_paragraphs_prefers_a_named_person() -> None:
    discourse = Discourse(Knowledge())
    discourse.mention(position=0, paragraph=0, name="Maria Lopez")
    discourse.resolve("the fire chief", position=100, paragraph=1)
    assert discourse.resolve("she", position=200, paragraph=2).resolved == "Maria Lopez"


def test_personal_pronoun_skips_organisations() -> None:
    discourse = Discourse(Knowledge())
    discourse.mention(position=0, paragraph=0, name="Ken Sato")
    discourse.resolve("the ministry", position=30, paragraph=0)
    assert discourse.resolve("he", position=60, paragraph=0).resolved == "Ken Sato"


def test_role_description_resolves_through_stored_aliases() -> None:
    known = KnownSpeaker("Ken Sato", ("the chief cabinet secretary",), SpeakerType.PERSON)
    discourse = Discourse(Knowledge(speakers=(known,)))
    ref = discourse.resolve("The Chief Cabinet Secretary", position=0, paragraph=0)
    assert ref.resolved == "Ken Sato"


def test_role_description_alone_stays_unresolved() -> None:
    discourse = Discourse(Knowledge())
    discourse.mention(position=0, paragraph=0, name="Ken Sato")
    ref = discourse.resolve("a government spokesman", position=10, paragraph=3)
    assert (ref.resolved, ref.description) == (None, "a government spokesman")


def test_outlet_is_named_without_its_article() -> None:
    ref = Discourse(Knowledge()).resolve("the Guardian", position=0, paragraph=0)
    assert (ref.resolved, ref.type) == ("Guardian", SpeakerType.OUTLET)


def test_a_person_known_only_by_role_is_less_salient_across_paragraphs() -> None:
    known = KnownSpeaker("Ken Sato", ("the chief cabinet secretary",), SpeakerType.PERSON)
    discourse = Discourse(Knowledge(speakers=(known,)))
    discourse.mention(position=0, paragraph=0, name="Maria Lopez")
    assert discourse.resolve("the chief cabinet secretary", position=50, paragraph=1).resolved
    assert discourse.resolve("he", position=60, paragraph=1).resolved == "Ken Sato"
    assert discourse.resolve("she", position=90, paragraph=2).resolved == "Maria Lopez"


def test_epithets_stand_for_the_person_just_named() -> None:
    discourse = Discourse(Knowledge())
    discourse.mention(position=0, paragraph=0, name="Virgil van Dijk")
    assert discourse.resolve("the Dutchman", position=40, paragraph=0).resolved == (
        "Virgil van Dijk"
    )
    assert discourse.resolve("the 32-year-old", position=60, paragraph=0).resolved == (
        "Virgil van Dijk"
    )
    assert discourse.resolve("the Dutchman", position=90, paragraph=1).resolved is None
    assert discourse.resolve("the president", position=99, paragraph=1).resolved is None
