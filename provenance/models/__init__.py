"""The database schema as typed SQLAlchemy models, one module per concept."""

from provenance.models.article import Article
from provenance.models.attribution import SELECTOR_CONTEXT, Attribution, AttributionMarker
from provenance.models.base import NAMING_CONVENTION, Base
from provenance.models.enums import (
    AliasKind,
    AnchorStatus,
    AttributionKind,
    AttributionStatus,
    MarkerKind,
    ReanchorMethod,
    SpeakerKind,
)
from provenance.models.history import AUDITED_TABLES, HistoryEntry
from provenance.models.import_chunk import ImportChunk
from provenance.models.ingest import IngestedItem, OutletSource
from provenance.models.merge import SpeakerMerge
from provenance.models.outlet import Outlet
from provenance.models.printed_words import QuotationPrintedWording, QuotationPrintedWords
from provenance.models.quotation import Quotation
from provenance.models.revision import ArticleRevision, AttributionReanchoring
from provenance.models.speaker import Speaker, SpeakerAlias
from provenance.models.statement_link import LinkDecision, StatementLink
from provenance.models.token import ApiToken
from provenance.models.verdict import AttributionVerdict

__all__ = [
    "AUDITED_TABLES",
    "NAMING_CONVENTION",
    "SELECTOR_CONTEXT",
    "AliasKind",
    "AnchorStatus",
    "ApiToken",
    "Article",
    "ArticleRevision",
    "Attribution",
    "AttributionKind",
    "AttributionMarker",
    "AttributionReanchoring",
    "AttributionStatus",
    "AttributionVerdict",
    "Base",
    "HistoryEntry",
    "ImportChunk",
    "IngestedItem",
    "LinkDecision",
    "MarkerKind",
    "Outlet",
    "OutletSource",
    "Quotation",
    "QuotationPrintedWording",
    "QuotationPrintedWords",
    "ReanchorMethod",
    "Speaker",
    "SpeakerAlias",
    "SpeakerKind",
    "SpeakerMerge",
    "StatementLink",
]
