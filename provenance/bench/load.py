"""Load a synthetic corpus with COPY, in dependency order, in one transaction.

Per-row triggers dominate the cost of a bulk load (each attribution re-reads its article
body, each relay walks its upstream chain). So, when allowed, the load switches them off
for its own transaction, proves the same invariants with set-based SQL (``verify``) and
only then commits; any violation rolls everything back. Modes:

- ``replica``: ``SET LOCAL session_replication_role = replica`` (superuser only): skips
  user triggers and foreign-key triggers; ``verify`` checks the foreign keys too.
- ``disable``: ``ALTER TABLE ... DISABLE TRIGGER USER`` (table owner): skips user triggers,
  foreign keys stay enforced row by row. The ALTERs are part of the transaction.
- ``triggers``: everything on, as any writer; slowest, needs only INSERT.

Secondary indexes (GIN trigram ones above all) are cheaper to build once than to maintain
row by row: by the size of the load they are kept, rebuilt inside the transaction, or (into
an empty database) built after the commit on several connections at once; see
``provenance.services.secondary_indexes``. Rows may also be ``Prepared`` beforehand, to time
the load alone.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from provenance.bench.cast import Cast, make_cast
from provenance.bench.plan import CorpusPlan, IdBase
from provenance.bench.producer import generated
from provenance.bench.relays import Batch, Counters, make_batch
from provenance.bench.verify import verify
from provenance.services.bulk_resolve import TABLES
from provenance.services.secondary_indexes import (
    build_in_parallel,
    create,
    drop,
    restore_missing,
    secondary_indexes,
)

MODES = ("auto", "replica", "disable", "triggers")

# Dependency order; the columns each COPY fills (ids are given, so relays can name them):
# the bulk import's, less the verdicts the generator never writes.
COLUMNS: dict[str, tuple[str, ...]] = {
    table: columns for table, columns in TABLES.items() if table != "attribution_verdicts"
}


STRATEGIES = ("keep", "rebuild", "after")


def choose_strategy(base: IdBase, quotations: int) -> str:
    """Where a load of ``quotations`` quotations on top of ``base`` builds its indexes."""
    if base.attribution == 0 and base.quotation == 0 and base.article == 0:
        return "after"
    # Rebuilding pays off when the load at least doubles the tables (about 5.5 attributions
    # per quotation either way); below that, the old rows' entries would be rebuilt too
    # (measured in docs/performance.md).
    return "rebuild" if quotations >= base.quotation else "keep"


@dataclass
class LoadReport:
    """What a load did and how long each phase took, in seconds."""

    mode: str
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    #: keep, rebuild or after (provenance.services.secondary_indexes).
    indexes: str = "keep"
    rebuilt_indexes: list[str] = field(default_factory=list)
    #: Seconds per index, when they were built after the load on several connections.
    index_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def id_base(connection: psycopg.Connection) -> IdBase:
    """The largest id in use per table."""
    found = connection.execute(
        """SELECT (SELECT coalesce(max(id), 0) FROM outlets),
                  (SELECT coalesce(max(id), 0) FROM speakers),
                  (SELECT coalesce(max(id), 0) FROM speaker_aliases),
                  (SELECT coalesce(max(id), 0) FROM articles),
                  (SELECT coalesce(max(id), 0) FROM quotations),
                  (SELECT coalesce(max(id), 0) FROM attributions),
                  (SELECT coalesce(max(id), 0) FROM attribution_markers)"""
    ).fetchone()
    assert found is not None
    return IdBase(*(int(value) for value in found))


def _choose_mode(connection: psycopg.Connection, mode: str) -> str:
    if mode != "auto":
        return mode
    found = connection.execute(
        """SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                  pg_has_role(current_user, (SELECT relowner FROM pg_class
                                             WHERE oid = 'attributions'::regclass), 'USAGE')"""
    ).fetchone()
    assert found is not None
    if found[0]:
        return "replica"
    return "disable" if found[1] else "triggers"


def _copy(connection: psycopg.Connection, table: str, rows: list[str]) -> None:
    if not rows:
        return
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COLUMNS[table]))
    )
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        # Large writes keep the per-call overhead negligible.
        for start in range(0, len(rows), 2_000):
            copy.write("".join(rows[start : start + 2_000]))


def _copy_batch(connection: psycopg.Connection, batch: Batch, report: LoadReport) -> None:
    for table, rows in (
        ("quotations", batch.quotations),
        ("articles", batch.articles),
        ("attributions", batch.attributions),
        ("attribution_markers", batch.markers),
    ):
        _copy(connection, table, rows)
        report.rows[table] = report.rows.get(table, 0) + len(rows)


def _reset_sequences(connection: psycopg.Connection) -> None:
    """Identity columns continue after the ids the load chose."""
    for table in COLUMNS:
        connection.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({table}, 'id'), "
                "greatest((SELECT max(id) FROM {ident}), 1))"
            ).format(table=sql.Literal(table), ident=sql.Identifier(table))
        )


@dataclass(frozen=True)
class Prepared:
    """Rows generated ahead of a load (to time the load alone), for ids after ``base``."""

    base: IdBase
    cast: Cast
    batches: Sequence[Batch]

    @classmethod
    def generate(cls, plan: CorpusPlan, base: IdBase | None = None) -> Prepared:
        """The plan's rows, exactly as ``load_corpus`` would generate them after ``base``."""
        base = base or IdBase()
        rng = random.Random(plan.seed)
        cast = make_cast(plan, base, rng)
        counters = Counters.after(base)
        batches = []
        for first in range(0, plan.quotations, plan.batch_size):
            last = min(plan.quotations, first + plan.batch_size)
            batches.append(make_batch(plan, base, cast, counters, rng, first, last))
        return cls(base, cast, batches)


