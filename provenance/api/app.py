"""The Starlette application: /graphql, a health check, and the engine's lifetime."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from provenance.api.access import grant_of
from provenance.api.body_limits import BodyLimit
from provenance.api.browser_safety import BrowserSafety
from provenance.api.context import Context
from provenance.api.cors import cors_middleware
from provenance.api.graphiql_page import GRAPHIQL_HTML, graphiql_allowed
from provenance.api.graphql_http import JSON, GraphQLOverHTTP, refusal
from provenance.api.health import health_endpoint
from provenance.api.http_caching import GZIP_MINIMUM_BYTES, ConditionalGet, graphql_cache_headers
from provenance.api.live_socket import LiveSockets, live_route, notifications_of, socket_options
from provenance.api.loaders import Loaders
from provenance.api.metrics import metrics_endpoint
from provenance.api.persisted_queries import PersistedQueries
from provenance.api.rate_limits import RateLimiter, Spend, rate_limit_headers
from provenance.api.relay_svg import relay_graph_svg_endpoint
from provenance.api.request_scope import RequestScope, request_connection
from provenance.api.route_access import ReadAccess
from provenance.api.schema import build_schema
from provenance.api.viewer import viewer_routes
from provenance.config import Settings
from provenance.db import StatementLimits, async_engine, read_only, session_factory

API_DIR = Path(__file__).parent


class ProvenanceGraphQL(LiveSockets, GraphQLOverHTTP, GraphQL[Context, None]):
    """Strawberry's ASGI view with a fresh set of dataloaders per request, speaking
    GraphQL over HTTP (api.graphql_http) and subscriptions over websockets (api.live_socket)."""

    # Strawberry's own page loads GraphiQL from a CDN; this one from /graphiql.
    graphql_ide_html = GRAPHIQL_HTML

    def __init__(self, engine: AsyncEngine, settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide=None if settings.graphiql is False else "graphiql",
            allow_queries_via_get=True,
            **socket_options(settings),
        )
        self._sessions = session_factory(engine)
        self._settings = settings
        self._persisted = PersistedQueries(settings)
        self._rate_limiter = RateLimiter(max_clients=settings.rate_limit_clients)

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET naming a persisted query by its hash is a query, not a page view.
        if request.query_params.get("extensions") is not None:
            return False
        return bool(super().should_render_graphql_ide(request))

    async def parse_http_body(self, request: Any) -> Any:
        # Batching is off: one request, its document looked up from its hash if it has one.
        return self._persisted.resolve(await super().parse_http_body(request))

    def finish(self, response: Response, request: Request) -> None:
        if response.media_type == "text/html" or "html" in response.headers.get("content-type", ""):
            return  # GraphiQL's page
        spend = getattr(request.state, "rate_limit", None)
        if isinstance(spend, Spend):
            response.headers.update(rate_limit_headers(spend, self._rate_limiter.clock()))
            if not spend.allowed:
                response.status_code = 429
        graphql_cache_headers(
            response, request, self._settings, had_errors=request.state.had_errors
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        grant, error = await grant_of(request, self._sessions, self._settings)
        if not graphiql_allowed(self._settings, None if error else grant):
            return refusal(
                403,
                "GraphiQL is shown only while anonymous reads are on, to a token with the "
                "read scope, or with PROVENANCE_GRAPHIQL=true",
                JSON,
            )
        return await super().render_graphql_ide(request)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        grant, auth_error = await grant_of(request, self._sessions, self._settings)
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            settings=self._settings,
            loaders=Loaders(
                request_connection(request), max_chain_depth=self._settings.max_chain_depth
            ),
            sessions=self._sessions,
            grant=grant,
            auth_error=auth_error,
            rate_limiter=self._rate_limiter,
        )


def _engine(url: str, settings: Settings) -> AsyncEngine:
    return async_engine(
        url,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        generic_plans=settings.prepared_statements,
        prepare=settings.prepared_statements,
        pool_timeout=settings.pool_timeout,
        limits=StatementLimits(
            statement=settings.statement_timeout,
            idle_in_transaction=settings.idle_in_transaction_timeout,
        ),
    )


def create_app(settings: Settings, *, engine: AsyncEngine | None = None) -> Starlette:
    """The ASGI application; it owns the engine unless one is given.

    ``settings.database_read_urls`` (DATABASE_READ_URL): one engine per replica, owned by
    the app, for GraphQL reads; everything else uses ``engine`` (the primary).
    """
    if engine is None:
        if settings.database_url is None:
            raise ValueError("settings.database_url is required to create the app")
        engine = _engine(settings.database_url, settings)
        owns_engine = True
    else:
        owns_engine = False
    replicas = [_engine(url, settings) for url in settings.database_read_urls]
    graphql = ProvenanceGraphQL(engine, settings)
    live = live_route(graphql, engine=engine, settings=settings)

    async def home(_request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await notifications_of(live).close()
        for replica in replicas:
            await replica.dispose()
        if owns_engine:
            await engine.dispose()

    app = Starlette(
        middleware=[
            Middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES),
            cors_middleware(settings),
            Middleware(ConditionalGet),
            Middleware(BrowserSafety),
            Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
            Middleware(ReadAccess, sessions=session_factory(engine), settings=settings),
        ],
        routes=[
            Route("/", home),
            # Any method: the view answers those but GET and POST with a coded 405.
            Route(
                "/graphql",
                RequestScope(
                    graphql,
                    engine=read_only(engine),
                    replicas=[read_only(replica) for replica in replicas],
                ),
            ),
            live,
            Route("/healthz", health_endpoint),
            Route("/metrics", metrics_endpoint),
            Route("/quotations/{slug}/relay-graph.svg", relay_graph_svg_endpoint),
            Mount("/graphiql", StaticFiles(directory=API_DIR / "static" / "graphiql")),
            *viewer_routes(),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine  # for instrumentation (statement counts in tests and benchmarks)
    app.state.replicas = replicas
    app.state.notifications = notifications_of(live)
    return app
