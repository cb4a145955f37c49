"""The bulk import into an empty database: its search (GIN) indexes are built once, after.

Maintaining a GIN index row by row costs several times more than building it once (the
trigram index over quoted text above all), and an empty database serves nobody yet. So a
bulk import into one drops the GIN indexes of the tables it fills and the B-tree indexes
nothing reads during the load (``AUDIT``), loads, and builds them again on two connections
at the end. The other B-tree indexes stay: the checks' look-ups and the unique
constraints use them. If the import dies in between, the tables hold rows
but lack those indexes; the next bulk import (``--resume``) sees that, takes the same
path and creates the missing indexes from the models' definitions at its end.
"""

from __future__ import annotations

import psycopg

from provenance.services.secondary_indexes import (
    SecondaryIndex,
    build_in_parallel,
    drop,
    restore_missing,
    secondary_indexes,
)

#: The tables a bulk import fills whose GIN indexes are worth building afterwards.
TABLES = ("attributions", "quotations", "quotation_printed_words", "quotation_printed_wordings")
#: Tables whose B-tree indexes are built afterwards too, but for KEEP and unique ones:
#: nothing reads them while the import loads (the audit trail's by row and by transaction,
#: the appearances by quotation, speaker and upstream, the articles by outlet and date).
AUDIT = ("history", "attributions", "articles", "quotations")
#: What the import's look-ups read: an article's appearances (for upstreams).
KEEP = frozenset({"ix_attributions_article_id_id"})


def _model_names() -> set[str]:
    """The names of the indexes a bulk import into an empty database builds afterwards."""
    from provenance.models import Base

    names = set()
    for table in Base.metadata.sorted_tables:
        for index in table.indexes:
            if index.name is None:
                continue
            gin = bool(index.dialect_options["postgresql"].get("using"))
            if (table.name in TABLES and gin) or (
                table.name in AUDIT and not index.unique and index.name not in KEEP
            ):
                names.add(str(index.name))
    return names


def start(url: str) -> list[SecondaryIndex] | None:
    """Drop the GIN indexes when the database holds no quotation yet, or when an earlier
    bulk import left some missing; None (nothing dropped) otherwise."""
    with psycopg.connect(url, autocommit=True) as connection:
        present = {index.name for index in secondary_indexes(connection, TABLES + AUDIT)}
        row = connection.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM quotations) AND NOT EXISTS "
            "(SELECT 1 FROM attributions)"
        ).fetchone()
        empty = bool(row and row[0])
        if not empty and _model_names() <= present:
            return None
        with connection.transaction():
            dropped = [i for i in secondary_indexes(connection, TABLES) if i.gin]
            dropped += [
                i
                for i in secondary_indexes(connection, AUDIT)
                if not i.unique and not i.gin and i.name not in KEEP
            ]
            drop(connection, dropped)
        return dropped


def finish(url: str, dropped: list[SecondaryIndex]) -> None:
    """Build the dropped indexes on two connections, then any the models have and the
    database lacks (left missing by an interrupted import)."""
    build_in_parallel(url, dropped, connections=2)
    with psycopg.connect(url, autocommit=True) as connection:
        restore_missing(connection, TABLES + AUDIT)
