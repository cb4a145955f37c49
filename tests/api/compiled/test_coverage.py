"""Every field of a compiled type is translated or resolver-only on purpose, never by accident."""

from __future__ import annotations

from graphql import GraphQLObjectType
from strawberry.types.base import StrawberryObjectDefinition

from provenance.api.compiled.coverage import RESOLVER_ONLY
from provenance.api.compiled.translations import SOURCES
from provenance.api.schema import build_schema

_FIX = (
    "add its SQL to SOURCES in provenance/api/compiled/translations.py or list it, "
    "with a reason, in RESOLVER_ONLY in provenance/api/compiled/coverage.py"
)


def _served_fields(type_name: str) -> set[str]:
    graphql_type = build_schema()._schema.get_type(type_name)
    assert isinstance(graphql_type, GraphQLObjectType), f"{type_name} is not served"
    return set(graphql_type.fields)


def test_every_field_of_a_compiled_type_is_translated_or_resolver_only() -> None:
    unaccounted = [
        f"{type_name}.{name}"
        for type_name, source in SOURCES.items()
        for name in sorted(_served_fields(type_name))
        if name not in source.fields and name not in RESOLVER_ONLY.get(type_name, {})
    ]
    assert not unaccounted, f"neither compiled nor resolver-only: {unaccounted}; {_FIX}"


def test_no_resolver_only_entry_is_stale() -> None:
    stale = []
    for type_name, names in RESOLVER_ONLY.items():
        assert type_name in SOURCES, f"RESOLVER_ONLY names {type_name}, not a compiled type"
        served = _served_fields(type_name)
        for name in names:
            if name in SOURCES[type_name].fields:
                stale.append(f"{type_name}.{name} (translated in SOURCES)")
            elif name not in served:
                stale.append(f"{type_name}.{name} (no such field)")
    assert not stale, f"stale RESOLVER_ONLY entries, remove them: {stale}"


def test_every_resolver_only_entry_gives_a_reason() -> None:
    for type_name, names in RESOLVER_ONLY.items():
        for name, reason in names.items():
            assert reason.strip(), f"{type_name}.{name} has no reason"


def test_no_translated_field_has_checks_the_compiled_path_would_skip() -> None:
    schema = build_schema()
    skipped = []
    for type_name, source in SOURCES.items():
        definition = schema.get_type_by_name(type_name)
        assert isinstance(definition, StrawberryObjectDefinition), type_name
        for field in definition.fields:
            name = schema.config.name_converter.get_graphql_name(field)
            if name not in source.fields:
                continue
            if field.permission_classes:
                skipped.append(f"{type_name}.{name} permission_classes")
            if field.extensions:
                skipped.append(f"{type_name}.{name} extensions")
    assert not skipped, (
        f"the compiled path runs no resolver, so it would skip {skipped}; "
        "move the field to RESOLVER_ONLY or enforce the check in SQL"
    )
