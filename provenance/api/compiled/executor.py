"""The executor that answers compilable queries with one statement, others as usual.

It takes over after strawberry has parsed, validated and authorised the operation, so
limits, access and errors stay exactly as they are; only the resolving changes: a whole
query when all of it compiles, else each object a resolver returns whose selection has a
list, a connection or a chain. Plans are cached per document, place, root field types and
boolean variables (all a statement's text depends on); ids, slugs and page arguments are
parameters.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

from graphql import FieldNode, GraphQLError, GraphQLObjectType, OperationType
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from provenance.api.compiled.arguments import (
    NotCompilable,
    NotWorthCompiling,
    PageArguments,
    RootShape,
    bind_root,
)
from provenance.api.compiled.compiler import Compiler, FieldDetailsList
from provenance.api.compiled.sources import node_types, sources
from provenance.api.live_socket import event_context
from provenance.api.metrics import count_fallback
from provenance.services.database_errors import ServiceUnavailableError, StatementTimeoutError

logger = logging.getLogger(__name__)

MAX_PLANS = 256
#: (document, reason) pairs already logged at warning level.
_warned: OrderedDict[tuple[Any, str], None] = OrderedDict()


@dataclass(frozen=True)
class Plan:
    """A compiled statement, and the connections whose page arguments it takes."""

    sql: str
    pages: tuple[PageArguments, ...]


class CompiledReads(StrawberryGraphQLCoreExecutionContext):
    """Answer a query from one SQL statement when every field it asks has a translation."""

    #: Compiled plans, or why the resolvers answer (counted again at each request), or
    #: None for objects not worth compiling (their resolver holds their fields).
    _plans: OrderedDict[tuple[Any, ...], Plan | str | None] = OrderedDict()
    #: A subscription event's own context (api.live_socket), released once it is answered.
    _event_scoped = False

    def build_per_event_executor(self, payload: Any) -> Any:
        # Subscriptions are never compiled (only queries are): each event is resolved with
        # fresh loaders on a connection of its own, not the socket's, and not cached ones.
        executor = super().build_per_event_executor(payload)
        context = event_context(self.context_value)
        if context is not None and isinstance(executor, CompiledReads):
            executor.context_value = context
            executor._event_scoped = True
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        result = super().execute_operation(serially)
        if not self._event_scoped:
            return result
        return self._released(result)

    async def _released(self, result: Any) -> Any:
        try:
            return await result if isawaitable(result) else result
        finally:
            await self.context_value.loaders.connection.close()

    def execute_root_grouped_field_set(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        position_context: Any,
    ) -> Any:
        if root_type is self.schema.query_type and self._compiling():
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

    def collect_and_execute_subfields(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        # An object a resolver returned (a search's quotations, say): its whole selection
        # from one statement per request for all objects at the same place in the query.
        prepared = self._prepare_object(return_type, field_details_list, result)
        if prepared is not None:
            return self._answer_object(
                *prepared,
                row_id=result.id,
                fallback=lambda: super(CompiledReads, self).collect_and_execute_subfields(
                    return_type, field_details_list, path, result, position_context
                ),
            )
        return super().collect_and_execute_subfields(
            return_type, field_details_list, path, result, position_context
        )

    def _prepare(self, grouped_field_set: GroupedFieldSet) -> tuple[str, dict[str, Any]] | None:
        """The statement and its parameters, or None if the operation is not compilable."""
        roots: list[tuple[str, RootShape, FieldDetailsList]] = []
        parameters: list[Any] = []
        query_type = self.schema.query_type
        assert query_type is not None
        max_ids = self.context_value.settings.max_page_size
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
                shape, values = bind_root(
                    name, arguments, max_ids=max_ids, node_types=node_types(self.schema)
                )
                roots.append((key, shape, details))
                parameters.extend(values)
        except (NotCompilable, GraphQLError, ValueError) as reason:
            # A root field the resolvers answer (a search, an error to report): counted by
            # its name; the objects below it may still be compiled, each at its place.
            count_fallback(f"Query.{name}")
            logger.debug("answered by resolvers: %s", reason)
            return None
        if all(shape is None for _, shape, _ in roots):
            return None  # only __typename: nothing to read
        shapes = tuple((key, shape) for key, shape, _ in roots)
        plan = self._plan(("operation", shapes), lambda compiler: compiler.statement(roots))
        if plan is None:
            return None
        bound = self._bind_pages(plan)
        if bound is None:
            return None
        bound.update((f"p{i}", value) for i, value in enumerate(parameters))
        return plan.sql, bound

    def _prepare_object(
        self, return_type: GraphQLObjectType, details: FieldDetailsList, result: Any
    ) -> tuple[str, dict[str, Any]] | None:
        """The statement for objects like ``result`` at this place, if compilable."""
        source = sources(self.schema).get(return_type.name)
        if source is None or source.table is None or type(getattr(result, "id", None)) is not int:
            return None
        if not self._compiling() or self.operation.operation != OperationType.QUERY:
            return None  # a mutation's objects may not be committed yet
        key = ("object", return_type.name, tuple(_position(d.node) for d in details))
        plan = self._plan(key, lambda compiler: compiler.objects(return_type.name, details))
        if plan is None:
            return None
        bound = self._bind_pages(plan)
        return None if bound is None else (plan.sql, bound)

    def _compiling(self) -> bool:
        return bool(getattr(getattr(self.context_value, "settings", None), "compiled_reads", False))

    def _plan(self, key: tuple[Any, ...], build: Callable[[Compiler], str]) -> Plan | None:
        """The cached plan for ``key`` in this document, compiled by ``build`` if new."""
        key = (*self._document_key(), *key)
        if key in self._plans:
            self._plans.move_to_end(key)
            cached = self._plans[key]
            if isinstance(cached, str):
                count_fallback(cached)
                return None
            return cached
        compiler = Compiler(
            schema=self.schema,
            operation=self.operation,
            fragments=self.fragments,
            variable_values=self.variable_values,
            max_chain_depth=self.context_value.settings.max_chain_depth,
        )
        try:
            plan: Plan | str | None = Plan(build(compiler), tuple(compiler.pages))
        except NotWorthCompiling:
            plan = None
        except NotCompilable as reason:
            self._fell_back(reason)
            plan = str(reason)
        self._plans[key] = plan
        if len(self._plans) > MAX_PLANS:
            self._plans.popitem(last=False)
        return plan if isinstance(plan, Plan) else None

    def _fell_back(self, reason: NotCompilable) -> None:
        """Count a request the resolvers answer instead; warn once per document and reason."""
        count_fallback(str(reason))
        key = (self._document_key()[0], str(reason))
        if key not in _warned:
            _warned[key] = None
            if len(_warned) > MAX_PLANS:
                _warned.popitem(last=False)
            logger.warning("compiled read answered by resolvers because of %s", reason)

    def _document_key(self) -> tuple[Any, ...]:
        # Only @skip/@include (boolean variables) change which fields a document selects;
        # other variables are either parameters or make the operation not compilable.
        operation = self.operation
        booleans = tuple(
            (name, self.variable_values.coerced.get(name))
            for definition in operation.variable_definitions or ()
            if _type_name(definition.type) == "Boolean"
            for name in (definition.variable.name.value,)
        )
        source = operation.loc.source.body if operation.loc else id(operation)
        name = operation.name.value if operation.name else None
        return (source, name, booleans, self.context_value.settings.max_chain_depth)

    def _bind_pages(self, plan: Plan) -> dict[str, Any] | None:
        """The page parameters of this request, or None if the resolvers must refuse them."""
        bound: dict[str, Any] = {}
        max_page_size = self.context_value.settings.max_page_size
        try:
            for index, page in enumerate(plan.pages):
                arguments = page.parameters(self.variable_values, max_page_size=max_page_size)
                bound.update((f"{name}{index}", value) for name, value in arguments.items())
        except (NotCompilable, GraphQLError) as reason:
            logger.debug("answered by resolvers: %s", reason)
            return None
        return bound

    async def _answer(
        self, sql: str, parameters: dict[str, Any], *, fallback: Any
    ) -> dict[str, Any]:
        try:
            data = await self.context_value.loaders.one_value(sql, parameters)
        except (ServiceUnavailableError, StatementTimeoutError) as problem:
            # The resolvers would meet the same database: report it, do not retry it.
            raise GraphQLError(problem.message, original_error=problem) from problem
        except Exception as error:
            # Let the resolvers answer, and report any error field by field as they do.
            count_fallback(f"statement failed: {type(error).__name__}")
            logger.warning("compiled read failed; answering through resolvers", exc_info=True)
            return await _completed(fallback())
        assert isinstance(data, dict)  # psycopg decodes json
        return data

    async def _answer_object(
        self, sql: str, parameters: dict[str, Any], *, row_id: int, fallback: Any
    ) -> dict[str, Any]:
        try:
            data = await self.context_value.loaders.compiled_objects(sql, parameters).load(row_id)
        except (ServiceUnavailableError, StatementTimeoutError):
            raise
        except Exception as error:
            count_fallback(f"statement failed: {type(error).__name__}")
            logger.warning("compiled read failed; answering through resolvers", exc_info=True)
            data = None
        if data is None:  # also if the row has gone since the resolver read it
            return await _completed(fallback())
        assert isinstance(data, dict)
        return data


async def _completed(result: Any) -> dict[str, Any]:
    if isawaitable(result):
        result = await result
    return dict(result)


def _position(node: FieldNode) -> Any:
    return node.loc.start if node.loc else id(node)


def _type_name(node: Any) -> str:
    while not hasattr(node, "name"):
        node = node.type
    return str(node.name.value)
