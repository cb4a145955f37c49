"""Settings: every environment variable, declared once, read from the environment at start-up.

Adding a setting is one declaration in ``Settings``::

    statement_timeout_ms: int = setting("PROVENANCE_STATEMENT_TIMEOUT_MS", 0, "...")

``Settings.from_env()`` parses it by its annotated type (str, int, float, bool, Path,
tuple[str, ...] as a comma-separated list, and ``X | None`` where empty means None), and the
README's configuration table is generated from these declarations
(``python -m provenance.config`` prints it; tests/test_docs.py checks the README has it).
A setting declared with ``secret=True`` may instead be given as ``NAME_FILE``: the path of a
file holding the value (Docker and Kubernetes secrets).

This module imports only the standard library: every command reads it before anything else.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SettingError(SystemExit):
    """A setting has a value that cannot be used; the message names it and the fix."""


def setting(
    env: str,
    default: Any,
    help: str,
    *,
    secret: bool = False,
    shown_default: str | None = None,
) -> Any:
    """Declare a setting: its environment variable, default and one-line help.

    ``shown_default`` is what the README shows when the default is computed elsewhere
    (None for "found at run time", say). ``secret`` allows ``{env}_FILE``.
    """
    metadata = {"env": env, "help": help, "secret": secret, "shown_default": shown_default}
    if isinstance(default, list | dict | set):
        raise TypeError("use a tuple default for a list setting")
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Attribute = setting; see ``setting()`` for the declaration."""

    database_url: str | None = setting(
        "DATABASE_URL",
        None,
        "`postgresql://user:password@host:5432/db`; unset: the embedded cluster",
        secret=True,
        shown_default="*(embedded)*",
    )
    database_read_urls: tuple[str, ...] = setting(
        "DATABASE_READ_URL",
        (),
        "streaming replicas for the API's reads, comma-separated (each request takes the next "
        "in turn); writes, token `last used` and a mutation's payload stay on `DATABASE_URL`",
        secret=True,
        shown_default="*(none: reads go to `DATABASE_URL`)*",
    )
    database_password: str | None = setting(
        "PROVENANCE_DATABASE_PASSWORD",
        None,
        "the password of `DATABASE_URL`'s user, when the URL has none (keeps it out of the URL: "
        "give it as a file with `_FILE`)",
        secret=True,
        shown_default="*(none)*",
    )
    data_dir: Path | None = setting(
        "PROVENANCE_DATA_DIR",
        None,
        "where the embedded cluster lives, whichever folder a command runs from (as root, "
        "a folder the `postgres` user cannot enter is replaced by one in `/var/tmp`)",
        shown_default="`$XDG_DATA_HOME/provenance` or `~/.local/share/provenance`",
    )
    pg_bindir: Path | None = setting(
        "PROVENANCE_PG_BINDIR",
        None,
        "PostgreSQL's `bin` folder, if `pg_config` cannot find it",
        shown_default="*(found)*",
    )
    bulk_import_bytes: int = setting(
        "PROVENANCE_BULK_IMPORT_BYTES",
        8 * 1024 * 1024,
        "`provenance import` of a file at least this large uses the bulk path (COPY, set-wise "
        "checks, one transaction per 8 MiB chunk); 0: only with `--bulk`",
    )
    host: str = setting("PROVENANCE_HOST", "127.0.0.1", "address `serve` listens on")
    port: int = setting("PROVENANCE_PORT", 8000, "port `serve` listens on")
    max_page_size: int = setting(
        "PROVENANCE_MAX_PAGE_SIZE", 100, "the largest `first` a connection accepts"
    )
    max_query_depth: int = setting(
        "PROVENANCE_MAX_QUERY_DEPTH", 12, "the deepest GraphQL selection accepted"
    )
    max_chain_depth: int = setting(
        "PROVENANCE_MAX_CHAIN_DEPTH", 64, "how many upstream hops a chain follows at most"
    )
    max_aliases: int = setting(
        "PROVENANCE_MAX_ALIASES", 30, "aliased fields one operation may use (fragments expanded)"
    )
    max_root_fields: int = setting(
        "PROVENANCE_MAX_ROOT_FIELDS",
        20,
        "root fields one operation may ask for (fragments expanded)",
    )
    max_query_cost: int = setting(
        "PROVENANCE_MAX_QUERY_COST",
        50_000,
        "the static cost an operation may have: field values a response could hold, page sizes "
        "multiplied through nesting (docs/limits.md)",
    )
    max_body_bytes: int = setting(
        "PROVENANCE_MAX_BODY_BYTES",
        1_000_000,
        "the largest request body accepted; larger ones get 413 without being read",
    )
    cors_origins: tuple[str, ...] = setting(
        "PROVENANCE_CORS_ORIGINS",
        (),
        "origins whose browser pages may call the API, comma-separated (`*` for any)",
    )
    graphiql: bool | None = setting(
        "PROVENANCE_GRAPHIQL",
        None,
        "serve GraphiQL to browsers: `true` always, `false` never; unset: only while "
        "anonymous reads are on, or to a request with a read token",
        shown_default="*(with anonymous reads)*",
    )
    workers: int = setting(
        "PROVENANCE_WORKERS",
        1,
        "API processes `provenance serve` runs (`--workers`); one per core is usual",
    )
    pool_size: int = setting(
        "PROVENANCE_DB_POOL_SIZE", 10, "database connections the API keeps, per process"
    )
    pool_timeout: float = setting(
        "PROVENANCE_DB_POOL_TIMEOUT",
        3.0,
        "seconds a request waits for a free connection (and for a new one to open) before it "
        "is answered 503 with `Retry-After`",
    )
    statement_timeout: float = setting(
        "PROVENANCE_STATEMENT_TIMEOUT",
        5.0,
        "seconds one SQL statement of the API may run (PostgreSQL `statement_timeout`, lock "
        "waits included); `0`: no limit",
    )
    idle_in_transaction_timeout: float = setting(
        "PROVENANCE_IDLE_IN_TRANSACTION_TIMEOUT",
        10.0,
        "seconds an API connection may sit idle in a transaction before PostgreSQL ends it "
        "(`idle_in_transaction_session_timeout`); `0`: no limit",
    )
    max_search_length: int = setting(
        "PROVENANCE_MAX_SEARCH_LENGTH",
        500,
        "the longest `search` (and `similarQuotes` `text`, `speaker`) accepted, in characters",
    )
    anonymous_read: bool = setting(
        "PROVENANCE_ANONYMOUS_READ",
        True,
        "answer GraphQL queries and every other route (relay-graph pictures) without a "
        "token; `false` requires a token with the read scope everywhere but `/healthz` "
        "(mutations always need the write scope)",
    )
    rate_limit_points: int = setting(
        "PROVENANCE_RATE_LIMIT_POINTS",
        500_000,
        "points a token may spend a minute, each operation its static cost; over it: HTTP 429, "
        "`RATE_LIMITED` (docs/limits.md); 0: no limit",
    )
    rate_limit_anonymous_points: int = setting(
        "PROVENANCE_RATE_LIMIT_ANONYMOUS_POINTS",
        100_000,
        "points an anonymous client (by its address) may spend a minute; 0: no limit",
    )
    rate_limit_clients: int = setting(
        "PROVENANCE_RATE_LIMIT_CLIENTS",
        10_000,
        "callers whose minute the rate limit tracks per process (the oldest is forgotten first)",
    )
    persisted_queries: int = setting(
        "PROVENANCE_PERSISTED_QUERIES",
        1000,
        "documents the automatic persisted queries store keeps per process (least recently "
        "used evicted); 0: persisted queries off (docs/api.md)",
    )
    persisted_queries_allowlist: Path | None = setting(
        "PROVENANCE_PERSISTED_QUERIES_ALLOWLIST",
        None,
        "a JSON manifest of the only operations that run (Apollo's persisted query manifest, "
        "relay-compiler's id -> document map, or a list of documents); others are refused "
        "with `PERSISTED_QUERY_NOT_ALLOWED`",
        shown_default="*(none: any operation)*",
    )
    cache_max_age: int = setting(
        "PROVENANCE_CACHE_MAX_AGE",
        60,
        "seconds an anonymous GET query's answer may be cached (`Cache-Control: public, "
        "max-age`); 0: `no-cache` (revalidate with the ETag)",
    )
    listen_url: str | None = setting(
        "PROVENANCE_LISTEN_URL",
        None,
        "where the API's one LISTEN connection per process goes (live updates); set it to "
        "PostgreSQL itself when `DATABASE_URL` is a pooler in transaction mode (PgBouncer "
        "drops notifications there); `PROVENANCE_DATABASE_PASSWORD` applies to it too",
        secret=True,
        shown_default="`DATABASE_URL`",
    )
    max_subscriptions: int = setting(
        "PROVENANCE_MAX_SUBSCRIPTIONS",
        1000,
        "GraphQL subscriptions one API process serves at once (each worker has its own); "
        "more are refused with `SUBSCRIPTION_LIMIT`",
    )
    max_subscriptions_per_connection: int = setting(
        "PROVENANCE_MAX_SUBSCRIPTIONS_PER_CONNECTION",
        20,
        "GraphQL subscriptions one websocket may run at once; more are refused with "
        "`SUBSCRIPTION_LIMIT`",
    )
    compiled_reads: bool = setting(
        "PROVENANCE_COMPILED_READS",
        True,
        "answer queries that only look objects up by one SQL statement that builds the JSON "
        "(docs/api.md); `false` sends every field through its resolver",
    )
    prepared_statements: bool = setting(
        "PROVENANCE_PREPARED_STATEMENTS",
        True,
        "let psycopg prepare repeated statements and ask for generic plans; `false` behind "
        "PgBouncer in transaction mode before 1.21, or any pooler that cannot keep prepared "
        "statements (docs/deploy.md)",
    )
    actor: str | None = setting(
        "PROVENANCE_ACTOR",
        None,
        "who the commands that write are recorded as in the audit history (`--actor` overrides)",
        shown_default="`cli:<login>`",
    )
    seed: str | None = setting(
        "PROVENANCE_SEED",
        None,
        "`demo`: the compose `migrate` step also loads the seed articles (otherwise a "
        "deployment starts empty)",
        shown_default="*(none)*",
    )
    app_role: str = setting(
        "PROVENANCE_APP_ROLE",
        "provenance_app",
        "the application role migration 0012 creates (NOLOGIN without a password) and the "
        "API connects as: DML on the data tables, no DDL, no history writes (docs/roles.md)",
    )
    app_password: str | None = setting(
        "PROVENANCE_APP_PASSWORD",
        None,
        "password migrations give the application role (LOGIN); set on every upgrade",
        secret=True,
        shown_default="*(none)*",
    )
    analyst_role: str = setting(
        "PROVENANCE_ANALYST_ROLE",
        "provenance_analyst",
        "the analyst role of migration 0012, a member of `provenance_readonly` only, and the "
        "login of `provenance sql --read-only` (docs/roles.md)",
    )
    analyst_password: str | None = setting(
        "PROVENANCE_ANALYST_PASSWORD",
        None,
        "password migrations give the analyst role (LOGIN); with `DATABASE_URL`, what "
        "`provenance sql --read-only` logs in with",
        secret=True,
        shown_default="*(none)*",
    )

    @classmethod
    def from_env(cls, environ: typing.Mapping[str, str] | None = None) -> Settings:
        """Read every setting from ``environ`` (default: the process environment)."""
        env = os.environ if environ is None else environ
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for declared in dataclasses.fields(cls):
            raw = raw_value(declared, env)
            if raw is not None:
                values[declared.name] = _parse(declared.metadata["env"], raw, hints[declared.name])
        if values.get("database_url"):
            check_database_url(values["database_url"])
        if values.get("listen_url"):
            check_database_url(values["listen_url"])
        for url in ("database_url", "listen_url"):
            if values.get("database_password") and values.get(url):
                values[url] = with_password(values[url], values["database_password"])
        replicas = []
        for replica in values.get("database_read_urls", ()):
            check_database_url(replica, "DATABASE_READ_URL")
            if values.get("database_password"):
                replica = with_password(replica, values["database_password"])
            replicas.append(replica)
        if replicas:
            values["database_read_urls"] = tuple(replicas)
        return cls(**values)


