"""Plain rows of quotations, speakers, outlets and articles, for read paths without the ORM.

Hot read paths (a chain is asked for on every page of the chain viewer) fetch what they
show in one Core statement and build these instead of ORM objects: hydrating ORM rows and
loading each related row through its own loader cost several times the SQL itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class QuotationRow:
    id: int
    slug: str
    text: str
    language: str | None
    speaker_id: int


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    id: int
    slug: str
    name: str
    kind: str
    description: str | None
    outlet_id: int | None


@dataclass(frozen=True, slots=True)
class OutletRow:
    id: int
    slug: str
    name: str
    website: str | None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article without its body (bodies are large; the API loads one when asked)."""

    id: int
    slug: str
    title: str | None
    url: str | None
    published_on: date | None
    language: str
    cited_as: str | None
    outlet_id: int | None
    citation_only: bool
