"""Who a speaker phrase refers to: names, pronouns and role descriptions, in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.extraction.lexicon import (
    DEMONYMS,
    PRONOUNS_ANY,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
)
from provenance.extraction.mentions import NounPhrase, classify, normalise, person_gender
from provenance.extraction.model import Knowledge, SpeakerRef, SpeakerType

_PERSON_LIKE = (SpeakerType.PERSON, SpeakerType.UNNAMED)
# Epithets that stand for someone just named, never for a new person.
_EPITHET = re.compile(
    r"^[Tt]he\s+(?:\d+-year-old(?:\s+[a-z]+)?|[A-Z][a-z]+(?:man|woman)|Briton|[A-Z][a-z]+(?:ian|ese))$"
)


_OUTLET_DESCRIPTIONS = frozenset(
    f"{d} {n}"
    for d in ("the", "The")
    for n in (
        "paper",
        "newspaper",
        "broadcaster",
        "magazine",
        "daily",
        "tabloid",
        "network",
        "news agency",
        "wire service",
        "station",
        "channel",
        "website",
        "outlet",
    )
)
_BODY_DESCRIPTIONS = frozenset(
    f"the {n}"
    for n in (
        "company",
        "firm",
        "group",
        "organisation",
        "organization",
        "party",
        "ministry",
        "agency",
        "militant group",
        "movement",
        "charity",
        "carmaker",
        "airline",
        "bank",
        "retailer",
        "union",
        "government",
        "administration",
        "regulator",
    )
)
_FEMININE = frozenset(["she", "her"])
_MASCULINE = frozenset(["he", "him"])


def agrees(pronoun: str, speaker: SpeakerRef) -> bool:
    """Whether a pronoun can stand for the speaker (type, gender and number)."""
    if pronoun in ("he", "she", "him", "her"):
        allowed: tuple[SpeakerType, ...] = _PERSON_LIKE
    elif pronoun == "it":
        allowed = (SpeakerType.ORGANISATION, SpeakerType.OUTLET)
    else:
        allowed = (SpeakerType.ORGANISATION, SpeakerType.UNNAMED, SpeakerType.PERSON)
    return speaker.type in allowed and _agrees(pronoun, speaker)


def _agrees(pronoun: str, speaker: SpeakerRef) -> bool:
    """Gender where the text shows it (a title, a first name the lexicon knows); "they"
    and "it" agree with bodies and groups, "he"/"she" only with one person."""
    if pronoun == "they":
        return speaker.type is not SpeakerType.PERSON or (
            speaker.resolved is None
            and speaker.description is not None
            and _plural(speaker.description)
        )
    if pronoun not in _FEMININE | _MASCULINE:
        return True
    if speaker.type is SpeakerType.UNNAMED and speaker.description and _plural(speaker.description):
        return False
    gender = person_gender(speaker)
    if gender is None:
        return True
    return gender == ("f" if pronoun in _FEMININE else "m")


def _plural(description: str) -> bool:
    words = description.lower().split()
    head = words[-1] if words else ""
    cut = [w for w in words if w in ("of", "in", "at", "from", "who", "with", "familiar")]
    if cut:
        head = words[words.index(cut[0]) - 1] if words.index(cut[0]) > 0 else head
    return (head.endswith("s") and not head.endswith(("ss", "us"))) or head in ("people", "police")


@dataclass(frozen=True)
class _Entry:
    position: int
    paragraph: int
    speaker: SpeakerRef
    named: bool  # the text itself names this person (not only a role or a stored alias)
    as_object: bool = False  # named after a verb ("criticised Lindqvist"), not as a subject


class Discourse:
    """The people and bodies mentioned so far, for resolving the next speaker phrase."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.history: list[_Entry] = []
        self.full_names: list[str] = []
        self.roles: dict[str, str] = {}  # normalised role description -> name
        self.aliases: dict[str, tuple[str, SpeakerType]] = {}
        for known in knowledge.speakers:
            for alias in (known.name, *known.aliases):
                self.aliases.setdefault(normalise(alias), (known.name, known.type))

    def mention(self, *, position: int, paragraph: int, name: str, as_object: bool = False) -> None:
        """A person's full name appears in the narrator's text (after a verb: ``as_object``)."""
        resolved = self._full_name(name)
        self._remember(name)
        ref = SpeakerRef(name, resolved, None, SpeakerType.PERSON)
        self.history.append(_Entry(position, paragraph, ref, True, as_object))

    def _remember(self, name: str) -> None:
        if len(name.split()) >= 2 and name not in self.full_names:
            self.full_names.append(name)

    def _full_name(self, name: str) -> str:
        known = self.aliases.get(normalise(name))
        if known is not None:
            return known[0]
        for full in reversed(self.full_names):
            parts = full.split()
            if full != name and (name in (parts[-1], parts[0]) or full.endswith(" " + name)):
                return self._full_name(full)
        return name

    def _pronoun(self, phrase: str, paragraph: int, floor: int = 0) -> tuple[SpeakerRef, bool]:
        word = phrase.lower()
        if word in PRONOUNS_PERSON:
            allowed: tuple[SpeakerType, ...] = _PERSON_LIKE
        elif word in PRONOUNS_THING:
            allowed = (SpeakerType.ORGANISATION, SpeakerType.OUTLET)
        elif word in PRONOUNS_ANY and word == "they":
            # A group, a body or unnamed people; not an outlet ("it") nor one named person.
            allowed = (SpeakerType.ORGANISATION, SpeakerType.UNNAMED, SpeakerType.PERSON)
        else:
            return SpeakerRef(phrase), False
        candidates = [
            e
            for e in self.history
            if e.speaker.type in allowed and _agrees(word, e.speaker) and e.position >= floor
        ] or [e for e in self.history if e.speaker.type in allowed and _agrees(word, e.speaker)]
        same = [e for e in candidates if e.paragraph == paragraph]
        # A pronoun picks up a subject before someone merely mentioned as an object, in
        # its paragraph first, then in the text before.
        same_subjects = [e for e in same if not e.as_object]
        named = [e for e in candidates if e.named and not e.as_object]
        chosen = (
            same_subjects or same or named or [e for e in candidates if e.named] or candidates
        )[-1:]
        if not chosen:
            return SpeakerRef(phrase), False
        target = chosen[0].speaker
        ref = SpeakerRef(phrase, target.resolved, target.description, target.type)
        return ref, chosen[0].named

    def resolve(self, phrase: str, *, position: int, paragraph: int, floor: int = 0) -> SpeakerRef:
        """Resolve a speaker phrase as printed and remember it for later pronouns.

        ``floor``: where the current item of a live blog starts; a pronoun looks back past
        it only when the item names no one who fits.
        """
        noun = classify(phrase, outlets=self.knowledge.outlets)
        epithet = self._epithet(noun, paragraph)
        outlet = self._outlet_description(noun)
        if noun.pronoun:
            ref, named = self._pronoun(noun.text, paragraph, floor)
        elif outlet is not None:
            ref, named = outlet, False
        elif epithet is not None:
            ref, named = epithet, True
        else:
            ref = self._noun(noun)
            named = noun.type is SpeakerType.PERSON and noun.name is not None
        self.history.append(_Entry(position, paragraph, ref, named))
        return ref

    def entry_for(self, ref: SpeakerRef, position: int, paragraph: int) -> _Entry:
        """A history entry for a speaker found without resolving a phrase."""
        return _Entry(position, paragraph, ref, ref.resolved is not None)

    def retype_last(self, ref: SpeakerRef) -> None:
        """The phrase just resolved is of another type than its words suggested."""
        if self.history:
            last = self.history[-1]
            self.history[-1] = _Entry(
                last.position, last.paragraph, ref, last.named, last.as_object
            )

    def amend_last(self, ref: SpeakerRef, *, name: str) -> None:
        """The phrase just resolved turned out to name ``name`` (an apposition said so)."""
        self._remember(name)
        self.note_apposition(name, ref.as_printed or name)
        if self.history:
            last = self.history[-1]
            self.history[-1] = _Entry(last.position, last.paragraph, ref, True)

    def person_in_paragraph(self, paragraph: int) -> SpeakerRef | None:
        """The person last mentioned in this paragraph, for a quote with no cue of its own."""
        for entry in reversed(self.history):
            if entry.paragraph != paragraph:
                return None
            if entry.speaker.type in _PERSON_LIKE and entry.speaker.best is not None:
                found = entry.speaker
                return SpeakerRef(None, found.resolved, found.description, found.type)
        return None

    def _outlet_description(self, noun: NounPhrase) -> SpeakerRef | None:
        """ "the paper", "the newspaper", "the broadcaster": the outlet last named; "the
        company", "the group": the body last named (it may stay a description)."""
        if noun.text.lower() in _BODY_DESCRIPTIONS:
            for entry in reversed(self.history):
                if entry.speaker.type is SpeakerType.ORGANISATION and entry.speaker.resolved:
                    found = entry.speaker
                    return SpeakerRef(noun.text, found.resolved, noun.text, found.type)
            return None
        if noun.text.lower() not in _OUTLET_DESCRIPTIONS:
            return None
        for entry in reversed(self.history):
            if entry.speaker.type is SpeakerType.OUTLET and entry.speaker.resolved:
                found = entry.speaker
                return SpeakerRef(noun.text, found.resolved, noun.text, SpeakerType.OUTLET)
        return SpeakerRef(noun.text, None, noun.text, SpeakerType.OUTLET)

    def outlet(self, *, position: int, paragraph: int, name: str) -> None:
        """An outlet named in the narrator's text ("The report comes from The Star")."""
        ref = SpeakerRef(name, name, None, SpeakerType.OUTLET)
        self.history.append(_Entry(position, paragraph, ref, True))

    def _epithet(self, noun: NounPhrase, paragraph: int) -> SpeakerRef | None:
        """ "the Dutchman", "the 45-year-old": the person just named in the paragraph."""
        demonym = noun.text[:4].lower() == "the " and noun.text[4:] in DEMONYMS
        if noun.name is not None or not (_EPITHET.match(noun.text) or demonym):
            return None
        for entry in reversed(self.history):
            if entry.paragraph != paragraph:
                return None
            if entry.named and entry.speaker.type is SpeakerType.PERSON:
                found = entry.speaker
                return SpeakerRef(noun.text, found.resolved, noun.text, SpeakerType.PERSON)
        return None

    def _role_of(self, noun: NounPhrase) -> str | None:
        """ "the opposition leader" after "Zimbabwe Opposition leader Morgan Tsvangirai": a
        definite description whose words all belong to a role this article gave someone
        (same head word); the most recent such person."""
        if not noun.text.lower().startswith("the ") or noun.type is not SpeakerType.PERSON:
            return None
        words = normalise(noun.text).split()
        if not words or len(words) > 5:
            return None
        for role, name in reversed(list(self.roles.items())):
            role_words = role.replace("\u2019s", "").replace("'s", "").split()
            if role_words and role_words[-1] == words[-1] and set(words) <= set(role_words):
                return name
        return None

    def note_apposition(self, name: str, role: str) -> None:
        """Remember that ``role`` describes ``name`` in this article."""
        self.roles[normalise(role)] = self._full_name(name)

    def _noun(self, noun: NounPhrase) -> SpeakerRef:
        known = self.aliases.get(normalise(noun.text))
        if known is not None:
            return SpeakerRef(noun.text, known[0], None, known[1])
        if noun.type is SpeakerType.PERSON and noun.name is not None:
            self._remember(noun.name)
            if noun.role:
                self.note_apposition(noun.name, noun.role)
            return SpeakerRef(noun.text, self._full_name(noun.name), noun.role, noun.type)
        if noun.name is not None:
            alias = self.aliases.get(normalise(noun.name))
            resolved = alias[0] if alias else noun.name
            return SpeakerRef(noun.text, resolved, None, noun.type)
        named = self.roles.get(normalise(noun.text)) or self._role_of(noun)
        return SpeakerRef(noun.text, named, noun.role, noun.type)