def check_database_url(url: str, name: str = "DATABASE_URL") -> None:
    """Refuse a URL setting (``name``) that is not a PostgreSQL URL, saying what one looks like."""
    from urllib.parse import urlsplit

    expected = "expected postgresql://user:password@host:5432/database"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as error:
        raise SettingError(f"{name} cannot be read ({error}): {expected}") from None
    if not parts.scheme.startswith("postgres") or "://" not in url:
        shown = f"{parts.scheme}://" if parts.scheme else repr(url.split("@")[-1])
        raise SettingError(f"{name} is not a PostgreSQL URL ({shown}): {expected}")


def with_password(url: str, password: str) -> str:
    """``url`` (``postgresql://user@host/db``) with ``password`` for its user, unless it has one."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    if "://" not in url or parts.password is not None or "@" not in parts.netloc:
        return url
    user, _, host = parts.netloc.rpartition("@")
    netloc = f"{user}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def declarations() -> tuple[dataclasses.Field[Any], ...]:
    """The declared settings, in declaration order."""
    return dataclasses.fields(Settings)


def raw_value(declared: dataclasses.Field[Any], env: typing.Mapping[str, str]) -> str | None:
    """The text a setting is given as, from ``NAME`` or (secrets) the file ``NAME_FILE``."""
    name = declared.metadata["env"]
    raw = env.get(name)
    if raw not in (None, ""):
        return raw
    path = env.get(f"{name}_FILE") if declared.metadata["secret"] else None
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise SettingError(
            f"{name}_FILE names {path}, which cannot be read ({error.strerror}): "
            f"point it at the secret's file, or set {name} instead"
        ) from None


def _parse(name: str, raw: str, kind: Any) -> Any:
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        inner = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _parse(name, raw, inner[0]) if raw.strip() else None
    if kind is bool:
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise SettingError(f"{name} must be true or false, got {raw!r}")
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise SettingError(f"{name} must be a whole number, got {raw!r}") from None
    if kind is float:
        try:
            return float(raw)
        except ValueError:
            raise SettingError(f"{name} must be a number, got {raw!r}") from None
    if kind is Path:
        return Path(raw).expanduser()
    if typing.get_origin(kind) is tuple:
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    if kind is str:
        return raw
    raise TypeError(f"setting {name} has a type from_env cannot parse: {kind!r}")


def _shown(declared: dataclasses.Field[Any]) -> str:
    if declared.metadata["shown_default"] is not None:
        return str(declared.metadata["shown_default"])
    default = declared.default
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, tuple):
        return f"`{','.join(default)}`" if default else "*(none)*"
    return f"`{default}`"


def markdown_table() -> str:
    """The README's configuration table, generated from the declarations."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for declared in declarations():
        name = f"`{declared.metadata['env']}`"
        if declared.metadata["secret"]:
            name += f" (or `{declared.metadata['env']}_FILE`)"
        rows.append(f"| {name} | {_shown(declared)} | {declared.metadata['help']} |")
    return "\n".join(rows) + "\n"


def environment_names() -> list[str]:
    """Every environment variable a setting reads (``_FILE`` variants included)."""
    names = []
    for declared in declarations():
        names.append(declared.metadata["env"])
        if declared.metadata["secret"]:
            names.append(f"{declared.metadata['env']}_FILE")
    return names


TABLE_START = (
    "<!-- settings table: generated by `python -m provenance.config --write README.md` -->\n"
)
TABLE_END = "<!-- end of settings table -->\n"


def write_table(path: Path) -> None:
    """Replace the table between the markers in ``path`` (the README) by the generated one."""
    text = path.read_text(encoding="utf-8")
    before, _, rest = text.partition(TABLE_START)
    _, _, after = rest.partition(TABLE_END)
    if not after and not rest.endswith(TABLE_END):
        raise SystemExit(f"{path} has no settings table markers ({TABLE_START.strip()})")
    path.write_text(before + TABLE_START + markdown_table() + TABLE_END + after, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"] and len(sys.argv) == 3:
        write_table(Path(sys.argv[2]))
    else:
        sys.stdout.write(markdown_table())
