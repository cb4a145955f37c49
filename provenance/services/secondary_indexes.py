"""Secondary indexes around a bulk load: keep them, rebuild them, or build them afterwards.

Maintaining a GIN index row by row costs far more than building it once, so a load that is
large next to what the tables hold drops the secondary indexes first. Where they are built
again depends on what the database already serves (``choose_strategy`` of the synthetic
load, provenance/bench/load.py; the bulk import, services/bulk_indexes.py):

- ``keep``: the load is small next to the tables; indexes are maintained as rows arrive.
- ``rebuild``: the load at least doubles the attributions of a database that already holds
  some; the indexes are built again inside the loading transaction, so nobody ever sees
  them missing. PostgreSQL builds them one at a time there (one core each for GIN).
- ``after``: the database is empty, so there is nothing to serve yet. The rows and every
  check commit together, unique indexes included; the other indexes are then built on
  several connections at once (one per core), which a single transaction cannot do. If
  the process dies in between, the next load (or ``restore_missing``) creates the missing
  indexes from the models' definitions.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import psycopg
from psycopg import sql
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex


@dataclass(frozen=True)
class SecondaryIndex:
    """An index that backs no constraint, as pg_indexes defines it, and its comment."""

    name: str
    table: str
    definition: str
    comment: str | None
    unique: bool
    gin: bool


def secondary_indexes(
    connection: psycopg.Connection, tables: Sequence[str]
) -> list[SecondaryIndex]:
    """Every index on ``tables`` that backs no constraint, in name order."""
    rows = connection.execute(
        """SELECT i.indexname, i.tablename, i.indexdef, obj_description(c.oid, 'pg_class'),
                  x.indisunique, a.amname = 'gin'
           FROM pg_indexes i
           JOIN pg_namespace n ON n.nspname = i.schemaname
           JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = n.oid
           JOIN pg_index x ON x.indexrelid = c.oid
           JOIN pg_am a ON a.oid = c.relam
           WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
           ORDER BY i.indexname""",
        (list(tables),),
    ).fetchall()
    return [
        SecondaryIndex(str(name), str(table), str(definition), comment, bool(unique), bool(gin))
        for name, table, definition, comment, unique, gin in rows
    ]


def drop(connection: psycopg.Connection, indexes: Sequence[SecondaryIndex]) -> None:
    """Drop ``indexes`` (inside the caller's transaction)."""
    for index in indexes:
        connection.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(index.name)))


def create(connection: psycopg.Connection, index: SecondaryIndex) -> None:
    """Create ``index`` again from its own definition, with its comment."""
    connection.execute(sql.SQL(index.definition))  # from pg_indexes, not user input
    if index.comment is not None:
        connection.execute(
            sql.SQL("COMMENT ON INDEX {} IS {}").format(
                sql.Identifier(index.name), sql.Literal(index.comment)
            )
        )


def _largest_first(
    connection: psycopg.Connection, indexes: Sequence[SecondaryIndex]
) -> list[SecondaryIndex]:
    """Longest builds first (GIN over big tables), so the connections finish together."""
    sizes: dict[str, int] = dict(
        connection.execute(
            "SELECT relname, pg_relation_size(oid) FROM pg_class "
            "WHERE relname = ANY(%s) AND relnamespace = current_schema()::regnamespace",
            ([index.table for index in indexes],),
        ).fetchall()
    )
    return sorted(indexes, key=lambda i: -int(sizes.get(i.table, 0)) * (8 if i.gin else 1))


def build_in_parallel(
    url: str,
    indexes: Sequence[SecondaryIndex],
    *,
    connections: int,
    progress: Callable[[str], None] = lambda _message: None,
) -> dict[str, float]:
    """Create ``indexes`` on ``connections`` connections at once; seconds per index."""
    if not indexes:
        return {}
    with psycopg.connect(url) as connection:
        pending: queue.Queue[SecondaryIndex] = queue.Queue()
        for index in _largest_first(connection, indexes):
            pending.put(index)
    seconds: dict[str, float] = {}
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("SET maintenance_work_mem = '1GB'")
                while not errors:
                    try:
                        index = pending.get_nowait()
                    except queue.Empty:
                        return
                    progress(f"building index {index.name}")
                    started = time.perf_counter()
                    create(connection, index)
                    seconds[index.name] = time.perf_counter() - started
        except BaseException as error:  # handed to the caller, which re-raises it
            errors.append(error)

    workers = [
        threading.Thread(target=work, name=f"index-builder-{n}")
        for n in range(max(1, min(connections, len(indexes))))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return seconds


def restore_missing(connection: psycopg.Connection, tables: Sequence[str]) -> list[str]:
    """Create the models' indexes on ``tables`` that the database lacks; their names."""
    from provenance.models import Base  # the models define every index the migrations make

    present = {
        str(row[0])
        for row in connection.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        ).fetchall()
    }
    restored = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            if index.name is not None and index.name not in present:
                ddl = CreateIndex(index)
                statement = str(ddl.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
                connection.execute(sql.SQL(statement))  # from the models, not user input
                restored.append(str(index.name))
    return restored
