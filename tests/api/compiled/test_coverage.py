"""Every field of a compiled type is declared with its SQL or resolver-only, never by accident."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy.orm import ColumnProperty, InstrumentedAttribute

from provenance import models
from provenance.api.compiled.sources import resolver_only, sources, unchecked, undeclared
from provenance.api.schema import build_schema
from provenance.api.types.quotation import Quotation
from provenance.api.types.speaker import Speaker
from provenance.services.rows import QuotationRow, SpeakerRow

_FIX = (
    "declare it with sql_field/related/rows/children/inline/chain (its SQL), or "
    "resolver_only(reason=...), from provenance/api/compiled/declare.py"
)
SCHEMA = build_schema()._schema


def test_every_field_of_a_compiled_type_is_translated_or_resolver_only() -> None:
    missing = undeclared(SCHEMA)
    assert not missing, f"neither compiled nor resolver-only: {missing}; {_FIX}"


def test_every_resolver_only_field_gives_a_reason_and_no_sql() -> None:
    for type_name, names in resolver_only(SCHEMA).items():
        for name, reason in names.items():
            assert reason.strip(), f"{type_name}.{name} has no reason"
            assert name not in sources(SCHEMA)[type_name].fields, f"{type_name}.{name}"


def test_no_translated_field_has_checks_the_compiled_path_would_skip() -> None:
    skipped = unchecked(SCHEMA)
    assert not skipped, (
        f"the compiled path runs no resolver, so it would skip {skipped}; "
        "declare the field resolver_only or enforce the check in SQL"
    )


def test_the_search_rows_are_columns_and_hold_what_their_types_copy() -> None:
    # The search (services/quotation_search.py) selects these rows' fields by name; the
    # Quotation and Speaker types are built of them as of ORM rows.
    for model, row in [(models.Quotation, QuotationRow), (models.Speaker, SpeakerRow)]:
        for field in fields(row):
            attribute = getattr(model, field.name, None)
            assert isinstance(attribute, InstrumentedAttribute), f"{row.__name__}.{field.name}"
            assert isinstance(attribute.property, ColumnProperty), f"{row.__name__}.{field.name}"
    speaker = SpeakerRow(
        id=1,
        slug="s",
        name="S",
        kind=models.SpeakerKind.PERSON.value,
        description=None,
        outlet_id=None,
    )
    quotation = QuotationRow(id=2, slug="q", text="Words.", language=None, speaker_id=1)
    # An AttributeError here names a column field of the type its search row lacks.
    assert Speaker.from_model(speaker).name == "S"
    assert Quotation.from_row(quotation, speaker=speaker).text == "Words."
