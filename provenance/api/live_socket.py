"""The websocket at /graphql: GraphQL subscriptions over graphql-transport-ws.

- SocketScope (ASGI, in front of the GraphQL view for websockets) gives the socket what
  HTTP requests get from api.request_scope, and the process's Notifications.
- LiveSockets (mixed into the view) authorises at ``connection_init``: the payload's
  ``{"Authorization": "Bearer <token>"}`` (browsers cannot set headers on a websocket), else
  the handshake's Authorization header, else anonymous. A caller without the read scope is
  refused (close code 4403), as queries are.
- LiveOperations (a schema extension) keeps the socket to subscriptions, re-checks the
  scope, and codes the errors of each event as api.errors does for HTTP answers.
- event_context: each event is resolved with its own loaders and database connection,
  given back as soon as the event is sent (the executor calls it, api.compiled.executor).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import ExecutionResult, GraphQLError
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.routing import WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import SchemaExtension
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from provenance import models
from provenance.api.access import grant_of_header
from provenance.api.context import Context
from provenance.api.errors import _present
from provenance.api.loaders import Loaders
from provenance.api.notifications import Notice, Notifications, Subscriber, SubscriptionLimitError
from provenance.api.request_connection import RequestConnection
from provenance.api.request_scope import SCOPE_KEY
from provenance.api.shared_reads import SharedReads
from provenance.config import Settings
from provenance.db import read_only, sqlalchemy_url
from provenance.errors import InvalidInputError, PermissionDeniedError, ProvenanceError

LIVE_KEY = "provenance.live"
SOCKET_KEY = "provenance.socket_subscriptions"


@dataclass(frozen=True)
class Live:
    """What a socket's subscriptions need: the read engine and the process's listener."""

    engine: AsyncEngine  # reads only (db.read_only)
    notifications: Notifications
    per_socket: int  # PROVENANCE_MAX_SUBSCRIPTIONS_PER_CONNECTION
    #: Attribution rows by id, read once however many subscribers an event has.
    rows: SharedReads[int, models.Attribution | None] = dataclasses.field(
        default_factory=SharedReads
    )


class SocketSubscriptions:
    """The subscriptions one socket runs, at most ``limit`` at once."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0

    @contextlib.contextmanager
    def subscriber(
        self, notifications: Notifications, accepts: Callable[[Notice], bool]
    ) -> Iterator[Subscriber]:
        """A subscriber for one more subscription of this socket, removed on exit."""
        if self.open >= self.limit:
            raise SubscriptionLimitError(
                f"this connection already runs {self.limit} subscriptions "
                "(PROVENANCE_MAX_SUBSCRIPTIONS_PER_CONNECTION)",
                hint="complete one you no longer read, or open another connection",
            )
        self.open += 1
        try:
            with notifications.subscribe(accepts) as subscriber:
                yield subscriber
        finally:
            self.open -= 1


class SocketScope:
    """Wrap the GraphQL view for websockets: a lazily taken connection for the socket's
    context (given back when it closes) and the Live the subscriptions use."""

    def __init__(self, app: ASGIApp, *, live: Live) -> None:
        self.app = app
        self.live = live

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        connection = RequestConnection(self.live.engine)
        scope[SCOPE_KEY] = connection
        scope[LIVE_KEY] = self.live
        scope[SOCKET_KEY] = SocketSubscriptions(self.live.per_socket)
        try:
            await self.app(scope, receive, send)
        finally:
            await connection.close()


def live_of(context: Context) -> Live | None:
    """The Live of a websocket's context; None over HTTP."""
    request = context.request
    if not isinstance(request, WebSocket):
        return None
    live = request.scope.get(LIVE_KEY)
    return live if isinstance(live, Live) else None


def subscriber(
    context: Context, accepts: Callable[[Notice], bool]
) -> contextlib.AbstractContextManager[Subscriber]:
    """A subscriber of the process's notifications for one subscription of this socket
    (a context manager); SubscriptionLimitError past either cap."""
    live = live_of(context)
    assert live is not None
    assert isinstance(context.request, WebSocket)
    subscriptions = context.request.scope[SOCKET_KEY]
    assert isinstance(subscriptions, SocketSubscriptions)
    return subscriptions.subscriber(live.notifications, accepts)