def _switch_triggers(connection: psycopg.Connection, mode: str, *, on: bool) -> None:
    if mode == "replica":
        role = "origin" if on else "replica"
        connection.execute(sql.SQL("SET LOCAL session_replication_role = {}").format(sql.SQL(role)))
    elif mode == "disable":
        for table in COLUMNS:
            connection.execute(
                sql.SQL("ALTER TABLE {} {} TRIGGER USER").format(
                    sql.Identifier(table), sql.SQL("ENABLE" if on else "DISABLE")
                )
            )


def load_corpus(
    url: str,
    plan: CorpusPlan,
    *,
    mode: str = "auto",
    indexes: str = "auto",
    index_connections: int = 2,
    vacuum: bool = True,
    prepared: Prepared | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> LoadReport:
    """Load ``plan`` (generated now, or ``prepared``) into ``url``; raise if any check fails."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if indexes != "auto" and indexes not in STRATEGIES:
        raise ValueError(f"indexes must be auto or one of {', '.join(STRATEGIES)}")
    with psycopg.connect(url) as connection:
        restored = restore_missing(connection, list(COLUMNS))
        connection.commit()
        for name in restored:
            progress(f"restored index {name}, missing after an interrupted load")
        chosen = _choose_mode(connection, mode)
        report = LoadReport(mode=chosen)
        clock = time.perf_counter()

        def phase(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            report.seconds[name] = report.seconds.get(name, 0.0) + now - clock
            clock = now

        connection.execute("SET LOCAL synchronous_commit = off")
        connection.execute("SET LOCAL maintenance_work_mem = '1GB'")
        base = id_base(connection)
        if prepared is not None and prepared.base != base:
            raise ValueError(f"rows were prepared after {prepared.base}, the database is at {base}")
        report.indexes = choose_strategy(base, plan.quotations) if indexes == "auto" else indexes
        dropped = []
        if report.indexes != "keep":
            dropped = secondary_indexes(connection, list(COLUMNS))
            if report.indexes == "after":
                # Unique ones stay: uniqueness is checked before the rows commit.
                dropped = [index for index in dropped if not index.unique]
            drop(connection, dropped)
        _switch_triggers(connection, chosen, on=False)
        phase("prepare")

        if prepared is None:
            rng = random.Random(plan.seed)
            cast = make_cast(plan, base, rng)
            batches: Iterable[tuple[int, Batch]] = generated(plan, base, cast, rng)
        else:
            cast = prepared.cast
            batches = (
                (min(plan.quotations, (n + 1) * plan.batch_size), batch)
                for n, batch in enumerate(prepared.batches)
            )
        _copy(connection, "outlets", cast.outlet_rows)
        _copy(connection, "speakers", cast.speaker_rows)
        _copy(connection, "speaker_aliases", cast.alias_rows)
        report.rows.update(
            outlets=len(cast.outlet_rows),
            speakers=len(cast.speaker_rows),
            speaker_aliases=len(cast.alias_rows),
        )
        for last, batch in batches:
            _copy_batch(connection, batch, report)
            progress(f"{last} of {plan.quotations} quotations loaded")
        phase("copy")

        _switch_triggers(connection, chosen, on=True)
        if report.indexes == "rebuild":
            for index in dropped:
                progress(f"building index {index.name}")
                create(connection, index)
                report.rebuilt_indexes.append(index.name)
                phase(f"index {index.name}")

        if chosen != "triggers":
            # What the printed-words triggers would have added, set-based (migrations 0007
            # and 0010).
            progress("printed words")
            connection.execute("SELECT quotation_printed_words_fill(%s)", (base.attribution + 1,))
            phase("printed words")
            progress("printed wordings")
            connection.execute(
                "SELECT quotation_printed_wordings_fill(%s)", (base.attribution + 1,)
            )
            phase("printed wordings")
            progress("verifying invariants")
            verify(connection, base=base)
        phase("verify")
        _reset_sequences(connection)
        connection.commit()
        phase("commit")

    if report.indexes == "after":
        built = build_in_parallel(url, dropped, connections=index_connections, progress=progress)
        report.rebuilt_indexes.extend(built)
        phase(f"indexes ({index_connections} connections)")
        report.index_seconds = {name: round(seconds, 2) for name, seconds in built.items()}

    if vacuum:
        progress("vacuum analyze")
        with psycopg.connect(url, autocommit=True) as connection:
            for table in COLUMNS:
                connection.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        phase("vacuum")
    return report
