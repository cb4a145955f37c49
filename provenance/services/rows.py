"""Plain rows of quotations and their speakers, for the search, read without the ORM.

A search page (services/quotation_search.py, and `provenance chain`) fetches its
quotations with their speakers in one Core statement and builds these instead of ORM
objects: hydrating ORM rows cost several times the SQL itself. The search selects the
fields of these classes by name, each a column of its model, and build() makes the
Quotation and Speaker types of them: a column field added to either type goes here too
(tests/api/compiled/test_coverage.py names one that is missing).
"""

from __future__ import annotations

from dataclasses import dataclass


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