def event_context(context: Any) -> Context | None:
    """A context for one subscription event: the socket's caller, fresh loaders."""
    if not isinstance(context, Context):
        return None
    live = live_of(context)
    if live is None:
        return None
    loaders = Loaders(
        RequestConnection(live.engine), max_chain_depth=context.settings.max_chain_depth
    )
    return dataclasses.replace(context, loaders=loaders)


def require_read(context: Context) -> None:
    """Refuse a caller whose token was refused or lacks the read scope."""
    if context.auth_error is not None:
        raise context.auth_error
    if not context.grant.allows("read"):
        raise PermissionDeniedError(
            "subscribing needs a token with the 'read' scope",
            hint='send {"Authorization": "Bearer <token>"} as the connection_init payload',
        )


class LiveSockets:
    """Overrides of strawberry's ASGI view (mixed in before it) for websockets."""

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params or {}
        header = next(
            (value for key, value in params.items() if key.lower() == "authorization"), None
        )
        if header is not None:
            if not isinstance(header, str) or context.sessions is None:
                raise ConnectionRejectionError({"message": "Authorization must be a string"})
            context.grant, context.auth_error = await grant_of_header(
                header, context.sessions, context.settings
            )
        try:
            require_read(context)
        except ProvenanceError as error:
            raise ConnectionRejectionError({"message": error.message}) from error
        return {"actor": context.grant.actor}


class LiveOperations(SchemaExtension):
    """Over the websocket: subscriptions only, by readers, with coded errors."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        subscription = self.execution_context.operation_type == OperationType.SUBSCRIPTION
        if isinstance(context, Context) and isinstance(context.request, WebSocket):
            if not subscription:
                raise InvalidInputError(
                    "the websocket carries subscriptions only",
                    hint="send queries and mutations to /graphql over HTTP (POST or GET)",
                )
            require_read(context)
        elif subscription:
            error = InvalidInputError(
                "subscriptions are served over the websocket at /graphql, not over HTTP",
                hint="connect with the graphql-transport-ws protocol (the graphql-ws client)",
            )
            self.execution_context.result = ExecutionResult(
                data=None, errors=[GraphQLError(error.message, original_error=error)]
            )
        yield

    def on_stream_result(self, result: Any) -> Iterator[None]:
        errors = getattr(result, "errors", None)
        if errors:
            variables = self.execution_context.variables or {}
            result.errors = [_present(error, variables) for error in errors]
        yield


def socket_options(settings: Settings) -> dict[str, Any]:
    """The websocket options of strawberry's view: graphql-transport-ws only, capped."""
    return {
        "subscription_protocols": (GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        # Counted by api.live_socket (SUBSCRIPTION_LIMIT), not by strawberry (an uncoded
        # error that also counts the queries this socket refuses).
        "max_subscriptions_per_connection": None,
        # Browser pages on other origins: those CORS allows (tokens travel in the
        # connection_init payload, never in cookies).
        "allowed_origins": settings.cors_origins,
    }


def live_route(graphql: ASGIApp, *, engine: AsyncEngine, settings: Settings) -> WebSocketRoute:
    """The websocket route at /graphql; its Notifications is the route's ``live``."""
    live = Live(
        engine=read_only(engine),
        notifications=Notifications(
            make_url(sqlalchemy_url(settings.listen_url)) if settings.listen_url else engine.url,
            max_subscribers=settings.max_subscriptions,
        ),
        per_socket=settings.max_subscriptions_per_connection,
    )
    return WebSocketRoute("/graphql", SocketScope(graphql, live=live))


def notifications_of(route: WebSocketRoute) -> Notifications:
    """The Notifications a route made by live_route serves."""
    scope = route.app
    assert isinstance(scope, SocketScope)
    return scope.live.notifications
