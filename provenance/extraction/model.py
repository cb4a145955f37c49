"""What the extractor returns: candidate attributions found in an article's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class CandidateKind(StrEnum):
    """How the article presents the words (same vocabulary as AttributionKind)."""

    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


class SpeakerType(StrEnum):
    """What the extractor believes the speaker is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    OUTLET = "outlet"
    UNNAMED = "unnamed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SpeakerRef:
    """The speaker as the article names them, and whom that resolves to when known."""

    as_printed: str | None
    resolved: str | None = None
    # The description a pronoun points back to when no name is known ("the former spokesman").
    description: str | None = None
    type: SpeakerType = SpeakerType.UNKNOWN

    @property
    def best(self) -> str | None:
        """The most specific way to name the speaker: name, else description, else as printed."""
        return self.resolved or self.description or self.as_printed


@dataclass(frozen=True)
class Marker:
    """An editorial marker inside the quoted words ("[Daesh]", "…", a truncation)."""

    kind: str
    text: str | None
    position: int | None
    note: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One attribution the extractor proposes; ``text == body[start:end]``."""

    text: str
    start: int
    end: int
    kind: CandidateKind
    speaker: SpeakerRef
    cue: str | None
    intermediary: str | None
    markers: tuple[Marker, ...] = ()
    confidence: float = 0.5
    rule: str = ""

    def as_json(self) -> dict[str, Any]:
        """A plain JSON-ready dict (the ``extract --json`` format)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "speaker": {
                "as_printed": self.speaker.as_printed,
                "resolved": self.speaker.resolved,
                "description": self.speaker.description,
                "type": self.speaker.type.value,
            },
            "cue": self.cue,
            "intermediary": self.intermediary,
            "markers": [
                {"kind": m.kind, "text": m.text, "position": m.position, "note": m.note}
                for m in self.markers
            ],
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }


@dataclass(frozen=True)
class KnownSpeaker:
    """A speaker already in the database, with the aliases articles use for them."""

    name: str
    aliases: tuple[str, ...] = ()
    type: SpeakerType = SpeakerType.PERSON
    slug: str | None = None


@dataclass(frozen=True)
class Knowledge:
    """What the extractor may know beforehand: stored speakers and outlet names."""

    speakers: tuple[KnownSpeaker, ...] = ()
    outlets: tuple[str, ...] = field(default=())
