"""Every field of a compiled type is declared with its SQL or resolver-only, never by accident."""

from __future__ import annotations

from provenance.api.compiled.sources import resolver_only, sources, unchecked, undeclared
from provenance.api.schema import build_schema

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
