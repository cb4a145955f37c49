"""Errors the write path, ingest and the API raise. Each says what is wrong and what to do."""

from __future__ import annotations

from typing import ClassVar


class ProvenanceError(Exception):
    """Base class: a problem with the request, safe to show to the caller."""

    code: ClassVar[str] = "PROVENANCE_ERROR"

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class NotFoundError(ProvenanceError):
    """Something referred to does not exist."""

    code = "NOT_FOUND"


class InvalidInputError(ProvenanceError):
    """The input breaks a rule of the domain."""

    code = "INVALID_INPUT"


class TextNotFoundError(InvalidInputError):
    """The quoted words do not stand in the article."""

    code = "TEXT_NOT_IN_ARTICLE"


class AmbiguousTextError(InvalidInputError):
    """The quoted words stand in the article more than once."""

    code = "TEXT_AMBIGUOUS"


class AlreadyExistsError(InvalidInputError):
    """Something with this natural key exists already, and differs."""

    code = "ALREADY_EXISTS"


class ConflictError(ProvenanceError):
    """Concurrent writers kept colliding; the write did not happen."""

    code = "CONFLICT"


class DatabaseRuleError(InvalidInputError):
    """The database refused the write: a constraint or trigger rule was broken."""

    code = "REFUSED_BY_DATABASE"


class PermissionDeniedError(ProvenanceError):
    """The caller's token lacks the scope the operation needs."""

    code = "FORBIDDEN"
