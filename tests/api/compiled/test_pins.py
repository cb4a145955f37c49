"""The graphql-core and strawberry internals the compiled executor relies on keep their shape.

pyproject bounds both libraries; within those bounds an upgrade that renames a method,
an argument or an attribute the executor overrides or reads must fail here, by name,
rather than silently send every query to the resolvers (or break them).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from graphql.execution import collect_fields, values
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from provenance.api.compiled.executor import CompiledReads


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


# The methods CompiledReads overrides, with the parameters it passes on to super().
OVERRIDDEN = {
    "build_per_event_executor": ["self", "payload"],
    "execute_operation": ["self", "serially"],
    "execute_root_grouped_field_set": [
        "self", "root_type", "root_value", "grouped_field_set", "serially", "position_context",
    ],
    "collect_and_execute_subfields": [
        "self", "return_type", "field_details_list", "path", "result", "position_context",
    ],
}  # fmt: skip


@pytest.mark.parametrize("method", sorted(OVERRIDDEN))
def test_overridden_methods_keep_their_signatures(method: str) -> None:
    base = getattr(StrawberryGraphQLCoreExecutionContext, method, None)
    assert base is not None, f"StrawberryGraphQLCoreExecutionContext.{method} is gone"
    assert parameters(base) == OVERRIDDEN[method], (
        f"StrawberryGraphQLCoreExecutionContext.{method} changed its parameters: "
        f"{parameters(base)}; update CompiledReads.{method}"
    )
    assert parameters(getattr(CompiledReads, method)) == OVERRIDDEN[method]


def test_graphql_core_helpers_keep_the_arguments_the_compiler_passes() -> None:
    collect = parameters(collect_fields.collect_subfields)
    assert collect[:6] == [
        "schema", "fragments", "variable_values", "operation", "return_type",
        "field_details_list",
    ], f"graphql-core collect_subfields changed: {collect}"  # fmt: skip
    arguments = parameters(values.get_argument_values)
    assert arguments[:3] == ["type_def", "node", "variable_values"], (
        f"graphql-core get_argument_values changed: {arguments}"
    )


def test_graphql_core_records_keep_the_attributes_read() -> None:
    details = set(collect_fields.FieldDetails._fields)
    assert {"node", "fragment_variable_values"} <= details, f"FieldDetails is now {details}"
    variables = set(values.VariableValues._fields)
    assert "coerced" in variables, f"VariableValues is now {variables}"
    result = set(collect_fields.CollectedFields._fields)
    assert "grouped_field_set" in result, f"CollectedFields is now {result}"


def test_the_execution_context_keeps_the_attributes_read() -> None:
    declared: set[str] = set()
    for klass in StrawberryGraphQLCoreExecutionContext.__mro__:
        declared.update(getattr(klass, "__annotations__", {}))
    for name in ["schema", "operation", "fragments", "variable_values", "context_value"]:
        assert name in declared, f"the execution context no longer declares {name}"
