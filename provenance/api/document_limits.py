"""Limits on a GraphQL document, checked before it is validated or executed.

Depth, aliases, root fields and the static cost are measured in ONE walk of the
document's syntax tree: each fragment is summarised once and its summary reused at every
spread, so the work is linear in the size of the document, not in the size of its
expansion (eight fragments each spreading the next ten times expand to 10^8 fields, and
are measured by visiting 80 spreads).

The cost is the number of field values the response could hold: each field counts 1,
times the page size of every connection around it (``first``/``last``, else the default
page size; ``nodes(ids:)`` counts its ids), as GitHub and Shopify count theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    is_list_type,
    is_non_null_type,
)
from graphql.type.definition import GraphQLInterfaceType, GraphQLObjectType

from provenance.api.connection import DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class DocumentLimits:
    """The largest document the API executes (each with the setting that changes it)."""

    #: PROVENANCE_MAX_QUERY_DEPTH: nested field selections.
    max_depth: int = 12
    #: PROVENANCE_MAX_ALIASES: aliased fields, counted in the expanded document.
    max_aliases: int = 30
    #: PROVENANCE_MAX_ROOT_FIELDS: fields at the root of the operation, expanded.
    max_root_fields: int = 20
    #: PROVENANCE_MAX_QUERY_COST: field values the response could hold.
    max_cost: int = 50_000


@dataclass(frozen=True)
class Measure:
    """What a selection set asks for, relative to where it appears."""

    depth: int = 0
    aliases: int = 0
    root_fields: int = 0
    cost: int = 0

    def __add__(self, other: Measure) -> Measure:
        return Measure(
            depth=max(self.depth, other.depth),
            aliases=self.aliases + other.aliases,
            root_fields=self.root_fields + other.root_fields,
            cost=self.cost + other.cost,
        )


@dataclass
class Measurement:
    """The measure of one operation, and how many syntax nodes the walk visited."""

    measure: Measure
    visited: int


@dataclass
class _Walk:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    #: Nesting deeper than this is not walked further: it is refused anyway.
    max_depth: int
    memo: dict[str, Measure] = field(default_factory=dict)
    in_progress: set[str] = field(default_factory=set)
    visited: int = 0
    #: Nesting of the fields being walked, counted from the fragment or operation walked.
    nesting: int = 0

    def selection_set(
        self, selections: SelectionSetNode | None, parent: GraphQLNamedType | None
    ) -> Measure:
        total = Measure()
        if selections is None:
            return total
        if self.nesting > self.max_depth:
            return Measure(depth=1)
        for selection in selections.selections:
            self.visited += 1
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, inner)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
        return total

    def fragment(self, name: str) -> Measure:
        known = self.memo.get(name)
        if known is not None:
            return known
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return Measure()  # unknown or cyclic: validation reports it
        self.in_progress.add(name)
        # A fragment's measure is relative to where it is spread: walk it from nesting 0.
        nesting, self.nesting = self.nesting, 0
        measure = self.selection_set(
            definition.selection_set, self.schema.get_type(definition.type_condition.name.value)
        )
        self.nesting = nesting
        self.in_progress.discard(name)
        self.memo[name] = measure
        return measure

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> Measure:
        definition = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        if node.name.value == "__schema":
            child_type = self.schema.get_type("__Schema")
        elif node.name.value == "__type":
            child_type = self.schema.get_type("__Type")
        else:
            child_type = get_named_type(definition.type) if definition else None
        self.nesting += 1
        inner = self.selection_set(node.selection_set, child_type)
        self.nesting -= 1
        # ofType only walks down one type's wrappers: it never multiplies the answer.
        linear = parent is not None and parent.name == "__Type" and node.name.value == "ofType"
        factor = self._factor(node, child_type, definition.type if definition else None)
        return Measure(
            depth=inner.depth + (0 if linear else 1),
            aliases=inner.aliases + (1 if node.alias else 0),
            root_fields=1,
            cost=1 + factor * inner.cost,
        )

    def _factor(self, node: FieldNode, child: GraphQLNamedType | None, type_: Any) -> int:
        arguments = {argument.name.value: argument.value for argument in node.arguments or ()}
        if node.name.value == "nodes" and "ids" in arguments:
            return self._length(arguments["ids"])
        is_connection = child is not None and child.name.endswith("Connection")
        while is_non_null_type(type_):
            type_ = type_.of_type
        if not is_connection and not ("first" in arguments and is_list_type(type_)):
            return 1
        sizes = [self._int(arguments[name]) for name in ("first", "last") if name in arguments]
        known = [size for size in sizes if size is not None]
        return max(known) if known else DEFAULT_PAGE_SIZE

    def _value(self, value: ValueNode) -> Any:
        if isinstance(value, VariableNode):
            return self.variables.get(value.name.value)
        return value

    def _int(self, value: ValueNode) -> int | None:
        resolved = self._value(value)
        if isinstance(resolved, IntValueNode):
            resolved = int(resolved.value)
        if isinstance(resolved, int) and not isinstance(resolved, bool):
            return max(resolved, 0)
        return None

    def _length(self, value: ValueNode) -> int:
        resolved = self._value(value)
        if isinstance(resolved, ListValueNode):
            return len(resolved.values)
        if isinstance(resolved, list):
            return len(resolved)
        return 1


def measure_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
    *,
    max_depth: int,
) -> Measurement:
    """Depth, aliases, root fields and cost of ``operation``, each fragment walked once.

    Nesting beyond ``max_depth`` is not walked (its measure is only "too deep"); a chain of
    fragments too long for Python's stack measures as too deep as well.
    """
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    walk = _Walk(schema, fragments, variables or {}, max_depth)
    root = schema.get_root_type(operation.operation)
    try:
        measure = walk.selection_set(operation.selection_set, root)
    except RecursionError:
        measure = Measure(depth=max_depth + 1)
    return Measurement(measure=measure, visited=walk.visited)


def _limit_error(code: str, message: str, *, limit: int, value: int) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, "limit": limit, "value": value})


def check(measure: Measure, limits: DocumentLimits) -> GraphQLError | None:
    """The first limit ``measure`` exceeds, as an error naming it; None if within all."""
    if measure.depth > limits.max_depth:
        return _limit_error(
            "MAX_DEPTH_EXCEEDED",
            f"the query nests fields more than {limits.max_depth} levels deep, the most "
            "accepted (PROVENANCE_MAX_QUERY_DEPTH): ask for less nesting",
            limit=limits.max_depth,
            value=measure.depth,
        )
    if measure.aliases > limits.max_aliases:
        return _limit_error(
            "MAX_ALIASES_EXCEEDED",
            f"the query uses {measure.aliases} aliases (fragments expanded); at most "
            f"{limits.max_aliases} are accepted (PROVENANCE_MAX_ALIASES)",
            limit=limits.max_aliases,
            value=measure.aliases,
        )
    if measure.root_fields > limits.max_root_fields:
        return _limit_error(
            "MAX_ROOT_FIELDS_EXCEEDED",
            f"the query asks for {measure.root_fields} root fields (fragments expanded); at "
            f"most {limits.max_root_fields} are accepted (PROVENANCE_MAX_ROOT_FIELDS): "
            "send several requests",
            limit=limits.max_root_fields,
            value=measure.root_fields,
        )
    if measure.cost > limits.max_cost:
        return _limit_error(
            "MAX_COST_EXCEEDED",
            f"the query could return {measure.cost} values (page sizes multiplied through "
            f"nesting); at most {limits.max_cost} are accepted (PROVENANCE_MAX_QUERY_COST): "
            "ask for smaller pages (first) or fewer nested lists",
            limit=limits.max_cost,
            value=measure.cost,
        )
    return None
