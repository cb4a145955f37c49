"""Compile a query's selections into one SQL statement that builds the JSON answer.

Each object becomes a ``json_build_object`` of its selected fields (the translations
declared beside each field: compiled/declare.py); each related object a correlated
subquery on its key; a chain one recursive subquery.
Fields are collected the way graphql-core collects them (fragments, type conditions,
@skip/@include, merged duplicates), so the statement answers exactly what was asked.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from graphql import (
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    get_named_type,
)
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues

from provenance.api import lists
from provenance.api.compiled.arguments import (
    NotCompilable,
    NotWorthCompiling,
    PageArguments,
    RootList,
    RootShape,
)
from provenance.api.compiled.sources import sources
from provenance.api.compiled.translation import (
    Chain,
    Children,
    Column,
    Inline,
    Related,
    Rows,
)
from provenance.api.lists import ListShape
from provenance.services.chains import CHAIN_HOPS
from provenance.services.pages import cursor_sql

# json_build_object takes at most 100 arguments: 50 keys and their values.
MAX_KEYS = 50


FieldDetailsList = list[FieldDetails]
# Builds the SQL of a field from its GraphQL type's name and its field nodes.
Builder = Callable[[str, FieldDetailsList], str]


def cursor(key: str) -> str:
    """services.pages.encode_cursor of a one-column key (null when ``key`` is)."""
    return cursor_sql(f"'[' || {key} || ']'")


def _leaf(sql: str) -> Builder:
    return lambda _type, _details: sql


class Compiler:
    """Compiles the selections of one operation (with its fragments and variables)."""

    def __init__(
        self,
        *,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDetails],
        variable_values: VariableValues,
        max_chain_depth: int,
    ) -> None:
        self._schema = schema
        self._sources = sources(schema)
        self._operation = operation
        self._fragments = fragments
        self._variables = variable_values
        self._max_chain_depth = int(max_chain_depth)
        self._aliases = itertools.count()
        self._parameters = itertools.count()
        #: The connections of the statement: their parameters are first{i}, after{i}...
        self.pages: list[PageArguments] = []

    def statement(self, roots: Sequence[tuple[str, RootShape, FieldDetailsList]]) -> str:
        """One SELECT of one JSON value: the answer's ``data``, keyed like the root fields.

        Parameters are named p0, p1... in the order of ``roots`` and of each list's items.
        """
        values = [f"'{key}', {self._root(shape, details)}" for key, shape, details in roots]
        return f"SELECT {self._json_object(values)}"

    def objects(self, type_name: str, details: FieldDetailsList) -> str:
        """The JSON of each ``type_name`` row whose id is in the parameter ``ids``, with its id.

        NotCompilable unless a list, a connection or a chain is asked for: the object a
        resolver returned already holds its plain fields (and its loaders batch related
        objects), so a statement would cost more than it saves.
        """
        fields = self._sources[type_name].fields
        _, grouped = self._collect(type_name, details)
        if not any(
            isinstance(fields.get(d[0].node.name.value), Rows | Children | Chain)
            for d in grouped.values()
        ):
            raise NotWorthCompiling(f"no list of {type_name} asked")
        alias = self._alias()
        body = self._object(type_name, alias, details)
        table = self._sources[type_name].table
        return f"SELECT {alias}.id, {body} FROM {table} {alias} WHERE {alias}.id = ANY(%(ids)s)"

    def _root(self, shape: RootShape, details: FieldDetailsList) -> str:
        if shape is None:
            return "'Query'"
        if isinstance(shape, ListShape):
            names = [f"%(p{next(self._parameters)})s" for _ in range(shape.value_count)]
            return self._root_list(shape, names, details)
        if isinstance(shape, RootList):
            items = ", ".join(self._root(item, details) for item in shape.objects)
            return f"json_build_array({items})"
        source = self._sources[shape.type_name]
        alias = self._alias()
        parameter = f"%(p{next(self._parameters)})s"
        body = self._object(shape.type_name, alias, details)
        return (
            f"(SELECT {body} FROM {source.table} {alias} "
            f"WHERE {alias}.{shape.column} = {parameter})"
        )

    def _object(self, type_name: str, row: str, details: FieldDetailsList) -> str:
        _, grouped = self._collect(type_name, details)
        values = [
            f"'{key}', {self._field(type_name, row, field_details)}"
            for key, field_details in grouped.items()
        ]
        return self._json_object(values)

    def _field(self, type_name: str, row: str, details: FieldDetailsList) -> str:
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            return f"'{type_name}'"
        translation = self._sources[type_name].fields.get(name)
        if any(d.fragment_variable_values for d in details) or (
            any(d.node.arguments for d in details) and not isinstance(translation, Children)
        ):
            raise NotCompilable(f"{type_name}.{name} with arguments")
        if isinstance(translation, Column):
            return translation.sql.replace("{row}", row)
        if isinstance(translation, Related):
            alias = self._alias()
            body = self._object(translation.type_name, alias, details)
            table = self._sources[translation.type_name].table
            key = translation.key.replace("{row}", row)
            return f"(SELECT {body} FROM {table} {alias} WHERE {alias}.id = {key})"
        if isinstance(translation, Inline):
            body = self._object(translation.type_name, row, details)
            return f"CASE WHEN {translation.present.replace('{row}', row)} THEN {body} END"
        if isinstance(translation, Rows):
            alias = self._alias()
            body = self._object(translation.type_name, alias, details)
            table = self._sources[translation.type_name].table
            return (
                f"(SELECT coalesce(json_agg({body} ORDER BY {alias}.id), '[]'::json) "
                f"FROM {table} {alias} WHERE {alias}.{translation.key} = {row}.id)"
            )
        if isinstance(translation, Children):
            return self._connection(type_name, name, row, details, translation)
        if isinstance(translation, Chain):
            alias = self._alias()
            hop = self._object("ChainHop", alias, details)
            hops = CHAIN_HOPS.replace("{attribution}", f"{row}.id").replace(
                "{max_depth}", str(self._max_chain_depth)
            )
            return (
                f"(SELECT coalesce(json_agg({hop} ORDER BY {alias}.ord), '[]'::json) "
                f"FROM ({hops}) {alias})"
            )
        raise NotCompilable(f"{type_name}.{name}")

    def _connection(
        self, type_name: str, name: str, row: str, details: FieldDetailsList, children: Children
    ) -> str:
        parent_type = self._schema.get_type(type_name)
        assert isinstance(parent_type, GraphQLObjectType)
        field = parent_type.fields[name]
        index = len(self.pages)
        self.pages.append(PageArguments(field, details[0].node))
        first, after = f"%(first{index})s::int", f"%(after{index})s::bigint"
        before, backward = f"%(before{index})s::bigint", f"%(backward{index})s::boolean"
        page, table = self._alias(), self._sources[children.type_name].table
        in_page = f"{page}.page_position <= {first}"
        more = f"(count(*) > {first})"
        page_info: dict[str, Builder] = {
            "hasNextPage": _leaf(
                f"(CASE WHEN {backward} THEN %(bounded{index})s::boolean ELSE {more} END)"
            ),
            "hasPreviousPage": _leaf(
                f"(CASE WHEN {backward} THEN {more} ELSE %(paged{index})s::boolean END)"
            ),
            "startCursor": _leaf(cursor(f"min({page}.id) FILTER (WHERE {in_page})")),
            "endCursor": _leaf(cursor(f"max({page}.id) FILTER (WHERE {in_page})")),
        }
        edge: dict[str, Builder] = {
            "cursor": _leaf(cursor(f"{page}.id")),
            "node": lambda _type, node: self._object(children.type_name, page, node),
        }
        connection: dict[str, Builder] = {
            "totalCount": _leaf(
                f"(SELECT count(*) FROM {table} c WHERE c.{children.key} = {row}.id)"
            ),
            "totalCountIsExact": _leaf("true"),
            "pageInfo": lambda info_type, d: self._composite(info_type, d, page_info),
            "edges": lambda edge_type, d: (
                f"coalesce(json_agg({self._composite(edge_type, d, edge)} ORDER BY {page}.id)"
                f" FILTER (WHERE {in_page}), '[]'::json)"
            ),
        }
        body = self._composite(get_named_type(field.type).name, details, connection)
        # Backward (last/before): the rows nearest before, read by descending id.
        scan = f"CASE WHEN {backward} THEN -c.id ELSE c.id END"
        return (
            f"(SELECT {body} FROM (SELECT c.*, row_number() OVER (ORDER BY {scan})"
            f" AS page_position FROM {table} c WHERE c.{children.key} = {row}.id"
            f" AND c.id > {after} AND c.id < {before}"
            # HAVING true: one row even past the last page when no aggregate is selected
            # (totalCount alone), as the resolvers answer.
            f" ORDER BY {scan} LIMIT {first} + 1) {page} HAVING true)"
        )

    def _root_list(self, shape: ListShape, names: list[str], details: FieldDetailsList) -> str:
        """A root list (api/lists.py): its page statement wrapped in the connection's JSON."""
        query_type = self._schema.query_type
        assert query_type is not None
        field = query_type.fields[details[0].node.name.value]
        page = self._alias()
        in_page = f"{page}.page_position <= {lists.size_name(names)}"
        page_info = {k: _leaf(v) for k, v in lists.page_info_sql(shape, page, names).items()}
        edge: dict[str, Builder] = {
            "cursor": _leaf(f"{page}.list_cursor"),
            "node": lambda _type, node: self._object(shape.type_name, page, node),
        }
        count = f"(SELECT count(*) FROM {shape.table} c WHERE {lists.where(shape, names)})"
        connection: dict[str, Builder] = {
            "totalCount": _leaf(count),
            "totalCountIsExact": _leaf("true"),
            "pageInfo": lambda info_type, d: self._composite(info_type, d, page_info),
            "edges": lambda edge_type, d: (
                f"coalesce(json_agg({self._composite(edge_type, d, edge)}"
                f" ORDER BY {lists.order_by(shape, page)}) FILTER (WHERE {in_page}), '[]'::json)"
            ),
        }
        body = self._composite(get_named_type(field.type).name, details, connection)
        return f"(SELECT {body} FROM ({lists.page_statement(shape, names)}) {page} HAVING true)"

    def _composite(
        self, type_name: str, details: FieldDetailsList, fields: dict[str, Builder]
    ) -> str:
        """A JSON object of a type without a table (connection, edge, page info)."""
        object_type, grouped = self._collect(type_name, details)
        values = []
        for key, sub in grouped.items():
            name = sub[0].node.name.value
            if any(d.node.arguments for d in sub):
                raise NotCompilable(f"{type_name}.{name} with arguments")
            if name == "__typename":
                value = f"'{type_name}'"
            elif name in fields:
                value = fields[name](get_named_type(object_type.fields[name].type).name, sub)
            else:
                raise NotCompilable(f"{type_name}.{name}")
            values.append(f"'{key}', {value}")
        return self._json_object(values)

    def _collect(
        self, type_name: str, details: FieldDetailsList
    ) -> tuple[GraphQLObjectType, dict[str, FieldDetailsList]]:
        """The fields these nodes select on ``type_name``, merged as graphql-core merges them."""
        object_type = self._schema.get_type(type_name)
        assert isinstance(object_type, GraphQLObjectType), type_name
        collected = collect_subfields(
            self._schema, self._fragments, self._variables, self._operation, object_type, details
        )
        return object_type, collected.grouped_field_set

    def _json_object(self, values: list[str]) -> str:
        if len(values) > MAX_KEYS:
            raise NotCompilable(f"more than {MAX_KEYS} fields on one object")
        return f"json_build_object({', '.join(values)})"

    def _alias(self) -> str:
        # Never a name used inside fixed SQL (CHAIN_HOPS, connections, translations).
        return f"t{next(self._aliases)}"
