"""Every HTTP route authorised alike: reading anything needs the read scope.

/graphql checks each operation's scope itself (api.access) and /healthz is open (a load
balancer has no token); every other route (the relay-graph pictures, GraphiQL's files)
is refused here unless the caller may read: anonymously while PROVENANCE_ANONYMOUS_READ
is on, otherwise with a bearer token holding the read scope. GraphiQL's files follow the
GraphiQL page's rule (api.graphiql_page), so that PROVENANCE_GRAPHIQL=true shows a working
page.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from provenance.api.access import grant_of
from provenance.api.graphiql_page import graphiql_allowed
from provenance.api.graphql_http import JSON, error_body, refusal
from provenance.config import Settings
from provenance.services.database_errors import ServiceUnavailableError

#: Paths that decide access themselves, or need none.
SELF_GUARDED = frozenset({"/graphql", "/healthz"})
GRAPHIQL_FILES = "/graphiql/"


class ReadAccess:
    """ASGI middleware refusing callers without the read scope (401 or 403)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
    ) -> None:
        self.app = app
        self.sessions = sessions
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in SELF_GUARDED:
            connection = HTTPConnection(scope)
            grant, error = await grant_of(connection, self.sessions, self.settings)
            if isinstance(error, ServiceUnavailableError):  # the token could not be checked
                unavailable = Response(
                    error_body(error.message, error.code),
                    status_code=503,
                    media_type=JSON,
                    headers={"Retry-After": str(error.retry_after)},
                )
                await unavailable(scope, receive, send)
                return
            if scope["path"].startswith(GRAPHIQL_FILES):
                # GraphiQL's files follow the page's rule: a page shown loads them.
                allowed = graphiql_allowed(self.settings, None if error else grant)
            else:
                allowed = error is None and grant.allows("read")
            if not allowed:
                anonymous = "authorization" not in connection.headers
                message = (
                    error.message
                    if error is not None
                    else "reading needs a token with the 'read' scope: send "
                    "'Authorization: Bearer <token>'"
                )
                response = refusal(401 if anonymous else 403, message, JSON)
                if anonymous:
                    response.headers["WWW-Authenticate"] = "Bearer"
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
