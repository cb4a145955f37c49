"""The export's lines built by PostgreSQL: the exact bytes of ``jsonl_format.format_line``.

Each statement returns one column, one JSON Lines record per row (no newline). The JSON is
written with ``concat()``, which skips NULL arguments: ``',"cue":' || to_json(cue)`` is
NULL when the cue is, so an absent value leaves its key out, as ``format_line`` does.
``to_json(text)`` escapes exactly as Python's ``json.dumps(ensure_ascii=False)``: ``"``,
``\\``, ``\\b \\f \\n \\r \\t`` and the other control characters as ``\\u00xx``, nothing
else (tests/services/test_export_stream.py checks every code point). Numbers: integers as
themselves; a double as its shortest round-trip digits (``extra_float_digits`` 1, the
default), with ``.0`` after a whole number, as Python's ``repr``. Timestamps: ISO 8601 in
UTC with ``+00:00`` and microseconds only when there are some, as ``datetime.isoformat``.
"""

from __future__ import annotations

OUTLETS = """
SELECT concat('{"type":"outlet","slug":', to_json(slug), ',"name":', to_json(name),
              ',"website":' || to_json(website)::text, '}')
FROM outlets ORDER BY slug
"""

SPEAKERS = """
WITH aliases AS (
    SELECT speaker_id,
           string_agg(concat('{"alias":', to_json(alias), ',"kind":', to_json(kind), '}'),
                      ',' ORDER BY id) AS items
    FROM speaker_aliases GROUP BY speaker_id
)
SELECT concat('{"type":"speaker","slug":', to_json(s.slug), ',"name":', to_json(s.name),
              ',"kind":', to_json(s.kind),
              ',"description":' || to_json(s.description)::text,
              ',"outlet":' || to_json(o.slug)::text,
              ',"aliases":[' || a.items || ']', '}')
FROM speakers s
LEFT JOIN outlets o ON o.id = s.outlet_id
LEFT JOIN aliases a ON a.speaker_id = s.id
ORDER BY s.slug
"""

QUOTATIONS = """
SELECT concat('{"type":"quotation","slug":', to_json(q.slug), ',"speaker":', to_json(s.slug),
              ',"text":', to_json(q.text), ',"language":' || to_json(q.language)::text, '}')
FROM quotations q JOIN speakers s ON s.id = q.speaker_id
ORDER BY q.slug
"""

# The article ids in slug order ("C": code point order, as Python compares strings), and
# the relay edges between articles as pairs of ranks in that order (for export_order).
ARTICLE_GRAPH = """
WITH ranked AS (
    SELECT id, (row_number() OVER (ORDER BY slug COLLATE "C") - 1)::int AS rank FROM articles
),
pairs AS (
    SELECT DISTINCT up.article_id AS upstream, a.article_id AS relaying
    FROM attributions a JOIN attributions up ON up.id = a.upstream_id
    WHERE up.article_id <> a.article_id
)
SELECT (SELECT array_agg(id ORDER BY rank) FROM ranked), array_agg(u.rank), array_agg(r.rank)
FROM pairs JOIN ranked u ON u.id = pairs.upstream JOIN ranked r ON r.id = pairs.relaying
"""

# The attributions of the articles in a circle, with their upstream and its article.
CIRCLE_ATTRIBUTIONS = """
SELECT a.article_id, a.id, a.upstream_id, up.article_id
FROM attributions a LEFT JOIN attributions up ON up.id = a.upstream_id
WHERE a.article_id = ANY(%(articles)s)
"""

# A double as Python's repr() writes it: PostgreSQL's shortest digits, ".0" if whole.
_FLOAT = "CASE WHEN {x}::text ~ '^-?[0-9]+$' THEN {x}::text || '.0' ELSE {x}::text END"

_TIMESTAMP = (
    "to_char({t} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
    "CASE WHEN date_trunc('second', {t}) = {t} THEN '' "
    "ELSE to_char({t} AT TIME ZONE 'UTC', '.US') END || '+00:00'"
)

_MARKERS = """
SELECT attribution_id,
       string_agg(concat('{"kind":', to_json(kind), ',"text":' || to_json(text)::text,
                         ',"position":' || position, ',"note":' || to_json(note)::text, '}'),
                  ',' ORDER BY id) AS items
FROM attribution_markers GROUP BY attribution_id
"""

