"""Every field of a compiled type is declared with its SQL or resolver-only, never by accident."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Mapper

from provenance import models
from provenance.api.compiled.sources import resolver_only, sources, unchecked, undeclared
from provenance.api.schema import build_schema
from provenance.api.types.quotation import Quotation
from provenance.api.types.speaker import Speaker
from provenance.services.quotation_search import loaded_columns, record_type

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


def test_the_search_records_hold_every_column_their_types_copy() -> None:
    # The search (services/quotation_search.py) reads records of the columns an ORM load
    # of each model holds, and the Quotation and Speaker types are built of them as of
    # ORM rows: every attribute a type copies off a row must be one of those columns.
    for model in (models.Quotation, models.Speaker):
        loaded = {key for key, _ in loaded_columns(model)}
        mapper: Mapper[models.Base] = inspect(model)
        deferred = {p.key for p in mapper.column_attrs if p.deferred}
        assert "id" in loaded, model
        assert not loaded & deferred, model
    speaker = record_type(models.Speaker)(
        **{key: None for key, _ in loaded_columns(models.Speaker)}
        | {"id": 1, "slug": "s", "name": "S", "kind": models.SpeakerKind.PERSON.value}
    )
    quotation = record_type(models.Quotation)(
        **{key: None for key, _ in loaded_columns(models.Quotation)}
        | {"id": 2, "slug": "q", "text": "Words.", "speaker_id": 1}
    )
    # An AttributeError here names a column a type copies that a search record lacks.
    assert Speaker.from_model(speaker).kind is models.SpeakerKind.PERSON
    built = Quotation.from_model(quotation, speaker=speaker)
    assert (built.text, built.id, built.speaker_id) == ("Words.", 2, 1)
