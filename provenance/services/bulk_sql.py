"""The SQL of the bulk import: staging tables, set-wise checks, and the merge.

Rows of one chunk are COPYed into TEMP staging tables (``bulk_*``). ``RESOLVE`` gives
every staged row the id it has (natural key found in the database) or will have (a new
id from the table's sequence, once per key), and resolves the references: a reference
counts only to a row that exists already or comes on an earlier line, as when lines load
one at a time. ``SLOW`` lists the lines the write path must handle instead: anything that
would change an existing row (a new body is a revision; a changed attribution replaces
its markers), a reference that does not resolve, an upstream that is not exactly one
appearance of the same quotation, a relay circle, a duplicate that differs. The merge
then only inserts (``MERGE``), so that every line it takes reads exactly like what the
line-by-line path would have written.
"""

from __future__ import annotations

from provenance.services.bulk_rows import STAGING

_TYPES = {
    "line": "integer NOT NULL",
    "ord": "integer",
    "mord": "integer",
    "vord": "integer",
    "published_on": "date",
    "start_offset": "integer",
    "end_offset": "integer",
    "up_start": "integer",
    "position": "integer",
    "up_same": "boolean",
    "confidence": "double precision",
    "at": "timestamptz",
}

# Columns the checks fill in, per staging table.
_RESOLVED = {
    "outlets": "id bigint, first_line integer, known boolean NOT NULL DEFAULT false",
    "speakers": "outlet_id bigint, id bigint, first_line integer, "
    "known boolean NOT NULL DEFAULT false",
    "quotations": "speaker_id bigint, id bigint, first_line integer, "
    "known boolean NOT NULL DEFAULT false",
    "articles": "outlet_id bigint, id bigint, first_line integer, "
    "known boolean NOT NULL DEFAULT false",
    "attributions": "article_id bigint, quotation_id bigint, speaker_id bigint, "
    "up_article_id bigint, upstream_id bigint, id bigint, first_line integer, "
    "first_ord integer, known boolean NOT NULL DEFAULT false",
}


def create_staging() -> list[str]:
    """CREATE TEMP TABLE statements for every staging table (emptied at each commit)."""
    statements = []
    for table, columns in STAGING.items():
        defined = [f"{c} {_TYPES.get(c, 'text')}" for c in columns]
        if table in _RESOLVED:
            defined.append(_RESOLVED[table])
        statements.append(
            f"CREATE TEMP TABLE IF NOT EXISTS bulk_{table} ({', '.join(defined)}) "
            # Room on each page, so the checks' UPDATEs stay on it (HOT, no index entry).
            "WITH (fillfactor = 40) ON COMMIT DELETE ROWS"
        )
    statements.append(
        "CREATE TEMP TABLE IF NOT EXISTS bulk_slow (line integer PRIMARY KEY) ON COMMIT DELETE ROWS"
    )
    statements.append(
        "CREATE INDEX IF NOT EXISTS bulk_attributions_line ON bulk_attributions (line, ord)"
    )
    statements.append(
        "CREATE INDEX IF NOT EXISTS bulk_attributions_appearance "
        "ON bulk_attributions (article_id, quotation_id)"
    )
    return statements


def _ids(table: str, staged: str) -> list[str]:
    """Known ids by slug, first line per slug, and a new id per new slug."""
    return [
        f"UPDATE bulk_{staged} s SET id = t.id, known = true FROM {table} t WHERE t.slug = s.slug",
        f"""UPDATE bulk_{staged} s SET first_line = f.first_line
            FROM (SELECT slug, min(line) AS first_line FROM bulk_{staged} GROUP BY slug) f
            WHERE f.slug = s.slug""",
        f"""UPDATE bulk_{staged} s SET id = n.id
            FROM (SELECT slug, nextval(pg_get_serial_sequence('{table}', 'id')) AS id
                  FROM bulk_{staged} WHERE NOT known GROUP BY slug) n
            WHERE n.slug = s.slug""",
        # A later line of the same key that differs would change the row: the write path.
        f"""INSERT INTO bulk_slow SELECT s.line FROM bulk_{staged} s
            JOIN bulk_{staged} f ON f.slug = s.slug AND f.line = s.first_line
            WHERE s.line > s.first_line AND s.sig IS DISTINCT FROM f.sig
            ON CONFLICT DO NOTHING""",
    ]


