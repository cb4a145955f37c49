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


class HopRole(StrEnum):
    """How the words passed through one intermediary between the speaker and this article."""

    # The speaker's own medium: a statement, press release, post, video address, interview,
    # letter or testimony ("said in a statement", "wrote on Telegram").
    CHANNEL = "channel"
    # The outlet or person the speaker spoke to ("told Reuters", "in an interview with VOA").
    TOLD = "told"
    # Someone who read the speaker's words out ("read a statement from al-Sadr").
    READER = "reader"
    # A person who repeats someone else's words inside their own statement (nested speech).
    QUOTED_BY = "quoted_by"
    # The outlet that first reported the words ("according to the BBC", "Xinhua reported").
    REPORTED_BY = "reported_by"


@dataclass(frozen=True)
class Hop:
    """One intermediary the text states, in order from the speaker towards this article."""

    role: HopRole
    # The intermediary as the text names it: "Reuters", "VOA's Persian service", "Telegram",
    # "statement", "video address".
    name: str
    # The words that state the hop ("told Reuters", "said in a statement").
    cue: str | None = None
    # Outlet, organisation, person, or platform/medium (UNKNOWN) for channels.
    type: SpeakerType = SpeakerType.UNKNOWN

    def as_json(self) -> dict[str, Any]:
        """A plain JSON-ready dict."""
        return {
            "role": self.role.value,
            "name": self.name,
            "cue": self.cue,
            "type": self.type.value,
        }


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
    # Every intermediary the text states, ordered from the speaker to this article (the
    # speaker and this article's outlet are not hops). ``intermediary`` is the last outlet or
    # person among them that the words were told or reported through, when there is one.
    hops: tuple[Hop, ...] = ()

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
            "chain": [hop.as_json() for hop in self.hops],
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
