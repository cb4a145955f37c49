"""How errors reach clients: a machine-readable code on every one, internals never leaked.

Domain errors are shown in full; syntax, validation and limit errors get the code of
their kind; anything else is masked and logged with its traceback (a real server fault).
A caller's mistake is logged as one line at INFO, never with a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from sqlalchemy.exc import DataError
from strawberry.extensions import SchemaExtension

from provenance.services.errors import ProvenanceError

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


def _present(error: GraphQLError) -> GraphQLError:
    original = error.original_error
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
            result.errors = [_present(error) for error in result.errors]
