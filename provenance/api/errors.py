"""How errors reach clients: a machine-readable code on every one, internals never leaked.

Domain errors are shown in full; syntax, validation and limit errors get the code of
their kind; anything else is masked and logged with its traceback (a real server fault).
A caller's mistake is logged as one line at INFO, never with a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLSyntaxError,
    ListValueNode,
    StringValueNode,
    VariableNode,
)
from sqlalchemy.exc import DataError
from strawberry import relay
from strawberry.extensions import SchemaExtension
from strawberry.relay.types import InvalidGlobalIDError

from provenance.errors import ProvenanceError

log = logging.getLogger("provenance.api")

INTERNAL = "INTERNAL_SERVER_ERROR"


def _code_without_cause(error: GraphQLError) -> str:
    if isinstance(error, GraphQLSyntaxError):
        return "MAX_TOKENS_EXCEEDED" if "tokens" in error.message else "GRAPHQL_PARSE_FAILED"
    if error.path is None and error.message.startswith("Variable '$"):
        return "INVALID_INPUT"  # a variable's value does not fit its type
    if error.path is None:
        return "GRAPHQL_VALIDATION_FAILED"
    return "BAD_REQUEST"


def _is_callers_mistake(original: BaseException) -> bool:
    if isinstance(original, UnicodeError | RecursionError):
        return False
    return isinstance(original, GraphQLError | ValueError | DataError)


def _argument_with_bad_id(error: GraphQLError, variables: Mapping[str, Any]) -> str | None:
    """The argument of the failed field holding a value that is no global id."""
    node = error.nodes[0] if error.nodes else None
    if not isinstance(node, FieldNode):
        return None
    for argument in node.arguments or ():
        value = argument.value
        if isinstance(value, VariableNode):
            candidates = variables.get(value.name.value)
        elif isinstance(value, StringValueNode):
            candidates = value.value
        elif isinstance(value, ListValueNode):
            candidates = [
                v.value if isinstance(v, StringValueNode) else variables.get(v.name.value)
                for v in value.values
                if isinstance(v, StringValueNode | VariableNode)
            ]
        else:
            continue
        for candidate in candidates if isinstance(candidates, list) else [candidates]:
            if not isinstance(candidate, str):
                continue
            try:
                relay.GlobalID.from_id(candidate)
            except ValueError:
                return argument.name.value
    return None


def _present(error: GraphQLError, variables: Mapping[str, Any] | None = None) -> GraphQLError:
    original = error.original_error
    variables = variables or {}
    extensions: dict[str, Any]
    if original is None:
        if error.extensions and "code" in error.extensions:
            return error  # a limit's refusal: already coded
        extensions = {**(error.extensions or {}), "code": _code_without_cause(error)}
        message = error.message
    elif isinstance(original, ProvenanceError):
        extensions = {"code": original.code}
        if original.field:
            extensions["field"] = original.field
        if original.hint:
            extensions["hint"] = original.hint
        message = original.message
    elif isinstance(original, InvalidGlobalIDError):
        extensions = {"code": "INVALID_INPUT"}
        argument = _argument_with_bad_id(error, variables)
        if argument is not None:
            extensions["field"] = argument
            message = f"argument {argument}: {error.message}"
        else:
            message = error.message
        extensions["hint"] = "pass the id field of an object this API returned"
    elif _is_callers_mistake(original):
        extensions = {"code": "BAD_REQUEST"}
        message = error.message
        if isinstance(original, DataError):  # e.g. a NUL character PostgreSQL cannot store
            message = f"the database refused a value of the request: {original.orig}"
    else:
        log.error("internal error", exc_info=original)
        extensions = {"code": INTERNAL}
        message = "Internal server error: the request was not completed. It has been logged."
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original,
        extensions=extensions,
    )


def log_refusals(errors: list[GraphQLError]) -> None:
    """One INFO line per error that is the caller's mistake (faults are logged in full
    by DomainErrors, once coded); a syntax error (which strawberry reports past every
    extension) gets its code here, in place."""
    for position, error in enumerate(errors):
        if error.original_error is None and not (error.extensions or {}).get("code"):
            errors[position] = _present(error)
        original = error.original_error
        if (
            original is None
            or isinstance(original, ProvenanceError)
            or _is_callers_mistake(original)
        ):
            log.info("refused: %s", error.message)


class DomainErrors(SchemaExtension):
    """Give each error a machine-readable code, and never leak internals."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            variables = self.execution_context.variables or {}
            result.errors = [_present(error, variables) for error in result.errors]
