"""Rule-based extraction of attributions (who said what, through whom) from article text.

What the rest of the package uses is imported from here: the services store candidates
through these names only (tests/test_import_graph.py keeps it so).
"""

from provenance.extraction.extractor import extract
from provenance.extraction.lexicon import PRONOUNS
from provenance.extraction.mentions import classify, is_outlet_name, strip_determiner
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
    "PRONOUNS",
    "Candidate",
    "CandidateKind",
    "Hop",
    "HopRole",
    "Knowledge",
    "KnownSpeaker",
    "Marker",
    "SpeakerRef",
    "SpeakerType",
    "classify",
    "extract",
    "is_outlet_name",
    "strip_determiner",
]
