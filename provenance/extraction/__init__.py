"""Rule-based extraction of attributions (who said what, through whom) from article text."""

from provenance.extraction.extractor import extract
from provenance.extraction.model import (
    Candidate,
    CandidateKind,
    Hop,
    HopRole,
    Knowledge,
    KnownSpeaker,
    Marker,
    SpeakerRef,
    SpeakerType,
)

__all__ = [
    "Candidate",
    "CandidateKind",
    "Hop",
    "HopRole",
    "Knowledge",
    "KnownSpeaker",
    "Marker",
    "SpeakerRef",
    "SpeakerType",
    "extract",
]
