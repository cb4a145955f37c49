"""The domain's vocabularies, registered as GraphQL enums (values are the member names).

strawberry.enum registers a Python enum in place, so the types import the same classes
the models and services use.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry
from strawberry.types.enum import StrawberryEnumDefinition

from provenance.extraction.model import SpeakerType
from provenance.models import (
    AliasKind,
    AnchorStatus,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    ReanchorMethod,
    SpeakerKind,
)
from provenance.services.chains import ChainRole
from provenance.services.fidelity import ChangeKind
from provenance.services.fidelity import Verdict as FidelityVerdict

E = TypeVar("E", bound=Enum)


def described(
    cls: type[E], *, description: str, values: Mapping[str, str], name: str | None = None
) -> type[E]:
    """Register ``cls`` as a GraphQL enum with a description for the type and each value.

    The domain's enums are plain Python enums that the models and services share, so the
    values' descriptions are given here rather than with ``strawberry.enum_value``.
    """
    if set(values) != set(cls.__members__):
        raise TypeError(f"describe every value of {cls.__name__}: {sorted(cls.__members__)}")
    strawberry.enum(cls, name=name, description=description)
    definition: StrawberryEnumDefinition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    for value in definition.values:
        value.description = values[value.name]
    return cls


described(
    SpeakerKind,
    description="What kind of source a speaker is.",
    values={
        "PERSON": "A named person.",
        "ORGANISATION": 'A government, company, army or other body ("the White House").',
        "OUTLET": 'A news outlet speaking for itself ("the BBC reported").',
        "UNNAMED": 'A source the article does not name ("one of the truck drivers").',
    },
)
described(
    AliasKind,
    description="How an alias names a speaker.",
    values={
        "NAME": 'A name or part of one ("Silo", "Talal Silo").',
        "ROLE": 'A role description ("the former spokesman of the SDF").',
    },
)
described(
    AttributionKind,
    description="How the article presents the words: DIRECT (in quotation marks), PARTIAL "
    "(a quoted fragment inside reported speech) or INDIRECT (reported speech).",
    values={
        "DIRECT": "A whole statement in quotation marks.",
        "PARTIAL": "A fragment in quotation marks inside reported speech.",
        "INDIRECT": "Reported speech, without quotation marks.",
    },
)
described(
    AttributionStatus,
    description="How far an attribution has been checked.",
    values={
        "EXTRACTED": "Proposed by the extractor; a person has not confirmed it yet.",
        "RECORDED": "Entered or confirmed by a person.",
        "VERIFIED": "Checked against the source and found right.",
        "DISPUTED": "Checked and found doubtful or wrong.",
    },
)
described(
    MarkerKind,
    description="An editorial change the article made to the words.",
    values={
        "INSERTION": 'Words the article added in brackets ("IS [Daesh] fighters").',
        "ELISION": 'Words left out, marked with an ellipsis ("…").',
        "TRUNCATION": "The quotation breaks off before the statement ends.",
        "TRANSLATION": "The words are a translation of what was said.",
        "SIC": "[sic]: the article keeps an error of the original.",
    },
)
described(
    ChainRole,
    description="SPEAKER said the words, REPORTER published them first, each RELAY took "
    "them from the hop before.",
    values={
        "SPEAKER": "Whoever said the words.",
        "REPORTER": "The first appearance: the outlet or article that published them first.",
        "RELAY": "An appearance that took the words from the hop before it.",
    },
)

described(
    AnchorStatus,
    description="ANCHORED: the words stand at their span. ORPHANED: a revision removed them.",
    values={
        "ANCHORED": "The words stand at the attribution's span of the current text.",
        "ORPHANED": "A revision removed the words and no confident new place was found.",
    },
)
described(
    ReanchorMethod,
    description="How an attribution was placed in a revised text: EXACT, FUZZY or ORPHANED.",
    values={
        "EXACT": "The same words, found again.",
        "FUZZY": "Similar words between a matching prefix and suffix.",
        "ORPHANED": "No place found with confidence: the attribution has no span now.",
    },
)
described(
    FidelityVerdict,
    name="FidelityVerdict",
    description="What happened to the words on one hop: IDENTICAL, TRUNCATED (cut at an "
    "end), ELIDED (cut in the middle), INSERTED (bracketed insertion), REWORDED or "
    "TRANSLATED (the article marks it as a translation).",
    values={
        "IDENTICAL": "The same words as the hop before.",
        "TRUNCATED": "Words cut at the start or the end.",
        "ELIDED": "Words left out in the middle, marked or not.",
        "INSERTED": 'A bracketed editorial insertion ("IS [Daesh] fighters").',
        "REWORDED": "Other words: a paraphrase or a change.",
        "TRANSLATED": "A translation of the hop before.",
    },
)
described(
    ChangeKind,
    name="WordChangeKind",
    description="INSERT, DELETE or REPLACE a run of words.",
    values={
        "INSERT": "Words this appearance has and its source does not.",
        "DELETE": "Words its source has and this appearance does not.",
        "REPLACE": "Words of the source replaced by others.",
    },
)


__all__ = [
    "AliasKind",
    "AnchorStatus",
    "AttributionKind",
    "AttributionStatus",
    "ChainRole",
    "ChangeKind",
    "FidelityVerdict",
    "MarkerKind",
    "ReanchorMethod",
    "SpeakerKind",
    "described",
]


described(
    SpeakerType,
    name="ExtractedSpeakerType",
    description="What the extractor believes a speaker is.",
    values={
        "PERSON": "A named person.",
        "ORGANISATION": 'A government, company, army or other body ("the White House").',
        "OUTLET": 'A news outlet speaking for itself ("the BBC reported").',
        "UNNAMED": 'A source the article does not name ("one of the truck drivers").',
        "UNKNOWN": "The extractor could not tell.",
    },
)