def _reference(staged: str, column: str, target: str, table: str, into: str) -> list[str]:
    """Resolve ``column`` (a slug) of ``staged`` to ``into``: known, or new on an earlier line."""
    return [
        f"UPDATE bulk_{staged} s SET {into} = t.id FROM {table} t WHERE t.slug = s.{column}",
        f"""UPDATE bulk_{staged} s SET {into} = t.id
            FROM (SELECT slug, id, first_line FROM bulk_{target}
                  WHERE NOT known AND line = first_line) t
            WHERE s.{into} IS NULL AND t.slug = s.{column} AND t.first_line < s.line""",
        f"""INSERT INTO bulk_slow SELECT line FROM bulk_{staged}
            WHERE {column} IS NOT NULL AND {into} IS NULL ON CONFLICT DO NOTHING""",
    ]


def _slow(query: str) -> str:
    return f"INSERT INTO bulk_slow {query} ON CONFLICT DO NOTHING"


RESOLVE: list[str] = [
    # Row counts and a rough sample are all these joins need (the default target reads
    # 30,000 rows of each table per chunk).
    "SET LOCAL default_statistics_target = 10",
    "ANALYZE bulk_outlets",
    "ANALYZE bulk_speakers",
    "ANALYZE bulk_quotations",
    "ANALYZE bulk_articles",
    "ANALYZE bulk_attributions",
    # Outlets.
    *_ids("outlets", "outlets"),
    _slow(
        """SELECT s.line FROM bulk_outlets s JOIN outlets o ON o.id = s.id
           WHERE s.known AND (o.name, o.website) IS DISTINCT FROM (s.name, s.website)"""
    ),
    # A new outlet may not take another one's name (unique). Two statements, not one
    # with OR: each EXISTS then plans as a (hash) semi-join instead of a per-row subplan.
    _slow(
        """SELECT s.line FROM bulk_outlets s WHERE NOT s.known
           AND EXISTS (SELECT 1 FROM outlets o WHERE o.name = s.name)"""
    ),
    _slow(
        """SELECT s.line FROM bulk_outlets s WHERE NOT s.known AND EXISTS (
               SELECT 1 FROM bulk_outlets p
               WHERE p.name = s.name AND p.slug <> s.slug AND p.line < s.line)"""
    ),
    # Speakers.
    *_ids("speakers", "speakers"),
    *_reference("speakers", "outlet", "outlets", "outlets", "outlet_id"),
    _slow(
        """SELECT s.line FROM bulk_speakers s JOIN speakers p ON p.id = s.id
           WHERE s.known AND (
               (p.name, p.kind, p.description, p.outlet_id)
               IS DISTINCT FROM (s.name, s.kind, s.description, s.outlet_id)
               OR EXISTS (SELECT 1 FROM bulk_aliases a WHERE a.line = s.line AND NOT EXISTS (
                   SELECT 1 FROM speaker_aliases k
                   WHERE k.speaker_id = s.id AND k.alias = a.alias)))"""
    ),
    # Quotations.
    *_ids("quotations", "quotations"),
    *_reference("quotations", "speaker", "speakers", "speakers", "speaker_id"),
    _slow(
        """SELECT s.line FROM bulk_quotations s JOIN quotations q ON q.id = s.id
           WHERE s.known AND (q.speaker_id, q.text, q.language)
                 IS DISTINCT FROM (s.speaker_id, s.text, s.language)"""
    ),
    # Articles.
    *_ids("articles", "articles"),
    *_reference("articles", "outlet", "outlets", "outlets", "outlet_id"),
    _slow(  # an existing article that would change (a new body is a revision)
        """SELECT s.line FROM bulk_articles s JOIN articles a ON a.id = s.id
           WHERE s.known AND (a.outlet_id, a.url, a.title, a.published_on, a.language, a.body,
                              a.cited_as)
                 IS DISTINCT FROM (s.outlet_id, s.url, s.title, s.published_on, s.language,
                                   s.body, s.cited_as)"""
    ),
    # URLs are unique (two statements, as for outlet names).
    _slow(
        """SELECT s.line FROM bulk_articles s WHERE NOT s.known AND s.url IS NOT NULL
           AND EXISTS (SELECT 1 FROM articles a WHERE a.url = s.url)"""
    ),
    _slow(
        """SELECT s.line FROM bulk_articles s WHERE NOT s.known AND s.url IS NOT NULL
           AND EXISTS (SELECT 1 FROM bulk_articles p
                       WHERE p.url = s.url AND p.slug <> s.slug AND p.line < s.line)"""
    ),
    # Attributions: article, quotation, speaker.
    """UPDATE bulk_attributions t SET article_id = a.id
       FROM bulk_articles a WHERE a.line = t.line""",
    *_reference("attributions", "quotation", "quotations", "quotations", "quotation_id"),
    *_reference("attributions", "speaker", "speakers", "speakers", "speaker_id"),
    """UPDATE bulk_attributions t SET speaker_id = q.speaker_id FROM quotations q
       WHERE t.speaker IS NULL AND q.id = t.quotation_id""",
    """UPDATE bulk_attributions t SET speaker_id = q.speaker_id FROM bulk_quotations q
       WHERE t.speaker IS NULL AND t.speaker_id IS NULL AND q.id = t.quotation_id
         AND q.line = q.first_line""",
    # Identity: one appearance per (article, quotation, start); known ones keep their id.
    """UPDATE bulk_attributions t SET id = a.id, known = true FROM attributions a
       WHERE a.article_id = t.article_id AND a.quotation_id = t.quotation_id
         AND a.anchor_status = 'anchored' AND a.start_offset = t.start_offset""",
    """UPDATE bulk_attributions t SET id = a.id, known = true FROM attributions a
       WHERE t.start_offset IS NULL AND a.start_offset IS NULL AND a.article_id = t.article_id
         AND a.quotation_id = t.quotation_id AND a.anchor_status = 'anchored'""",
    """UPDATE bulk_attributions t SET first_line = f.line, first_ord = f.ord
       FROM (SELECT DISTINCT ON (article_id, quotation_id, start_offset)
                    article_id, quotation_id, start_offset, line, ord
             FROM bulk_attributions WHERE quotation_id IS NOT NULL
             ORDER BY article_id, quotation_id, start_offset, line, ord) f
       WHERE f.article_id = t.article_id AND f.quotation_id = t.quotation_id
         AND f.start_offset IS NOT DISTINCT FROM t.start_offset""",
    _slow(  # the same appearance twice in one line: the second would update the first
        """SELECT line FROM bulk_attributions WHERE line = first_line AND ord > first_ord"""
    ),
    """UPDATE bulk_attributions t SET id = n.id
       FROM (SELECT first_line, first_ord,
                    nextval(pg_get_serial_sequence('attributions', 'id')) AS id
             FROM bulk_attributions WHERE NOT known AND first_line IS NOT NULL
             GROUP BY first_line, first_ord) n
       WHERE n.first_line = t.first_line AND n.first_ord = t.first_ord""",
    # Upstream: the article (slug or URL, known or on an earlier line) ...
    """UPDATE bulk_attributions t SET up_article_id = t.article_id WHERE t.up_same""",
    _slow(  # in the same article without a start, which one depends on the order
        """SELECT line FROM bulk_attributions WHERE up_same AND up_start IS NULL"""
    ),
    # One join per kind of key, so each can use its index: a UNION of the keys first
    # would read the whole articles table at every chunk.
    """UPDATE bulk_attributions t SET up_article_id = k.id
       FROM (SELECT line, ord, min(id) AS id, count(DISTINCT id) AS n
             FROM (SELECT t.line, t.ord, a.id FROM bulk_attributions t
                   JOIN articles a ON a.slug = t.up_article
                   WHERE t.up_article IS NOT NULL AND NOT t.up_same
                   UNION ALL
                   SELECT t.line, t.ord, a.id FROM bulk_attributions t
                   JOIN articles a ON a.url = t.up_article
                   WHERE t.up_article IS NOT NULL AND NOT t.up_same
                   UNION ALL
                   SELECT t.line, t.ord, b.id FROM bulk_attributions t
                   JOIN bulk_articles b ON b.slug = t.up_article AND b.first_line < t.line
                   WHERE t.up_article IS NOT NULL AND NOT t.up_same
                     AND NOT b.known AND b.line = b.first_line
                   UNION ALL
                   SELECT t.line, t.ord, b.id FROM bulk_attributions t
                   JOIN bulk_articles b ON b.url = t.up_article AND b.first_line < t.line
                   WHERE t.up_article IS NOT NULL AND NOT t.up_same
                     AND NOT b.known AND b.line = b.first_line AND b.url IS NOT NULL) k
             GROUP BY line, ord) k
       WHERE k.n = 1 AND k.line = t.line AND k.ord = t.ord""",
    # ... and exactly one appearance of the same quotation there (with that start, if given).
    """UPDATE bulk_attributions t SET upstream_id = c.id
       FROM (SELECT t.line, t.ord, min(c.id) AS id, count(*) AS n
             FROM bulk_attributions t
             CROSS JOIN LATERAL (
                 SELECT a.id FROM attributions a
                 WHERE a.article_id = t.up_article_id AND a.quotation_id = t.quotation_id
                   AND (t.up_start IS NULL OR a.start_offset = t.up_start)
                 UNION
                 SELECT s.id FROM bulk_attributions s
                 WHERE s.article_id = t.up_article_id AND s.quotation_id = t.quotation_id
                   AND NOT s.known AND s.line = s.first_line AND s.ord = s.first_ord
                   AND (t.up_start IS NULL OR s.start_offset = t.up_start)
                   AND (s.line < t.line OR (t.up_same AND s.line = t.line))
             ) c
             WHERE t.up_article_id IS NOT NULL AND t.quotation_id IS NOT NULL
             GROUP BY t.line, t.ord) c
       WHERE c.n = 1 AND c.line = t.line AND c.ord = t.ord""",
    _slow(
        """SELECT line FROM bulk_attributions
           WHERE up_article IS NOT NULL AND upstream_id IS NULL"""
    ),
    # An appearance already there (or on an earlier line) that would change.
    _slow(
        """SELECT t.line FROM bulk_attributions t JOIN attributions a ON a.id = t.id
           WHERE t.known AND (
               (a.speaker_id, a.speaker_label, a.kind, a.text, a.start_offset, a.end_offset,
                a.cue, a.upstream_id, a.status, a.confidence)
               IS DISTINCT FROM
               (t.speaker_id, t.speaker_label, t.kind, t.text, t.start_offset, t.end_offset,
                t.cue, t.upstream_id, t.status, t.confidence)
               OR ARRAY(SELECT ROW(m.kind, m.text, m.position, m.note)::text
                        FROM attribution_markers m WHERE m.attribution_id = a.id ORDER BY m.id)
                  IS DISTINCT FROM
                  ARRAY(SELECT ROW(m.kind, m.text, m.position, m.note)::text
                        FROM bulk_markers m WHERE m.line = t.line AND m.ord = t.ord
                        ORDER BY m.mord))"""
    ),
    _slow(
        """SELECT t.line FROM bulk_attributions t
           JOIN bulk_attributions f ON f.line = t.first_line AND f.ord = t.first_ord
           WHERE NOT t.known AND t.line > t.first_line AND (
               (f.speaker_id, f.speaker_label, f.kind, f.text, f.end_offset, f.cue,
                f.upstream_id, f.status, f.confidence)
               IS DISTINCT FROM
               (t.speaker_id, t.speaker_label, t.kind, t.text, t.end_offset, t.cue,
                t.upstream_id, t.status, t.confidence)
               OR ARRAY(SELECT ROW(m.kind, m.text, m.position, m.note)::text
                        FROM bulk_markers m WHERE m.line = f.line AND m.ord = f.ord
                        ORDER BY m.mord)
                  IS DISTINCT FROM
                  ARRAY(SELECT ROW(m.kind, m.text, m.position, m.note)::text
                        FROM bulk_markers m WHERE m.line = t.line AND m.ord = t.ord
                        ORDER BY m.mord))"""
    ),
    # A relay circle among the new appearances (old ones never point to new ones).
    _slow(
        """WITH RECURSIVE new AS (
               SELECT id, upstream_id, line FROM bulk_attributions
               WHERE NOT known AND line = first_line AND ord = first_ord
           ), walk(start, cur) AS (
               SELECT id, upstream_id FROM new WHERE upstream_id IS NOT NULL
               UNION
               SELECT w.start, n.upstream_id FROM walk w JOIN new n ON n.id = w.cur
               WHERE n.upstream_id IS NOT NULL
           )
           SELECT n.line FROM walk w JOIN new n ON n.id = w.start WHERE w.cur = w.start"""
    ),
]

