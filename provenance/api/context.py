"""What every resolver can reach: the settings and this request's loaders."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from provenance.api.loaders import Loaders
from provenance.config import Settings


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    settings: Settings
    loaders: Loaders


Info = strawberry.Info[Context, None]
