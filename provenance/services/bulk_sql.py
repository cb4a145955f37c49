"""The SQL of the bulk import's merge: new ids, and what the triggers would have written.

The rows themselves are resolved in Python (bulk_resolve) and COPYed straight into the
tables. As superuser the triggers are off for the merge, so these statements write what
they would have: one history row per inserted row (as history_record() writes it, with the
row's final values), the attribution notifications, and the printed words and wordings.
"""

from __future__ import annotations

from typing import Any


def new_ids(tables: list[str]) -> str:
    """One row: per table, an array of that many new ids from its sequence, ascending
    (parameters: the counts, in the order of ``tables``)."""
    columns = [
        f"(SELECT array_agg(id ORDER BY id) FROM (SELECT nextval(pg_get_serial_sequence("
        f"'{table}', 'id')) AS id FROM generate_series(1, %s::integer)) n)"
        for table in tables
    ]
    return "SELECT " + ", ".join(columns)


def _rows(ids: list[int]) -> tuple[str, list[Any]]:
    """A condition on ``t.id`` for exactly ``ids`` (ascending): a range when they are one."""
    if ids[-1] - ids[0] + 1 == len(ids):
        return "t.id BETWEEN %s AND %s", [ids[0], ids[-1]]
    return "t.id = ANY(%s)", [ids]


def history(table: str, ids: list[int]) -> tuple[str, list[Any]]:
    """The INSERT history rows of the rows ``ids`` of ``table``, as history_record()."""
    where, params = _rows(ids)
    return (
        "INSERT INTO history (actor, transaction_id, table_name, row_id, operation, before, "
        "after) SELECT coalesce(nullif(current_setting('provenance.actor', true), ''), "
        f"session_user), pg_current_xact_id()::text::bigint, '{table}', t.id, 'INSERT', NULL, "
        f"to_jsonb(t) FROM {table} t WHERE {where} ORDER BY t.id",
        params,
    )


def notify(ids: list[int]) -> tuple[str, list[Any]]:
    """The notifications notify_attribution_added() sends for the attributions ``ids``."""
    where, params = _rows(ids)
    return (
        "SELECT count(pg_notify('provenance_attributions', json_build_object('attribution', "
        "t.id, 'quotation', t.quotation_id, 'speaker', t.speaker_id, 'status', t.status)::text)) "
        f"FROM attributions t WHERE {where}",
        params,
    )


# What the printed-words triggers would have added for the new attributions (migrations
# 0007 and 0010), when they were off.
PRINTED_WORDS = [
    "SELECT quotation_printed_words_fill(%(first)s)",
    "SELECT quotation_printed_wordings_fill(%(first)s)",
]