FIRST_SLOW = "SELECT min(line) FROM bulk_slow"

CUT = [f"DELETE FROM bulk_{table} WHERE line >= %(cut)s" for table in STAGING]

# Audit rows as history_record() writes them, for a load with the triggers off.
_HISTORY = """, history_rows AS (
    INSERT INTO history (actor, transaction_id, table_name, row_id, operation, before, after)
    SELECT coalesce(nullif(current_setting('provenance.actor', true), ''), session_user),
           pg_current_xact_id()::text::bigint, '{table}', ins.id, 'INSERT', NULL, to_jsonb(ins)
    FROM ins)"""
_NOTIFY = """, notified AS (
    SELECT pg_notify('provenance_attributions', json_build_object(
        'attribution', id, 'quotation', quotation_id, 'speaker', speaker_id, 'status', status
    )::text) FROM ins)"""

_INSERTS: list[tuple[str, str, str]] = [
    (
        "outlets",
        "id, slug, name, website",
        "SELECT id, slug, name, website FROM bulk_outlets WHERE NOT known AND line = first_line",
    ),
    (
        "speakers",
        "id, slug, name, kind, description, outlet_id",
        """SELECT id, slug, name, kind, description, outlet_id FROM bulk_speakers
           WHERE NOT known AND line = first_line""",
    ),
    (
        "speaker_aliases",
        "id, speaker_id, alias, kind",
        """SELECT nextval(pg_get_serial_sequence('speaker_aliases', 'id')), speaker_id, alias, kind
           FROM (SELECT DISTINCT ON (s.id, a.alias) s.id AS speaker_id, a.alias, a.kind, a.ord
                 FROM bulk_aliases a JOIN bulk_speakers s ON s.line = a.line
                 WHERE NOT s.known AND s.line = s.first_line
                 ORDER BY s.id, a.alias, a.ord) d
           ORDER BY speaker_id, ord""",
    ),
    (
        "quotations",
        "id, slug, speaker_id, text, language",
        """SELECT id, slug, speaker_id, text, language FROM bulk_quotations
           WHERE NOT known AND line = first_line""",
    ),
    (
        "articles",
        "id, slug, outlet_id, url, title, published_on, language, body, cited_as",
        """SELECT id, slug, outlet_id, url, title, published_on, language, body, cited_as
           FROM bulk_articles WHERE NOT known AND line = first_line""",
    ),
    (
        "attributions",
        "id, article_id, quotation_id, speaker_id, speaker_label, kind, text, start_offset, "
        "end_offset, prefix, suffix, cue, upstream_id, status, confidence",
        """SELECT id, article_id, quotation_id, speaker_id, speaker_label, kind, text,
                  start_offset, end_offset, prefix, suffix, cue, upstream_id, status, confidence
           FROM bulk_attributions WHERE NOT known AND line = first_line AND ord = first_ord""",
    ),
    (
        "attribution_markers",
        "id, attribution_id, kind, text, position, note",
        """SELECT nextval(pg_get_serial_sequence('attribution_markers', 'id')),
                  attribution_id, kind, text, position, note
           FROM (SELECT t.id AS attribution_id, m.kind, m.text, m.position, m.note
                 FROM bulk_markers m JOIN bulk_attributions t ON t.line = m.line AND t.ord = m.ord
                 WHERE NOT t.known AND t.line = t.first_line AND t.ord = t.first_ord
                 ORDER BY t.id, m.mord) d""",
    ),
    (
        "attribution_verdicts",
        "id, attribution_id, verdict, actor, reason, created_at",
        """SELECT nextval(pg_get_serial_sequence('attribution_verdicts', 'id')),
                  attribution_id, verdict, actor, reason, at
           FROM (SELECT DISTINCT ON (t.id, v.at, v.actor, v.verdict)
                        t.id AS attribution_id, v.verdict, v.actor, v.reason, v.at,
                        v.line, v.ord, v.vord
                 FROM bulk_verdicts v JOIN bulk_attributions t ON t.line = v.line AND t.ord = v.ord
                 WHERE NOT EXISTS (
                     SELECT 1 FROM attribution_verdicts e
                     WHERE e.attribution_id = t.id AND e.created_at = v.at
                       AND e.actor = v.actor AND e.verdict = v.verdict)
                 ORDER BY t.id, v.at, v.actor, v.verdict, v.line, v.ord, v.vord) d
           ORDER BY line, ord, vord""",
    ),
]


def merge(*, audited_here: bool) -> list[tuple[str, str]]:
    """(table, INSERT statement) in dependency order; each returns its row count.

    ``audited_here``: the triggers are off, so each statement also writes the history rows
    (and, for attributions, the notifications) the triggers would have written.
    """
    statements = []
    for table, columns, select in _INSERTS:
        extra = ""
        if audited_here:
            extra = _HISTORY.format(table=table) + (_NOTIFY if table == "attributions" else "")
        statements.append(
            (
                table,
                f"WITH ins AS (INSERT INTO {table} ({columns}) {select} RETURNING *){extra} "
                + (
                    "SELECT count(*), min(id), (SELECT count(*) FROM notified) FROM ins"
                    if audited_here and table == "attributions"
                    else "SELECT count(*), min(id), 0 FROM ins"
                ),
            )
        )
    return statements


# What the printed-words triggers would have added for the new attributions (migrations
# 0007 and 0010), when they were off.
PRINTED_WORDS = [
    "SELECT quotation_printed_words_fill(%(first)s)",
    "SELECT quotation_printed_wordings_fill(%(first)s)",
]
