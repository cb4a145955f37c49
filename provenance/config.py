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


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a number of seconds, got {raw!r}") from None
    if not value >= 0:  # also refuses nan
        raise SystemExit(f"{name} must be 0 or more seconds, got {raw!r}")
    return value


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"{name} must be true or false, got {raw!r}")


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
    #: PROVENANCE_MAX_CHAIN_DEPTH: how many upstream hops a chain follows at most.
    max_chain_depth: int = 64
    #: PROVENANCE_GRAPHIQL: serve the GraphiQL page to browsers.
    graphiql: bool = True
    #: PROVENANCE_WORKERS: API processes `provenance serve` runs (one per core is usual).
    workers: int = 1
    #: PROVENANCE_DB_POOL_SIZE: connections the API keeps open (per process).
    pool_size: int = field(default=10)
    #: PROVENANCE_DB_POOL_TIMEOUT: seconds a request waits for a free connection before
    #: it is answered 503 with Retry-After.
    pool_timeout: float = 3.0
    #: PROVENANCE_STATEMENT_TIMEOUT: seconds one SQL statement of the API may run (0: no limit).
    statement_timeout: float = 5.0
    #: PROVENANCE_IDLE_IN_TRANSACTION_TIMEOUT: seconds an API connection may sit idle inside
    #: a transaction before PostgreSQL ends its session (0: no limit).
    idle_in_transaction_timeout: float = 10.0
    #: PROVENANCE_MAX_SEARCH_LENGTH: the longest `search` (or `similarQuotes` text) accepted.
    max_search_length: int = 500
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
            max_chain_depth=_int("PROVENANCE_MAX_CHAIN_DEPTH", 64),
            graphiql=_bool("PROVENANCE_GRAPHIQL", True),
            workers=_int("PROVENANCE_WORKERS", 1),
            pool_size=_int("PROVENANCE_DB_POOL_SIZE", 10),
            pool_timeout=_seconds("PROVENANCE_DB_POOL_TIMEOUT", 3.0),
            statement_timeout=_seconds("PROVENANCE_STATEMENT_TIMEOUT", 5.0),
            idle_in_transaction_timeout=_seconds("PROVENANCE_IDLE_IN_TRANSACTION_TIMEOUT", 10.0),
            max_search_length=_int("PROVENANCE_MAX_SEARCH_LENGTH", 500),
            anonymous_read=_bool("PROVENANCE_ANONYMOUS_READ", True),
            compiled_reads=_bool("PROVENANCE_COMPILED_READS", True),
        )
