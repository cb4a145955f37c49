"""The export's lines built by PostgreSQL: the exact bytes of ``jsonl_format.format_line``.

Each statement returns one column, one JSON Lines record per row (no newline; article lines
come in two parts, joined by export_stream). The JSON is written with ``||``, which is
much cheaper per row than ``concat()`` or ``to_json()`` on every value (both look up an
output function per call): an optional key is ``coalesce(',"cue":' || to_json(cue)::text,
'')``, empty when the value is NULL, so an absent value leaves its key out, as
``format_line`` does. Free text goes through ``to_json(text)``, which escapes exactly as
Python's ``json.dumps(ensure_ascii=False)``: ``"``, ``\\``, ``\\b \\f \\n \\r \\t`` and
the other control characters as ``\\u00xx``, nothing else (tests/services/
test_export_stream.py checks every code point). Slugs and the words of a closed list
(kinds, statuses, verdicts) are written between quotes as they are: the schema's CHECK
constraints allow only ``[a-z0-9-]`` in slugs and known lowercase words in the others, so
they never need escaping. Numbers: integers as themselves; a double as its shortest
round-trip digits (``extra_float_digits`` 1, the default), with ``.0`` after a whole number,
as Python's ``repr``. Timestamps: ISO 8601 in UTC with ``+00:00`` and microseconds only when
there are some, as ``datetime.isoformat``.
"""

from __future__ import annotations


def _text(key: str, value: str) -> str:
    """``,"key":<value as a JSON string>``, or nothing when the value is NULL."""
    return f"coalesce(',\"{key}\":' || to_json({value})::text, '')"


def _word(key: str, value: str) -> str:
    """``,"key":"<value>"`` for a slug or a word of a closed list, or nothing when NULL."""
    return f"coalesce(',\"{key}\":\"' || {value} || '\"', '')"


def _number(key: str, value: str) -> str:
    """``,"key":<integer>``, or nothing when NULL."""
    return f"coalesce(',\"{key}\":' || {value}::text, '')"


def _list(key: str, items: str) -> str:
    """``,"key":[<items>]``, or nothing when there are none (NULL)."""
    return f"coalesce(',\"{key}\":[' || {items} || ']', '')"


OUTLETS = f"""
SELECT '{{"type":"outlet","slug":"' || slug || '","name":' || to_json(name)::text
       || {_text("website", "website")} || '}}'
FROM outlets ORDER BY slug
"""

SPEAKERS = f"""
WITH aliases AS (
    SELECT speaker_id,
           string_agg('{{"alias":' || to_json(alias)::text || ',"kind":"' || kind || '"}}',
                      ',' ORDER BY id) AS items
    FROM speaker_aliases GROUP BY speaker_id
)
SELECT '{{"type":"speaker","slug":"' || s.slug || '","name":' || to_json(s.name)::text
       || ',"kind":"' || s.kind || '"' || {_text("description", "s.description")}
       || {_word("outlet", "o.slug")} || {_list("aliases", "a.items")} || '}}'
FROM speakers s
LEFT JOIN outlets o ON o.id = s.outlet_id
LEFT JOIN aliases a ON a.speaker_id = s.id
ORDER BY s.slug
"""

QUOTATIONS = f"""
SELECT '{{"type":"quotation","slug":"' || q.slug || '","speaker":"' || s.slug
       || '","text":' || to_json(q.text)::text || {_text("language", "q.language")} || '}}'
FROM quotations q JOIN speakers s ON s.id = q.speaker_id
ORDER BY q.slug
"""

# The article ids in slug order ("C": code point order, as Python compares strings), and
# the relay edges between articles as pairs of article ids, one per attribution taken from
# another article (so a pair can repeat; export_order counts edges, not pairs).
ARTICLE_GRAPH = """
SELECT (SELECT array_agg(id ORDER BY slug COLLATE "C") FROM articles),
       array_agg(up.article_id), array_agg(a.article_id)
FROM attributions a JOIN attributions up ON up.id = a.upstream_id
WHERE up.article_id <> a.article_id
"""

# The attributions of the articles in a circle, with their upstream and its article, as
# four arrays (one row: much cheaper to read than a row per attribution).
CIRCLE_ATTRIBUTIONS = """
SELECT array_agg(a.article_id), array_agg(a.id), array_agg(a.upstream_id),
       array_agg(up.article_id)
FROM attributions a LEFT JOIN attributions up ON up.id = a.upstream_id
WHERE a.article_id = ANY(%(articles)s::bigint[])
"""

# A double as Python's repr() writes it: PostgreSQL's shortest digits, ".0" if whole.
_FLOAT = "CASE WHEN {x}::text ~ '^-?[0-9]+$' THEN {x}::text || '.0' ELSE {x}::text END"

_TIMESTAMP = (
    "to_char({t} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
    "CASE WHEN date_trunc('second', {t}) = {t} THEN '' "
    "ELSE to_char({t} AT TIME ZONE 'UTC', '.US') END || '+00:00'"
)

# The items of the attributions that have markers (or verdicts), one row per attribution.
_MARKERS = f"""
SELECT attribution_id,
       string_agg('{{"kind":"' || kind || '"' || {_text("text", "text")}
                  || {_number("position", "position")} || {_text("note", "note")} || '}}',
                  ',' ORDER BY id) AS items
FROM attribution_markers GROUP BY attribution_id
"""

