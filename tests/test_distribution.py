"""The Citus plan (provenance/distribution.py) against the migrated schema's catalog.

Every table is classified; a distributed table's keys include its distribution column and
its foreign keys stay inside its co-location group or point at reference tables, unless a
documented exception says what changes; and no exception outlives its constraint.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import psycopg

from provenance.distribution import (
    FOREIGN_KEY_EXCEPTIONS,
    KEY_EXCEPTIONS,
    TABLES,
    Placement,
)
from provenance.models import Base

TABLES_SQL = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1
"""

# Primary keys, unique constraints and unique indexes (a partial one too): name, table, columns.
KEYS_SQL = """
SELECT i.relname, t.relname,
       array(SELECT a.attname FROM unnest(x.indkey) k(att)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.att)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = 'public' AND x.indisunique
ORDER BY 1
"""

FOREIGN_KEYS_SQL = """
SELECT con.conname, t.relname,
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(att, n)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att ORDER BY k.n),
       f.relname,
       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(att, n)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.att ORDER BY k.n)
FROM pg_constraint con
JOIN pg_class t ON t.oid = con.conrelid
JOIN pg_class f ON f.oid = con.confrelid
WHERE con.contype = 'f'
ORDER BY 1
"""


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    columns: list[str]
    target: str
    target_columns: list[str]


def _catalog(url: str) -> tuple[list[str], list[tuple[str, str, list[str]]], list[ForeignKey]]:
    with psycopg.connect(url) as connection:
        tables = [row[0] for row in connection.execute(TABLES_SQL)]
        keys = [
            (name, table, list(columns)) for name, table, columns in connection.execute(KEYS_SQL)
        ]
        foreign = [
            ForeignKey(name, table, list(columns), target, list(target_columns))
            for name, table, columns, target, target_columns in connection.execute(FOREIGN_KEYS_SQL)
        ]
    return tables, keys, foreign


def _keeps(key: ForeignKey) -> bool:
    """Whether Citus can keep this foreign key as it is."""
    source, target = TABLES[key.table], TABLES[key.target]
    if target.placement is Placement.REFERENCE:
        return True  # anything may point at a reference table
    if source.placement is Placement.LOCAL and target.placement is Placement.LOCAL:
        return True
    if Placement.DISTRIBUTED in (source.placement, target.placement):
        if source.placement is not target.placement or source.group != target.group:
            return False
        # Co-located: the distribution columns must correspond to each other.
        pairs = set(zip(key.columns, key.target_columns, strict=True))
        return (source.column, target.column) in pairs
    return False  # a reference table pointing at a local one


def test_every_table_is_classified_and_the_metadata_agrees(empty_url: str) -> None:
    tables, _, _ = _catalog(empty_url)
    unclassified = sorted(set(tables) - set(TABLES))
    assert unclassified == [], (
        f"classify these tables in provenance/distribution.py: {unclassified}"
    )
    assert sorted(TABLES) == tables  # no plan for a table that is gone
    assert set(Base.metadata.tables) <= set(tables)
    for name, plan in TABLES.items():
        assert plan.why
        distributed = plan.placement is Placement.DISTRIBUTED
        assert (plan.column is not None) == distributed == (plan.group is not None), name


def test_distributed_keys_include_the_distribution_column(empty_url: str) -> None:
    _, keys, _ = _catalog(empty_url)
    columns: dict[str, set[str]] = defaultdict(set)
    with psycopg.connect(empty_url) as connection:
        for table, column in connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public'"
        ):
            columns[table].add(column)
    lacking = []
    for name, table, key_columns in keys:
        plan = TABLES[table]
        if plan.placement is Placement.DISTRIBUTED and plan.column not in key_columns:
            lacking.append(name)
    assert sorted(lacking) == sorted(KEY_EXCEPTIONS), (
        "a distributed table's key lacks its distribution column: fix it or document it in "
        "KEY_EXCEPTIONS (and remove exceptions whose key now has it)"
    )
    missing_column = [
        name
        for name, plan in TABLES.items()
        if plan.placement is Placement.DISTRIBUTED and plan.column not in columns[name]
    ]
    # The tables that would gain quotation_id, each named in its key's exception.
    assert missing_column == ["attribution_markers", "attribution_verdicts",
                              "attribution_reanchorings"]  # fmt: skip
    for table in missing_column:
        assert any(
            f"pk_{table}" == name and "quotation_id" in why for name, why in KEY_EXCEPTIONS.items()
        )


def test_foreign_keys_stay_in_their_group_or_point_at_reference_tables(empty_url: str) -> None:
    _, _, foreign = _catalog(empty_url)
    broken = sorted(key.name for key in foreign if not _keeps(key))
    assert broken == sorted(FOREIGN_KEY_EXCEPTIONS), (
        "a foreign key Citus could not keep: fix it or document it in FOREIGN_KEY_EXCEPTIONS "
        "(and remove exceptions for keys that are gone or now kept)"
    )
    upstream = next(k for k in foreign if k.name == "fk_attributions_upstream_same_quotation")
    assert _keeps(upstream)  # a relay points inside its own quotation: one shard


def test_reference_tables_point_only_at_reference_tables(empty_url: str) -> None:
    _, _, foreign = _catalog(empty_url)
    for key in foreign:
        if TABLES[key.table].placement is Placement.REFERENCE:
            assert TABLES[key.target].placement is Placement.REFERENCE, key.name