_VERDICTS = f"""
SELECT attribution_id,
       string_agg(concat('{{"verdict":', to_json(verdict), ',"actor":', to_json(actor),
                         ',"reason":', to_json(reason),
                         ',"at":"', {_TIMESTAMP.format(t="created_at")}, '"}}'),
                  ',' ORDER BY created_at, id) AS items
FROM attribution_verdicts GROUP BY attribution_id
"""

ATTRIBUTION = f"""concat(
    '{{"quotation":', to_json(q.slug), ',"kind":', to_json(a.kind),
    ',"text":' || to_json(a.text)::text,
    ',"start":' || a.start_offset,
    ',"speaker":' || to_json(CASE WHEN a.speaker_id <> q.speaker_id THEN s.slug END)::text,
    ',"speaker_label":' || to_json(a.speaker_label)::text,
    ',"cue":' || to_json(a.cue)::text,
    ',"upstream":{{"article":' || to_json(upa.slug)::text
        || coalesce(',"start":' || up.start_offset, '') || '}}',
    CASE WHEN a.status <> 'recorded' THEN ',"status":' || to_json(a.status)::text END,
    CASE WHEN a.anchor_status = 'orphaned' THEN ',"orphaned":true' END,
    ',"confidence":' || ({_FLOAT.format(x="a.confidence")}),
    ',"markers":[' || m.items || ']',
    ',"verdicts":[' || v.items || ']',
    '}}')"""

# The order inside an article line, as the import and the single-article export expect.
ATTRIBUTION_ORDER = "a.start_offset NULLS LAST, q.slug, a.id"

_ATTRIBUTION_JOINS = """
JOIN quotations q ON q.id = a.quotation_id
JOIN speakers s ON s.id = a.speaker_id
LEFT JOIN attributions up ON up.id = a.upstream_id
LEFT JOIN articles upa ON upa.id = up.article_id
LEFT JOIN markers m ON m.attribution_id = a.id
LEFT JOIN verdicts v ON v.attribution_id = a.id
"""

# The article lines' order, as arrays: %(articles)s (one per line, in order), %(split)s
# (whether that line carries only some of the article's attributions), and for those lines
# the pairs %(part_lines)s (1-based line number) and %(part_ids)s (attribution id).
_LINES = """
lines AS (
    SELECT line, article_id, split
    FROM unnest(%(articles)s::bigint[], %(split)s::boolean[])
         WITH ORDINALITY AS l(article_id, split, line)
)"""

# Each article line up to its attributions (what follows is ',"attributions":[...]}' or
# '}'), one row per line in order: a nested loop over the ordered lines, each article
# fetched by its key, so no sort ever holds the bodies (see NESTED_LOOP).
ARTICLE_HEADS = f"""
WITH {_LINES}
SELECT concat('{{"type":"article","slug":', to_json(ar.slug),
              ',"url":' || to_json(ar.url)::text,
              ',"outlet":' || to_json(o.slug)::text,
              ',"title":' || to_json(ar.title)::text,
              ',"published_on":"' || to_char(ar.published_on, 'YYYY-MM-DD') || '"',
              ',"language":' || to_json(ar.language)::text,
              ',"body":' || to_json(ar.body)::text,
              ',"cited_as":' || to_json(ar.cited_as)::text)
FROM lines l
JOIN articles ar ON ar.id = l.article_id
LEFT JOIN outlets o ON o.id = ar.outlet_id
ORDER BY l.line
"""

# The planner settings that make ARTICLE_HEADS a nested loop (set around its DECLARE).
NESTED_LOOP = ("enable_hashjoin", "enable_mergejoin")

# Every attribution's JSON with the number of its line, in line order and, inside a
# line, in the order of the article's text. Each attribution is placed by an inner join
# with the small side hashed: whole articles by their line, split ones by their part.
ATTRIBUTION_ITEMS = f"""
WITH {_LINES},
markers AS ({_MARKERS}),
verdicts AS ({_VERDICTS}),
placed AS (
    SELECT l.line, a.* FROM lines l JOIN attributions a ON a.article_id = l.article_id
    WHERE NOT l.split
    UNION ALL
    SELECT p.line, a.*
    FROM unnest(%(part_lines)s::bigint[], %(part_ids)s::bigint[]) AS p(line, id)
    JOIN attributions a ON a.id = p.id
)
SELECT a.line, {ATTRIBUTION}
FROM placed a
{_ATTRIBUTION_JOINS}
ORDER BY a.line, {ATTRIBUTION_ORDER}
"""