_VERDICTS = f"""
SELECT attribution_id,
       string_agg('{{"verdict":"' || verdict || '","actor":' || to_json(actor)::text
                  || ',"reason":' || to_json(reason)::text
                  || ',"at":"' || {_TIMESTAMP.format(t="created_at")} || '"}}',
                  ',' ORDER BY created_at, id) AS items
FROM attribution_verdicts GROUP BY attribution_id
"""

ATTRIBUTION = f"""
    '{{"quotation":"' || q.slug || '","kind":"' || a.kind || '"'
    || {_text("text", "a.text")}
    || {_number("start", "a.start_offset")}
    || CASE WHEN a.speaker_id <> q.speaker_id THEN ',"speaker":"' || s.slug || '"' ELSE '' END
    || {_text("speaker_label", "a.speaker_label")}
    || {_text("cue", "a.cue")}
    || coalesce(',"upstream":{{"article":"' || upa.slug || '"'
                || {_number("start", "up.start_offset")} || '}}', '')
    || CASE WHEN a.status <> 'recorded' THEN ',"status":"' || a.status || '"' ELSE '' END
    || CASE WHEN a.anchor_status = 'orphaned' THEN ',"orphaned":true' ELSE '' END
    || coalesce(',"confidence":' || ({_FLOAT.format(x="a.confidence")}), '')
    || {_list("markers", "m.items")}
    || {_list("verdicts", "v.items")}
    || '}}'"""

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

# Article lines go in blocks of BLOCK_LINES consecutive lines, one row per block, the
# block's pieces joined by SEPARATOR (a control character, so never inside JSON text):
# a few hundred rows to copy instead of one per line.
BLOCK_LINES = 256
SEPARATOR = b"\x03"


# Each article line up to its attributions (what follows is ',"attributions":[...]}' or
# '}'), one row per block of lines, in order. Per block: a nested loop over its slice of
# the ordered article ids, each article fetched by its key, so no sort ever holds more
# than one block's bodies (see NESTED_LOOP).
def article_heads(block: int) -> str:
    return f"""
SELECT (
    SELECT string_agg('{{"type":"article","slug":"' || ar.slug || '"' || {_text("url", "ar.url")}
                      || {_word("outlet", "o.slug")} || {_text("title", "ar.title")}
                      || {_word("published_on", "to_char(ar.published_on, 'YYYY-MM-DD')")}
                      || {_text("language", "ar.language")} || {_text("body", "ar.body")}
                      || {_text("cited_as", "ar.cited_as")},
                      E'\\x03' ORDER BY l.line)
    FROM unnest((%(articles)s::bigint[])[b * {block} + 1 : (b + 1) * {block}])
         WITH ORDINALITY AS l(article_id, line)
    JOIN articles ar ON ar.id = l.article_id
    LEFT JOIN outlets o ON o.id = ar.outlet_id
)
FROM generate_series(0, (cardinality(%(articles)s::bigint[]) + {block - 1}) / {block} - 1) AS b
ORDER BY b
"""


ARTICLE_HEADS = article_heads(BLOCK_LINES)

# The planner settings that make ARTICLE_HEADS a nested loop (set before it runs).
NESTED_LOOP = ("enable_hashjoin", "enable_mergejoin")


# The attribution items of the article lines that have some, one row per block of lines
# with at least one: ``<line>\x04<item>`` per attribution, in line order and, inside a
# line, in the order of the article's text (export_stream joins a line's items with
# commas). Each attribution is placed by an inner join with the small side hashed: whole
# articles by their line, split ones by their part. Each item's JSON is built below the
# sort, so parallel workers share that work when there are cores to spare.
def attribution_items(block: int) -> str:
    return f"""
WITH {_LINES},
markers AS ({_MARKERS}),
verdicts AS ({_VERDICTS}),
placed AS (
    SELECT l.line, a.id, a.quotation_id, a.speaker_id, a.upstream_id, a.kind, a.text,
           a.start_offset, a.speaker_label, a.cue, a.status, a.anchor_status, a.confidence
    FROM lines l JOIN attributions a ON a.article_id = l.article_id
    WHERE NOT l.split
    UNION ALL
    SELECT p.line, a.id, a.quotation_id, a.speaker_id, a.upstream_id, a.kind, a.text,
           a.start_offset, a.speaker_label, a.cue, a.status, a.anchor_status, a.confidence
    FROM unnest(%(part_lines)s::bigint[], %(part_ids)s::bigint[]) AS p(line, id)
    JOIN attributions a ON a.id = p.id
),
sorted AS (
    SELECT (a.line - 1) / {block} AS block, a.line, a.start_offset, q.slug, a.id,
           {ATTRIBUTION} AS item
    FROM placed a
    {_ATTRIBUTION_JOINS}
    ORDER BY 1, 2, 3 NULLS LAST, 4, 5
)
SELECT string_agg(line || E'\\x04' || item, E'\\x03'
                  ORDER BY line, start_offset NULLS LAST, slug, id)
FROM sorted
GROUP BY block
ORDER BY block
"""


ATTRIBUTION_ITEMS = attribution_items(BLOCK_LINES)
