"""The executor that answers compilable queries with one statement, others as usual.

It takes over after strawberry has parsed, validated and authorised the operation, so
limits, access and errors stay exactly as they are; only the resolving changes. Plans
are cached per document, root field types and boolean variables (the only things a
statement's text depends on); ids and slugs are parameters.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError, GraphQLObjectType
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.execution.values import get_argument_values
from strawberry.relay import GlobalID
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from provenance.api.compiled.compiler import (
    Compiler,
    FieldDetailsList,
    NotCompilable,
    PageArguments,
    RootList,
    RootObject,
    RootShape,
)
from provenance.api.compiled.translations import NODE_TYPES

logger = logging.getLogger(__name__)

# Root fields that fetch one object by id or slug, and the type they return.
BY_ID_OR_SLUG = {
    "speaker": "Speaker",
    "outlet": "Outlet",
    "article": "Article",
    "quotation": "Quotation",
}
MAX_BIGINT = 2**63 - 1
MAX_PLANS = 256


@dataclass(frozen=True)
class Plan:
    """A compiled statement, and the connections whose page arguments it takes."""

    sql: str
    pages: tuple[PageArguments, ...]


class CompiledReads(StrawberryGraphQLCoreExecutionContext):
    """Answer a query from one SQL statement when every field it asks has a translation."""

    _plans: OrderedDict[tuple[Any, ...], Plan | None] = OrderedDict()

    def execute_root_grouped_field_set(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        position_context: Any,
    ) -> Any:
        settings = getattr(self.context_value, "settings", None)
        if root_type is self.schema.query_type and getattr(settings, "compiled_reads", False):
            prepared = self._prepare(grouped_field_set)
            if prepared is not None:
                return self._answer(
                    *prepared,
                    fallback=lambda: super(CompiledReads, self).execute_root_grouped_field_set(
                        root_type, root_value, grouped_field_set, serially, position_context
                    ),
                )
        return super().execute_root_grouped_field_set(
            root_type, root_value, grouped_field_set, serially, position_context
        )

    def _prepare(self, grouped_field_set: GroupedFieldSet) -> tuple[str, dict[str, Any]] | None:
        """The statement and its parameters, or None if the operation is not compilable."""
        roots: list[tuple[str, RootShape, FieldDetailsList]] = []
        parameters: list[Any] = []
        query_type = self.schema.query_type
        assert query_type is not None
        try:
            for key, details in grouped_field_set.items():
                name = details[0].node.name.value
                if name == "__typename":
                    roots.append((key, None, details))
                    continue
                field = query_type.fields.get(name)
                if field is None:
                    return None
                arguments = get_argument_values(field, details[0].node, self.variable_values)
                shape, values = _bind_root(name, arguments)
                roots.append((key, shape, details))
                parameters.extend(values)
        except (NotCompilable, GraphQLError, ValueError) as reason:
            logger.debug("answered by resolvers: %s", reason)
            return None
        plan_key = self._plan_key(roots)
        if plan_key in self._plans:
            self._plans.move_to_end(plan_key)
            plan = self._plans[plan_key]
        else:
            plan = self._compile(roots)
            self._plans[plan_key] = plan
            if len(self._plans) > MAX_PLANS:
                self._plans.popitem(last=False)
        if plan is None:
            return None
        bound = {f"p{i}": value for i, value in enumerate(parameters)}
        max_page_size = self.context_value.settings.max_page_size
        try:
            for index, page in enumerate(plan.pages):
                for name, value in page.parameters(
                    self.variable_values, max_page_size=max_page_size
                ).items():
                    bound[f"{name}{index}"] = value
        except (NotCompilable, GraphQLError) as reason:
            logger.debug("answered by resolvers: %s", reason)
            return None
        return plan.sql, bound

    def _compile(self, roots: Sequence[tuple[str, RootShape, FieldDetailsList]]) -> Plan | None:
        compiler = Compiler(
            schema=self.schema,
            operation=self.operation,
            fragments=self.fragments,
            variable_values=self.variable_values,
            max_chain_depth=self.context_value.settings.max_chain_depth,
        )
        try:
            return Plan(compiler.statement(roots), tuple(compiler.pages))
        except NotCompilable as reason:
            logger.debug("answered by resolvers: %s", reason)
            return None

    def _plan_key(
        self, roots: Sequence[tuple[str, RootShape, FieldDetailsList]]
    ) -> tuple[Any, ...]:
        # Only @skip/@include (boolean variables) change which fields a document selects;
        # other variables are either root parameters or make the operation not compilable.
        operation = self.operation
        booleans = tuple(
            (name, self.variable_values.coerced.get(name))
            for definition in operation.variable_definitions or ()
            if _type_name(definition.type) == "Boolean"
            for name in (definition.variable.name.value,)
        )
        source = operation.loc.source.body if operation.loc else id(operation)
        name = operation.name.value if operation.name else None
        return (
            source,
            name,
            tuple((key, shape) for key, shape, _ in roots),
            booleans,
            self.context_value.settings.max_chain_depth,
        )

    async def _answer(
        self, sql: str, parameters: dict[str, Any], *, fallback: Any
    ) -> dict[str, Any]:
        try:
            data = await self.context_value.loaders.one_value(sql, parameters)
        except Exception:
            # Let the resolvers answer, and report any error field by field as they do.
            logger.warning("compiled read failed; answering through resolvers", exc_info=True)
            result = fallback()
            if self.is_awaitable(result):
                return await _awaited(result)
            return dict(result)
        assert isinstance(data, dict)  # psycopg decodes json
        return data


async def _awaited(result: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    return await result


def _bind_root(name: str, arguments: dict[str, Any]) -> tuple[RootShape, list[Any]]:
    """The shape of a root field and its parameters (ids or a slug)."""
    if name == "node":
        shape, value = _node(arguments["id"])
        return shape, [value]
    if name == "nodes":
        pairs = [_node(node_id) for node_id in arguments["ids"]]
        return RootList(tuple(p[0] for p in pairs)), [p[1] for p in pairs]
    if name == "attribution":
        return RootObject("Attribution", "id"), [_database_id(arguments["id"], "Attribution")]
    type_name = BY_ID_OR_SLUG.get(name)
    if type_name is not None:
        global_id, slug = arguments.get("id"), arguments.get("slug")
        if global_id is not None and slug is None:
            return RootObject(type_name, "id"), [_database_id(global_id, type_name)]
        if slug is not None and global_id is None:
            return RootObject(type_name, "slug"), [slug]
    # Anything else, including the errors of these fields, is left to the resolvers.
    raise NotCompilable(name)


def _node(value: Any) -> tuple[RootObject, int]:
    global_id = _global_id(value)
    if global_id.type_name not in NODE_TYPES:
        raise NotCompilable(f"node of type {global_id.type_name}")
    return RootObject(global_id.type_name, "id"), _database_id(global_id, global_id.type_name)


def _global_id(value: Any) -> GlobalID:
    # Strawberry hands some ID arguments over decoded, others as the string sent.
    return value if isinstance(value, GlobalID) else GlobalID.from_id(value)


def _database_id(value: Any, type_name: str) -> int:
    global_id = _global_id(value)
    if global_id.type_name != type_name:
        raise NotCompilable(f"not an id of a {type_name}")
    node_id = global_id.node_id
    if not (node_id.isascii() and node_id.isdigit()) or int(node_id) > MAX_BIGINT:
        raise NotCompilable(f"not an id of a {type_name}")
    return int(node_id)


def _type_name(node: Any) -> str:
    while not hasattr(node, "name"):
        node = node.type
    return str(node.name.value)
