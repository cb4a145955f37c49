"""Cross-origin requests: browser pages on the configured origins may call the API."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from provenance.config import Settings

#: How long a browser may cache a preflight answer, in seconds.
PREFLIGHT_MAX_AGE = 600


def cors_middleware(settings: Settings) -> Middleware:
    """Starlette's CORS middleware for PROVENANCE_CORS_ORIGINS (none by default).

    Tokens travel in the Authorization header, never in cookies: no credentials mode.
    """
    return Middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type", "Accept"],
        max_age=PREFLIGHT_MAX_AGE,
    )
