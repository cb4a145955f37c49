"""Every translation names a field of the served schema, with the type it returns."""

from __future__ import annotations

from graphql import GraphQLObjectType, get_named_type

from provenance.api.compiled.sources import sources
from provenance.api.compiled.translation import Chain, Children, Column, Inline
from provenance.api.schema import build_schema

SOURCES = sources(build_schema()._schema)


def test_every_translated_field_exists_with_its_type() -> None:
    schema = build_schema()._schema
    for type_name, source in SOURCES.items():
        graphql_type = schema.get_type(type_name)
        assert isinstance(graphql_type, GraphQLObjectType), type_name
        for name, translation in source.fields.items():
            field = graphql_type.fields.get(name)
            assert field is not None, f"{type_name}.{name}"
            returned = get_named_type(field.type).name
            if isinstance(translation, Children):
                assert returned == f"{translation.type_name}Connection"
            elif isinstance(translation, Chain):
                assert returned == "ChainHop"
            elif not isinstance(translation, Column):
                assert returned == translation.type_name, f"{type_name}.{name}"
            if isinstance(translation, Inline):
                assert SOURCES[translation.type_name].table is None


def test_every_type_with_an_id_has_a_table() -> None:
    for type_name, source in SOURCES.items():
        if "id" in source.fields:
            assert source.table is not None, type_name
