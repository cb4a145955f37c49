"""The scope of one GraphQL request: its database connection lives and dies with it.

ASGI middleware in front of the GraphQL view: it gives the request a RequestConnection,
gives it back to the pool as soon as the response starts (before the body goes out) and in
``finally`` whatever happens, and cancels the request if its client disconnects
(api.disconnect). A database fault that escapes the view before it answered is answered
here: 503 with Retry-After and a GraphQL error body.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from provenance.api.disconnect import cancel_on_disconnect
from provenance.api.request_connection import RequestConnection
from provenance.api.unavailable import count_problem
from provenance.services.database_errors import ServiceUnavailableError, database_problem

SCOPE_KEY = "provenance.request_connection"


class RequestScope:
    """Wrap ``app`` (the GraphQL view) so each HTTP request has one connection, scoped.

    With ``replicas`` (read replicas' engines), each request reads from the next replica in
    turn, and from ``engine`` (the primary) once it wrote (RequestConnection.use_primary).
    """

    def __init__(
        self, app: ASGIApp, *, engine: AsyncEngine, replicas: Sequence[AsyncEngine] = ()
    ) -> None:
        self.app = app
        self.engine = engine  # reads only: an autocommit engine (db.read_only)
        self._replicas = itertools.cycle(replicas) if replicas else None

    def _connection(self) -> RequestConnection:
        if self._replicas is None:
            return RequestConnection(self.engine)
        return RequestConnection(next(self._replicas), primary=self.engine)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = self._connection()
        scope[SCOPE_KEY] = connection
        started = False

        async def send_after_release(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                await connection.close()  # the answer is computed: free the connection now
            await send(message)

        try:
            await cancel_on_disconnect(self.app, scope, receive, send_after_release)
        except Exception as error:
            problem = (
                error if isinstance(error, ServiceUnavailableError) else database_problem(error)
            )
            if started or not isinstance(problem, ServiceUnavailableError):
                raise
            count_problem(problem)
            await _answer_unavailable(send, problem)
        finally:
            await connection.close()


def request_connection(request: HTTPConnection) -> RequestConnection:
    """The connection of ``request``, which RequestScope gave it."""
    connection = request.scope.get(SCOPE_KEY)
    if not isinstance(connection, RequestConnection):
        raise RuntimeError("the GraphQL view must be served behind RequestScope")
    return connection


async def _answer_unavailable(send: Send, problem: ServiceUnavailableError) -> None:
    error = {
        "message": problem.message,
        "extensions": {"code": problem.code, "hint": problem.hint},
    }
    body = json.dumps({"data": None, "errors": [error]}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(problem.retry_after).encode()),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
