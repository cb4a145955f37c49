"""Who is calling: the bearer token of a request, and the scope each operation needs.

Queries need the read scope (anonymous requests have it unless PROVENANCE_ANONYMOUS_READ
is false); mutations need the write scope. A request without it is refused before
anything runs, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from provenance.config import Settings
from provenance.errors import PermissionDeniedError, ProvenanceError
from provenance.services import tokens
from provenance.services.transactions import write


async def grant_of(
    connection: HTTPConnection,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> tuple[tokens.Grant, ProvenanceError | None]:
    """The grant of the request's Authorization header, and the error if it is unusable."""
    return await grant_of_header(connection.headers.get("authorization"), sessions, settings)


async def grant_of_header(
    header: str | None,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> tuple[tokens.Grant, ProvenanceError | None]:
    """The grant of an Authorization value ('Bearer <token>', or None: anonymous)."""
    anonymous = tokens.anonymous(read=settings.anonymous_read)
    if header is None:
        return anonymous, None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return anonymous, PermissionDeniedError(
            "the Authorization header must read 'Bearer <token>'", field="authorization"
        )

    async def check(session: AsyncSession) -> tokens.Grant:
        return await tokens.authenticate(session, secret=secret.strip())

    try:
        return await write(sessions, check, actor="api:authenticate"), None
    except ProvenanceError as error:
        return anonymous, error


class Access(SchemaExtension):
    """Refuse an operation whose caller lacks its scope, before it executes."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        operation = self.execution_context.operation_type
        needed = "write" if operation == OperationType.MUTATION else "read"
        error: ProvenanceError | None = getattr(context, "auth_error", None)
        grant: tokens.Grant | None = getattr(context, "grant", None)
        if error is None and grant is not None:
            try:
                tokens.require(grant, needed)
            except PermissionDeniedError as denied:
                error = denied
        if error is not None:
            self.execution_context.result = ExecutionResult(
                data=None, errors=[GraphQLError(error.message, original_error=error)]
            )
        yield
