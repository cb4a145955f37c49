"""The closed vocabularies of the domain, stored as text with CHECK constraints."""

from __future__ import annotations

from enum import StrEnum


class SpeakerKind(StrEnum):
    """What kind of source a speaker is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    OUTLET = "outlet"  # a news outlet speaking for itself ("the BBC reported ...")
    UNNAMED = "unnamed"  # "one of the truck drivers", "sources from Raqqa"


class AliasKind(StrEnum):
    """How an alias names a speaker."""

    NAME = "name"  # "Silo", "Talal Silo"
    ROLE = "role"  # "the former spokesman of the SDF"


class AttributionKind(StrEnum):
    """How an article presents the words (PARC's content types)."""

    DIRECT = "direct"  # a whole statement in quotation marks
    PARTIAL = "partial"  # a fragment in quotation marks inside reported speech
    INDIRECT = "indirect"  # reported speech, no quotation marks


class AttributionStatus(StrEnum):
    """How far an attribution has been checked by people."""

    EXTRACTED = "extracted"  # proposed by the extractor, not yet confirmed
    RECORDED = "recorded"  # entered or confirmed by a person
    VERIFIED = "verified"  # checked against the source and found right
    DISPUTED = "disputed"  # checked and found doubtful or wrong


class AnchorStatus(StrEnum):
    """Whether an attribution still has its place in the current article text."""

    ANCHORED = "anchored"
    ORPHANED = "orphaned"  # a revision removed the words and no confident place was found


class ReanchorMethod(StrEnum):
    """How an attribution was placed in a revised article text."""

    EXACT = "exact"  # the same words, found again
    FUZZY = "fuzzy"  # similar words in a matching prefix and suffix context
    ORPHANED = "orphaned"  # no place found with confidence


class MarkerKind(StrEnum):
    """Editorial changes an article made to the words it quotes."""

    INSERTION = "insertion"  # "IS [Daesh] fighters"
    ELISION = "elision"  # "Where else ... … using one terrorist organisation"
    TRUNCATION = "truncation"  # said it "respects"
    TRANSLATION = "translation"  # spoken in another language
    SIC = "sic"  # [sic]: an error kept as printed


def check_in(column: str, enum: type[StrEnum]) -> str:
    """The SQL of a CHECK constraint limiting ``column`` to the values of ``enum``."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"
