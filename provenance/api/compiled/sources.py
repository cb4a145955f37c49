"""The translations of a schema's read types, read off their fields' declarations.

Each strawberry type marked ``@read_type`` (compiled/declare.py) is a source: its table,
and for each GraphQL field declared with SQL, its translation. A field declared
``resolver_only`` (or not declared) has none: an operation asking for it is answered by
the resolvers, and counted (provenance_compiled_fallbacks_total{field="Type.field"}).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from graphql import GraphQLObjectType, GraphQLSchema
from strawberry.schema.name_converter import NameConverter
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField

from provenance.api.compiled.declare import (
    ReadTypes,
    declaration_of,
    read_type_of,
)
from provenance.api.compiled.translation import Source, Translation, global_id

_NAMES = NameConverter(auto_camel_case=True)
_DEFINITION = "strawberry-definition"
_cache: WeakKeyDictionary[GraphQLSchema, dict[str, Source]] = WeakKeyDictionary()


def definitions(schema: GraphQLSchema) -> dict[str, StrawberryObjectDefinition]:
    """The strawberry definitions of the schema's read types, by GraphQL name."""
    found = {}
    for name, graphql_type in schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        definition = (graphql_type.extensions or {}).get(_DEFINITION)
        if isinstance(definition, StrawberryObjectDefinition) and read_type_of(definition.origin):
            found[name] = definition
    return found


def graphql_name(field: StrawberryField) -> str:
    return _NAMES.get_graphql_name(field)


def sources(schema: GraphQLSchema) -> dict[str, Source]:
    """The source of each read type of ``schema``, by GraphQL name (built once)."""
    built = _cache.get(schema)
    if built is None:
        built = _cache[schema] = _sources(definitions(schema))
    return built


def node_types(schema: GraphQLSchema) -> frozenset[str]:
    """The types a global id may name for the compiled ``node``/``nodes`` root fields."""
    return frozenset(name for name, source in sources(schema).items() if "id" in source.fields)


def _sources(found: dict[str, StrawberryObjectDefinition]) -> dict[str, Source]:
    types = ReadTypes({name: d.origin for name, d in found.items()})
    result = {}
    for name, definition in found.items():
        read = read_type_of(definition.origin)
        assert read is not None
        fields: dict[str, Translation] = {}
        if read.table is not None and any(i.name == "Node" for i in definition.interfaces):
            fields["id"] = global_id(name)
        for field in definition.fields:
            declaration = declaration_of(field)
            if declaration is None or declaration.translate is None:
                continue
            if declaration.by_id and read.table is None:
                raise TypeError(
                    f"{name}.{graphql_name(field)}: an expression is read by id, and {name} "
                    "has no table (give a column of the row, or declare it on a table's type)"
                )
            fields[graphql_name(field)] = declaration.translate(field.type, types)
        result[name] = Source(read.table, fields)
    return result


def resolver_only(schema: GraphQLSchema) -> dict[str, dict[str, str]]:
    """Type name -> field name -> why it is answered by its resolver, for each read type."""
    found: dict[str, dict[str, str]] = {}
    for name, definition in definitions(schema).items():
        for field in definition.fields:
            declaration = declaration_of(field)
            if declaration is not None and declaration.reason is not None:
                found.setdefault(name, {})[graphql_name(field)] = declaration.reason
    return found


def undeclared(schema: GraphQLSchema) -> list[str]:
    """Type.field of each field of a read type declared neither with SQL nor resolver-only."""
    missing = []
    for name, definition in definitions(schema).items():
        declared = {graphql_name(f) for f in definition.fields if declaration_of(f) is not None}
        declared |= set(sources(schema)[name].fields)  # the global id
        graphql_type = schema.get_type(name)
        assert isinstance(graphql_type, GraphQLObjectType)
        missing += [f"{name}.{f}" for f in graphql_type.fields if f not in declared]
    return missing


def unchecked(schema: GraphQLSchema) -> list[str]:
    """Checks of compiled fields the compiled path would skip (it runs no resolver)."""
    skipped = []
    for name, definition in definitions(schema).items():
        translated = sources(schema)[name].fields
        for field in definition.fields:
            if graphql_name(field) not in translated:
                continue
            if field.permission_classes:
                skipped.append(f"{name}.{graphql_name(field)} permission_classes")
            if field.extensions:
                skipped.append(f"{name}.{graphql_name(field)} extensions")
    return skipped
