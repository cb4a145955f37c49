"""Set-based checks of the invariants that per-row triggers enforce, for rows loaded in bulk.

A bulk load may switch the triggers off for speed; these queries then prove, for every
row it added (ids above the given bases), what the triggers would have checked one row at
a time. They run inside the loading transaction, before it commits.
"""

from __future__ import annotations

import psycopg

from provenance.bench.plan import IdBase


class InvariantViolation(RuntimeError):
    """Rows loaded in bulk break an invariant; the load is rolled back."""


# Each query counts offending rows among those loaded (ids above the bases).
CHECKS: dict[str, str] = {
    # One substr of the window [start - 32, end + 32) instead of one per part: substr walks
    # a UTF-8 body from its first character, so each call costs the whole offset. With the
    # prefix and the text of the right lengths, window = prefix || text || suffix holds
    # exactly when each part equals the body at its place (and the span ends inside it).
    "attribution spans match their article bodies, prefix and suffix included": """
        SELECT count(*) FROM attributions a JOIN articles r ON r.id = a.article_id
        WHERE a.id > %(attribution)s AND CASE
            WHEN r.body IS NULL THEN
                a.start_offset IS NOT NULL OR a.prefix IS NOT NULL OR a.suffix IS NOT NULL
            ELSE a.start_offset IS NULL
                OR char_length(a.prefix)
                   IS DISTINCT FROM a.start_offset - greatest(a.start_offset - 32, 0)
                OR char_length(a.text) IS DISTINCT FROM a.end_offset - a.start_offset
                OR substr(r.body, greatest(a.start_offset - 32, 0) + 1,
                          a.end_offset - greatest(a.start_offset - 32, 0) + 32)
                   IS DISTINCT FROM a.prefix || a.text || a.suffix
            END""",
    # Following upstream links strictly lowers the id, so no chain can come back to itself;
    # rows loaded before keep their own guarantee (they were checked when written).
    "upstream links point to earlier attributions (no cycle)": """
        SELECT count(*) FROM attributions
        WHERE id > %(attribution)s AND upstream_id >= id""",
    "markers stand in their attribution's text": """
        SELECT count(*) FROM attribution_markers m JOIN attributions a ON a.id = m.attribution_id
        WHERE m.id > %(marker)s AND m.text IS NOT NULL
          AND substr(a.text, m.position + 1, char_length(m.text)) IS DISTINCT FROM m.text""",
    # Foreign keys, for loads that ran with session_replication_role = replica.
    "attributions reference existing articles, quotations and speakers": """
        SELECT count(*) FROM attributions a
        WHERE a.id > %(attribution)s AND (
            NOT EXISTS (SELECT 1 FROM articles r WHERE r.id = a.article_id)
            OR NOT EXISTS (SELECT 1 FROM quotations q WHERE q.id = a.quotation_id)
            OR NOT EXISTS (SELECT 1 FROM speakers s WHERE s.id = a.speaker_id))""",
    "upstream attributions exist and concern the same quotation": """
        SELECT count(*) FROM attributions a
        WHERE a.id > %(attribution)s AND a.upstream_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM attributions u
            WHERE u.id = a.upstream_id AND u.quotation_id = a.quotation_id)""",
    "quotations, articles, speakers and aliases reference existing rows": """
        SELECT (SELECT count(*) FROM quotations q WHERE q.id > %(quotation)s
                  AND NOT EXISTS (SELECT 1 FROM speakers s WHERE s.id = q.speaker_id))
             + (SELECT count(*) FROM articles r WHERE r.id > %(article)s AND r.outlet_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM outlets o WHERE o.id = r.outlet_id))
             + (SELECT count(*) FROM speakers s WHERE s.id > %(speaker)s AND s.outlet_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM outlets o WHERE o.id = s.outlet_id))
             + (SELECT count(*) FROM speaker_aliases k WHERE k.id > %(alias)s
                  AND NOT EXISTS (SELECT 1 FROM speakers s WHERE s.id = k.speaker_id))
             + (SELECT count(*) FROM attribution_markers m WHERE m.id > %(marker)s
                  AND NOT EXISTS (SELECT 1 FROM attributions a WHERE a.id = m.attribution_id))""",
}


def verify(connection: psycopg.Connection, *, base: IdBase) -> None:
    """Raise InvariantViolation naming every check that rows loaded after ``base`` fail."""
    params = {
        "outlet": base.outlet,
        "speaker": base.speaker,
        "alias": base.alias,
        "article": base.article,
        "quotation": base.quotation,
        "attribution": base.attribution,
        "marker": base.marker,
    }
    failures = []
    for name, query in CHECKS.items():
        found = connection.execute(query, params).fetchone()
        count = 0 if found is None else int(found[0])
        if count:
            failures.append(f"{count} rows break: {name}")
    if failures:
        raise InvariantViolation(
            "the bulk load broke invariants, nothing was committed: " + "; ".join(failures)
        )
