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
from provenance.extraction.mentions import NounPhrase, classify, normalise
from provenance.extraction.model import Knowledge, SpeakerRef, SpeakerType

_PERSON_LIKE = (SpeakerType.PERSON, SpeakerType.UNNAMED)
# Epithets that stand for someone just named, never for a new person.
_EPITHET = re.compile(
    r"^[Tt]he\s+(?:\d+-year-old(?:\s+[a-z]+)?|[A-Z][a-z]+(?:man|woman)|Briton|[A-Z][a-z]+(?:ian|ese))$"
)


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

    def _pronoun(self, phrase: str, paragraph: int) -> tuple[SpeakerRef, bool]:
        word = phrase.lower()
        if word in PRONOUNS_PERSON:
            allowed: tuple[SpeakerType, ...] = _PERSON_LIKE
        elif word in PRONOUNS_THING:
            allowed = (SpeakerType.ORGANISATION, SpeakerType.OUTLET)
        elif word in PRONOUNS_ANY and word == "they":
            allowed = tuple(SpeakerType)
        else:
            return SpeakerRef(phrase), False
        candidates = [e for e in self.history if e.speaker.type in allowed]
        same = [e for e in candidates if e.paragraph == paragraph]
        # A pronoun picks up a subject before someone merely mentioned as an object.
        named = [e for e in candidates if e.named and not e.as_object] or [
            e for e in candidates if e.named
        ]
        chosen = (same or named or candidates)[-1:]
        if not chosen:
            return SpeakerRef(phrase), False
        target = chosen[0].speaker
        ref = SpeakerRef(phrase, target.resolved, target.description, target.type)
        return ref, chosen[0].named

    def resolve(self, phrase: str, *, position: int, paragraph: int) -> SpeakerRef:
        """Resolve a speaker phrase as printed and remember it for later pronouns."""
        noun = classify(phrase, outlets=self.knowledge.outlets)
        epithet = self._epithet(noun, paragraph)
        if noun.pronoun:
            ref, named = self._pronoun(noun.text, paragraph)
        elif epithet is not None:
            ref, named = epithet, True
        else:
            ref = self._noun(noun)
            named = noun.type is SpeakerType.PERSON and noun.name is not None
        self.history.append(_Entry(position, paragraph, ref, named))
        return ref

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
        named = self.roles.get(normalise(noun.text))
        return SpeakerRef(noun.text, named, noun.role, noun.type)
