"""The GraphiQL page, and who may see it.

It is served when PROVENANCE_GRAPHIQL says so; left unset, only while anonymous reads are
on or to a request carrying a token with the read scope (a closed API does not show its
schema to strangers).
"""

from __future__ import annotations

from pathlib import Path

from provenance.config import Settings
from provenance.services import tokens

GRAPHIQL_HTML = (Path(__file__).parent / "graphiql.html").read_text(encoding="utf-8")


def graphiql_allowed(settings: Settings, grant: tokens.Grant | None) -> bool:
    """Whether to serve GraphiQL to a caller holding ``grant`` (None: no usable token)."""
    if settings.graphiql is not None:
        return settings.graphiql
    if settings.anonymous_read:
        return True
    return grant is not None and grant.allows("read")
