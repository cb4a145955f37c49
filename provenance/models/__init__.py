"""The database schema as typed SQLAlchemy models, one module per concept."""

from provenance.models.article import Article
from provenance.models.attribution import SELECTOR_CONTEXT, Attribution, AttributionMarker
from provenance.models.base import NAMING_CONVENTION, Base
from provenance.models.enums import (
    AliasKind,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    SpeakerKind,
)
from provenance.models.outlet import Outlet
from provenance.models.quotation import Quotation
from provenance.models.speaker import Speaker, SpeakerAlias

__all__ = [
    "NAMING_CONVENTION",
    "SELECTOR_CONTEXT",
    "AliasKind",
    "Article",
    "Attribution",
    "AttributionKind",
    "AttributionStatus",
    "AttributionMarker",
    "Base",
    "MarkerKind",
    "Outlet",
    "Quotation",
    "Speaker",
    "SpeakerAlias",
    "SpeakerKind",
]
