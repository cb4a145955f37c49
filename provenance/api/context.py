"""What every resolver can reach: the settings, this request's loaders, and its caller."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from provenance.api.loaders import Loaders
from provenance.api.rate_limits import RateLimiter
from provenance.config import Settings
from provenance.errors import ProvenanceError
from provenance.services.tokens import Grant, anonymous


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    settings: Settings
    loaders: Loaders
    #: For mutations: each opens its own write transaction (services.transactions.write).
    sessions: async_sessionmaker[AsyncSession] | None = None
    #: Who is calling (api.access): from the bearer token, or anonymous.
    grant: Grant = field(default_factory=lambda: anonymous(read=True))
    #: Why the presented token was refused, if it was; every operation then fails with it.
    auth_error: ProvenanceError | None = None
    #: A websocket's connection_init payload (strawberry sets it; api.live_socket reads it).
    connection_params: dict[str, object] | None = None
    #: The operation's static cost, once measured (api.validation), and what charges it.
    cost: int | None = None
    rate_limiter: RateLimiter | None = None


Info = strawberry.Info[Context, None]
