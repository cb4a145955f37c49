"""Settings, read from the environment once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from None


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"{name} must be true or false, got {raw!r}")


def _optional_bool(name: str) -> bool | None:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return None
    return _bool(name, False)


def _list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name) or ""
    return tuple(item.strip() for item in raw.split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with the environment variable that sets it."""

    #: DATABASE_URL: libpq URL of the database; unset means the embedded local cluster.
    database_url: str | None = None
    #: PROVENANCE_HOST / PROVENANCE_PORT: where `provenance serve` listens.
    host: str = "127.0.0.1"
    port: int = 8000
    #: PROVENANCE_MAX_PAGE_SIZE: the largest `first` a connection accepts.
    max_page_size: int = 100
    #: PROVENANCE_MAX_QUERY_DEPTH: the deepest GraphQL selection accepted.
    max_query_depth: int = 12
    #: PROVENANCE_MAX_ALIASES: aliased fields an operation may use (fragments expanded).
    max_aliases: int = 30
    #: PROVENANCE_MAX_ROOT_FIELDS: root fields an operation may ask for (fragments expanded).
    max_root_fields: int = 20
    #: PROVENANCE_MAX_QUERY_COST: field values a response could hold (page sizes multiplied).
    max_query_cost: int = 50_000
    #: PROVENANCE_MAX_BODY_BYTES: the largest request body accepted (413 beyond it).
    max_body_bytes: int = 1_000_000
    #: PROVENANCE_CORS_ORIGINS: origins whose browser pages may call the API (comma-separated).
    cors_origins: tuple[str, ...] = ()
    #: PROVENANCE_MAX_CHAIN_DEPTH: how many upstream hops a chain follows at most.
    max_chain_depth: int = 64
    #: PROVENANCE_GRAPHIQL: serve the GraphiQL page to browsers; unset (None) means only
    #: while anonymous reads are on.
    graphiql: bool | None = None
    #: PROVENANCE_WORKERS: API processes `provenance serve` runs (one per core is usual).
    workers: int = 1
    #: PROVENANCE_DB_POOL_SIZE: connections the API keeps open (per process).
    pool_size: int = field(default=10)
    #: PROVENANCE_ANONYMOUS_READ: answer queries without a token (writes always need one).
    anonymous_read: bool = True
    #: PROVENANCE_COMPILED_READS: answer queries that allow it with one SQL statement.
    compiled_reads: bool = True

    @classmethod
    def from_env(cls) -> Settings:
        """Read the settings from the environment."""
        return cls(
            database_url=os.environ.get("DATABASE_URL") or None,
            host=os.environ.get("PROVENANCE_HOST", "127.0.0.1"),
            port=_int("PROVENANCE_PORT", 8000),
            max_page_size=_int("PROVENANCE_MAX_PAGE_SIZE", 100),
            max_query_depth=_int("PROVENANCE_MAX_QUERY_DEPTH", 12),
            max_aliases=_int("PROVENANCE_MAX_ALIASES", 30),
            max_root_fields=_int("PROVENANCE_MAX_ROOT_FIELDS", 20),
            max_query_cost=_int("PROVENANCE_MAX_QUERY_COST", 50_000),
            max_body_bytes=_int("PROVENANCE_MAX_BODY_BYTES", 1_000_000),
            cors_origins=_list("PROVENANCE_CORS_ORIGINS"),
            max_chain_depth=_int("PROVENANCE_MAX_CHAIN_DEPTH", 64),
            graphiql=_optional_bool("PROVENANCE_GRAPHIQL"),
            workers=_int("PROVENANCE_WORKERS", 1),
            pool_size=_int("PROVENANCE_DB_POOL_SIZE", 10),
            anonymous_read=_bool("PROVENANCE_ANONYMOUS_READ", True),
            compiled_reads=_bool("PROVENANCE_COMPILED_READS", True),
        )
