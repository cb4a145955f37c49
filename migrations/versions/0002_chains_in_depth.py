# ruff: noqa: RUF001  (the SQL names curly quotation marks on purpose)
"""Chains in depth: article revisions and re-anchoring, hop fidelity, quote similarity,
the analyst's views and a read-only role

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 09:20:00

Migrations never import application code: they must keep working after the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READONLY_ROLE = "provenance_readonly"

# Orphaned attributions (their words are gone from the revised body) may have no span.
CHECK_SPAN = r"""
CREATE OR REPLACE FUNCTION attributions_check_span() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    article_body text;
    found_text text;
BEGIN
    SELECT body INTO article_body FROM articles WHERE id = NEW.article_id;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing article
    END IF;
    IF article_body IS NULL THEN
        IF NEW.start_offset IS NOT NULL THEN
            RAISE EXCEPTION 'attribution span [%, %) given for citation-only article %',
                NEW.start_offset, NEW.end_offset, NEW.article_id
                USING ERRCODE = 'check_violation',
                      HINT = 'A citation-only article has no text: leave start_offset and end_offset empty.';
        END IF;
        NEW.prefix := NULL;
        NEW.suffix := NULL;
        RETURN NEW;
    END IF;
    IF NEW.start_offset IS NULL THEN
        IF NEW.anchor_status = 'orphaned' THEN
            -- The last known prefix and suffix stay, so a person can place it again.
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'attribution in archived article % has no span', NEW.article_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Give start_offset and end_offset of the words in the article body, or mark it orphaned.';
    END IF;
    found_text := substr(article_body, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset);
    IF NEW.end_offset > char_length(article_body) OR found_text IS DISTINCT FROM NEW.text THEN
        RAISE EXCEPTION 'attribution text % does not match article % at [%, %), which reads %',
            quote_literal(NEW.text), NEW.article_id, NEW.start_offset, NEW.end_offset,
            quote_literal(found_text)
            USING ERRCODE = 'check_violation',
                  HINT = 'Offsets count characters from 0 and the end is exclusive.';
    END IF;
    -- The W3C TextQuoteSelector context, kept here so every writer gets it right.
    NEW.prefix := substr(article_body, greatest(NEW.start_offset - 32, 0) + 1,
                         NEW.start_offset - greatest(NEW.start_offset - 32, 0));
    NEW.suffix := substr(article_body, NEW.end_offset + 1, 32);
    IF TG_OP = 'UPDATE' AND NEW.text IS DISTINCT FROM OLD.text AND EXISTS (
        SELECT 1 FROM attribution_markers m
        WHERE m.attribution_id = NEW.id AND m.text IS NOT NULL
          AND substr(NEW.text, m.position + 1, char_length(m.text)) IS DISTINCT FROM m.text
    ) THEN
        RAISE EXCEPTION 'new text of attribution % no longer holds its markers', NEW.id
            USING ERRCODE = 'check_violation',
                  HINT = 'Move or delete the attribution_markers rows first.';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER attributions_check_span ON attributions;
CREATE TRIGGER attributions_check_span
    BEFORE INSERT OR UPDATE OF article_id, text, start_offset, end_offset, prefix, suffix, anchor_status
    ON attributions FOR EACH ROW EXECUTE FUNCTION attributions_check_span();

CREATE OR REPLACE FUNCTION articles_check_spans() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stale bigint;
BEGIN
    IF NEW.body IS NOT DISTINCT FROM OLD.body THEN
        RETURN NULL;
    END IF;
    SELECT a.id INTO stale FROM attributions a
    WHERE a.article_id = NEW.id
      AND a.anchor_status = 'anchored'
      AND CASE WHEN NEW.body IS NULL THEN a.start_offset IS NOT NULL
               ELSE a.start_offset IS NULL
                 OR substr(NEW.body, a.start_offset + 1, a.end_offset - a.start_offset)
                    IS DISTINCT FROM a.text
          END
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the new body of article % no longer holds attribution %', NEW.id, stale
            USING ERRCODE = 'check_violation',
                  HINT = 'Re-anchor the article''s attributions in the same transaction, or mark them orphaned.';
    END IF;
    RETURN NULL;
END
$$;
"""

# The functions as 0001 made them, restored on downgrade.
RESTORE_CHECK_SPAN = r"""
DROP TRIGGER attributions_check_span ON attributions;
CREATE OR REPLACE FUNCTION attributions_check_span() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    article_body text;
    found_text text;
BEGIN
    SELECT body INTO article_body FROM articles WHERE id = NEW.article_id;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing article
    END IF;
    IF article_body IS NULL THEN
        IF NEW.start_offset IS NOT NULL THEN
            RAISE EXCEPTION 'attribution span [%, %) given for citation-only article %',
                NEW.start_offset, NEW.end_offset, NEW.article_id
                USING ERRCODE = 'check_violation',
                      HINT = 'A citation-only article has no text: leave start_offset and end_offset empty.';
        END IF;
        NEW.prefix := NULL;
        NEW.suffix := NULL;
        RETURN NEW;
    END IF;
    IF NEW.start_offset IS NULL THEN
        RAISE EXCEPTION 'attribution in archived article % has no span', NEW.article_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Give start_offset and end_offset of the words in the article body.';
    END IF;
    found_text := substr(article_body, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset);
    IF NEW.end_offset > char_length(article_body) OR found_text IS DISTINCT FROM NEW.text THEN
        RAISE EXCEPTION 'attribution text % does not match article % at [%, %), which reads %',
            quote_literal(NEW.text), NEW.article_id, NEW.start_offset, NEW.end_offset,
            quote_literal(found_text)
            USING ERRCODE = 'check_violation',
                  HINT = 'Offsets count characters from 0 and the end is exclusive.';
    END IF;
    -- The W3C TextQuoteSelector context, kept here so every writer gets it right.
    NEW.prefix := substr(article_body, greatest(NEW.start_offset - 32, 0) + 1,
                         NEW.start_offset - greatest(NEW.start_offset - 32, 0));
    NEW.suffix := substr(article_body, NEW.end_offset + 1, 32);
    IF TG_OP = 'UPDATE' AND NEW.text IS DISTINCT FROM OLD.text AND EXISTS (
        SELECT 1 FROM attribution_markers m
        WHERE m.attribution_id = NEW.id AND m.text IS NOT NULL
          AND substr(NEW.text, m.position + 1, char_length(m.text)) IS DISTINCT FROM m.text
    ) THEN
        RAISE EXCEPTION 'new text of attribution % no longer holds its markers', NEW.id
            USING ERRCODE = 'check_violation',
                  HINT = 'Move or delete the attribution_markers rows first.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER attributions_check_span
    BEFORE INSERT OR UPDATE OF article_id, text, start_offset, end_offset, prefix, suffix
    ON attributions FOR EACH ROW EXECUTE FUNCTION attributions_check_span();

CREATE OR REPLACE FUNCTION articles_check_spans() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stale bigint;
BEGIN
    IF NEW.body IS NOT DISTINCT FROM OLD.body THEN
        RETURN NULL;
    END IF;
    SELECT a.id INTO stale FROM attributions a
    WHERE a.article_id = NEW.id
      AND CASE WHEN NEW.body IS NULL THEN a.start_offset IS NOT NULL
               ELSE a.start_offset IS NULL
                 OR substr(NEW.body, a.start_offset + 1, a.end_offset - a.start_offset)
                    IS DISTINCT FROM a.text
          END
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the new body of article % no longer holds attribution %', NEW.id, stale
            USING ERRCODE = 'check_violation',
                  HINT = 'Re-anchor the article''s attributions in the same transaction.';
    END IF;
    RETURN NULL;
END
$$;
"""

FUNCTIONS = r"""
CREATE FUNCTION normalise_quote(quoted text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(
        regexp_replace(lower(quoted), '[“”„‟«»‹›‘’‚‛"''`\[\]()…]|\.\.\.', ' ', 'g'),
        '\s+', ' ', 'g'))
$$;
COMMENT ON FUNCTION normalise_quote(text) IS
    'Quoted words reduced for comparison: lowercase, quotation marks, brackets and ellipses replaced by spaces, spaces collapsed.';

CREATE FUNCTION quote_tokens(quoted text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(t.m[1] ORDER BY t.n), '{}')
    FROM regexp_matches(quoted, '(\[[^]]*\]|…|\.\.\.|[[:alnum:]’''_-]+)', 'g')
         WITH ORDINALITY AS t(m, n)
$$;
COMMENT ON FUNCTION quote_tokens(text) IS
    'The words of a quotation in order: bracketed insertions and ellipses are single tokens, punctuation is dropped.';

CREATE FUNCTION quote_fidelity(
    upstream_text text, quoted_text text, marker_kinds text[] DEFAULT '{}',
    OUT verdict text, OUT similarity double precision, OUT changes jsonb
) LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    u text[];
    a text[];
    uk text[];
    ak text[];
    n int;
    m int;
    total int;
    w int;
    i int;
    j int;
    same_start int := 0;
    same_end int := 0;
    lcs int[];
    deleted text[] := '{}';
    inserted text[] := '{}';
    seen_equal boolean;
    worst int := 0;  -- 0 none, 1 truncated, 2 elided, 3 inserted, 4 reworded
    this int;
    run_at int;  -- where the current run of differences starts in the upstream words
BEGIN
    IF upstream_text IS NULL OR quoted_text IS NULL THEN
        RETURN;
    END IF;
    IF upstream_text = quoted_text THEN  -- the common case, answered without aligning
        similarity := 1.0;
        changes := '[]'::jsonb;
        verdict := CASE WHEN 'translation' = ANY (marker_kinds) THEN 'translated'
                        WHEN 'truncation' = ANY (marker_kinds) THEN 'truncated'
                        ELSE 'identical' END;
        RETURN;
    END IF;
    u := quote_tokens(upstream_text);
    a := quote_tokens(quoted_text);
    -- Keys for comparison, computed on the joined words (no query per word).
    uk := string_to_array(lower(replace(array_to_string(u, E'\x1f'), '’', '''')), E'\x1f');
    ak := string_to_array(lower(replace(array_to_string(a, E'\x1f'), '’', '''')), E'\x1f');
    n := cardinality(u);
    m := cardinality(a);
    total := n + m;
    -- Most hops change little: only what lies between the common start and end is aligned.
    WHILE same_start < least(n, m) AND uk[same_start + 1] = ak[same_start + 1] LOOP
        same_start := same_start + 1;
    END LOOP;
    WHILE same_end < least(n, m) - same_start AND uk[n - same_end] = ak[m - same_end] LOOP
        same_end := same_end + 1;
    END LOOP;
    seen_equal := same_start > 0;
    u := u[same_start + 1 : n - same_end];
    a := a[same_start + 1 : m - same_end];
    uk := uk[same_start + 1 : n - same_end];
    ak := ak[same_start + 1 : m - same_end];
    n := cardinality(u);
    m := cardinality(a);
    w := m + 1;
    -- lcs[(i-1)*w + j] = length of the longest common subsequence of u[i:] and a[j:].
    lcs := array_fill(0, ARRAY[(n + 1) * w]);
    FOR i IN REVERSE n..1 LOOP
        FOR j IN REVERSE m..1 LOOP
            IF uk[i] = ak[j] THEN
                lcs[(i - 1) * w + j] := lcs[i * w + j + 1] + 1;
            ELSE
                lcs[(i - 1) * w + j] := greatest(lcs[i * w + j], lcs[(i - 1) * w + j + 1]);
            END IF;
        END LOOP;
    END LOOP;
    similarity := CASE WHEN total = 0 THEN 1.0
                       ELSE 2.0 * (same_start + same_end + lcs[1]) / total END;
    changes := '[]'::jsonb;
    i := 1;
    j := 1;
    LOOP
        IF (i > n AND j > m) OR (i <= n AND j <= m AND uk[i] = ak[j]) THEN
            -- A run of differences ends: record it and judge its kind.
            IF cardinality(deleted) > 0 OR cardinality(inserted) > 0 THEN
                changes := changes || jsonb_build_object(
                    'kind', CASE WHEN cardinality(deleted) = 0 THEN 'insert'
                                 WHEN cardinality(inserted) = 0 THEN 'delete'
                                 ELSE 'replace' END,
                    'upstream_text', nullif(array_to_string(deleted, ' '), ''),
                    'text', nullif(array_to_string(inserted, ' '), ''),
                    'position', run_at);
                this := CASE
                    WHEN cardinality(inserted) > 0
                         AND NOT EXISTS (SELECT 1 FROM unnest(inserted) x WHERE x !~ '^\[.*\]$')
                        THEN 3
                    WHEN cardinality(deleted) > 0 AND cardinality(inserted) > 0
                         AND NOT EXISTS (SELECT 1 FROM unnest(inserted) x WHERE x NOT IN ('…', '...'))
                        THEN 2
                    WHEN cardinality(inserted) = 0
                         AND (NOT seen_equal OR (i > n AND j > m AND same_end = 0))
                        THEN 1
                    WHEN cardinality(inserted) = 0 THEN 2
                    ELSE 4 END;
                worst := greatest(worst, this);
                deleted := '{}';
                inserted := '{}';
            END IF;
            EXIT WHEN i > n AND j > m;
            seen_equal := true;
            i := i + 1;
            j := j + 1;
        ELSIF j <= m AND (i > n OR lcs[(i - 1) * w + j + 1] >= lcs[i * w + j]) THEN
            IF cardinality(deleted) = 0 AND cardinality(inserted) = 0 THEN
                run_at := same_start + i - 1;
            END IF;
            inserted := inserted || a[j];
            j := j + 1;
        ELSE
            IF cardinality(deleted) = 0 AND cardinality(inserted) = 0 THEN
                run_at := same_start + i - 1;
            END IF;
            deleted := deleted || u[i];
            i := i + 1;
        END IF;
    END LOOP;
    verdict := CASE
        WHEN 'translation' = ANY (marker_kinds) THEN 'translated'
        WHEN worst = 4 THEN 'reworded'
        WHEN worst = 3 THEN 'inserted'
        WHEN worst = 2 THEN 'elided'
        WHEN worst = 1 OR 'truncation' = ANY (marker_kinds) THEN 'truncated'
        ELSE 'identical' END;
END
$$;
COMMENT ON FUNCTION quote_fidelity(text, text, text[]) IS
    'Compares quoted words with the words they were taken from, word by word (case and punctuation ignored): verdict (identical, truncated, elided, inserted, reworded, translated), similarity (2 x common words / all words, 0 to 1) and the changes as a JSON list of {kind: insert/delete/replace, upstream_text, text, position (index of the first upstream word concerned, from 0)}. marker_kinds are the kinds of the attribution''s markers; a translation marker makes the verdict translated.';

CREATE FUNCTION outlet_relays_between(from_date date, to_date date)
RETURNS TABLE (
    source_outlet_id bigint, source_outlet text, relay_outlet_id bigint, relay_outlet text,
    quotations bigint, relays bigint, median_lag_days double precision,
    first_relayed_on date, last_relayed_on date
) LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH first AS (
        SELECT DISTINCT ON (a.quotation_id)
               a.quotation_id, a.id AS attribution_id, ar.id AS article_id, ar.outlet_id,
               ar.published_on
        FROM attributions a JOIN articles ar ON ar.id = a.article_id
        WHERE a.upstream_id IS NULL
        ORDER BY a.quotation_id, ar.published_on NULLS LAST, a.id
    ), relayed AS (
        SELECT f.outlet_id AS source_outlet_id, ar.outlet_id AS relay_outlet_id,
               a.quotation_id, ar.published_on, ar.published_on - f.published_on AS lag
        FROM first f
        JOIN attributions a ON a.quotation_id = f.quotation_id AND a.id <> f.attribution_id
        JOIN articles ar ON ar.id = a.article_id
        WHERE ar.id <> f.article_id
          AND (f.outlet_id IS NULL OR ar.outlet_id IS NULL OR f.outlet_id <> ar.outlet_id)
          AND (from_date IS NULL OR ar.published_on >= from_date)
          AND (to_date IS NULL OR ar.published_on <= to_date)
    )
    SELECT r.source_outlet_id, so.name, r.relay_outlet_id, ro.name,
           count(DISTINCT r.quotation_id), count(*),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY r.lag),
           min(r.published_on), max(r.published_on)
    FROM relayed r
    LEFT JOIN outlets so ON so.id = r.source_outlet_id
    LEFT JOIN outlets ro ON ro.id = r.relay_outlet_id
    GROUP BY r.source_outlet_id, so.name, r.relay_outlet_id, ro.name
$$;
COMMENT ON FUNCTION outlet_relays_between(date, date) IS
    'Outlet relays for a period: for each pair (outlet of a quotation''s first appearance, another outlet that printed it), how many quotations and appearances, and the median lag in days. Bounds apply to the relaying article''s date; NULL bounds are open (and keep undated articles).';
"""

DROP_FUNCTIONS = """
DROP FUNCTION outlet_relays_between(date, date);
DROP FUNCTION quote_fidelity(text, text, text[]);
DROP FUNCTION quote_tokens(text);
DROP FUNCTION normalise_quote(text);
"""

VIEWS = r"""
CREATE VIEW attribution_fidelity AS
SELECT a.id AS attribution_id,
       a.upstream_id,
       CASE WHEN a.text IS NULL THEN NULL
            WHEN up.text IS NOT NULL THEN 'upstream' ELSE 'quotation' END AS compared_with,
       coalesce(up.text, q.text) AS upstream_text,
       a.text,
       f.verdict,
       f.similarity,
       f.changes
FROM attributions a
JOIN quotations q ON q.id = a.quotation_id
LEFT JOIN attributions up ON up.id = a.upstream_id
CROSS JOIN LATERAL quote_fidelity(
    coalesce(up.text, q.text), a.text,
    ARRAY(SELECT m.kind FROM attribution_markers m WHERE m.attribution_id = a.id)) f;

CREATE VIEW attribution_hops AS
SELECT q.id AS quotation_id, q.slug AS quotation_slug, 0 AS hop, 'SPEAKER' AS role,
       NULL::bigint AS attribution_id, NULL::bigint AS upstream_id,
       NULL::bigint AS first_attribution_id,
       s.id AS speaker_id, s.name AS speaker_name, NULL::text AS speaker_label,
       NULL::bigint AS outlet_id, NULL::text AS outlet_name,
       NULL::bigint AS article_id, NULL::text AS article_slug,
       NULL::date AS published_on, NULL::date AS upstream_published_on, NULL::int AS lag_days,
       NULL::text AS kind, NULL::text AS cue, q.text AS text,
       NULL::text AS verdict, NULL::double precision AS similarity, NULL::jsonb AS changes,
       NULL::text AS anchor_status
FROM quotations q JOIN speakers s ON s.id = q.speaker_id
UNION ALL
SELECT q.id, q.slug, w.hop, CASE WHEN w.hop = 1 THEN 'REPORTER' ELSE 'RELAY' END,
       a.id, a.upstream_id, w.first_attribution_id,
       s.id, s.name, a.speaker_label,
       o.id, o.name, ar.id, ar.slug,
       ar.published_on, upar.published_on, ar.published_on - upar.published_on,
       a.kind, a.cue, a.text,
       f.verdict, f.similarity, f.changes,
       a.anchor_status
FROM quotations q
-- One walk per quotation, so that a filter on quotation_id reaches the walk (a recursive
-- query over all chains cannot be filtered before it runs).
CROSS JOIN LATERAL (
    WITH RECURSIVE walk AS (
        SELECT a.id, 1 AS hop, ARRAY[a.id] AS path, a.id AS first_attribution_id
        FROM attributions a
        WHERE a.quotation_id = q.id AND a.upstream_id IS NULL
        UNION ALL
        SELECT c.id, w.hop + 1, w.path || c.id, w.first_attribution_id
        FROM walk w
        JOIN attributions c ON c.upstream_id = w.id
        WHERE c.id <> ALL (w.path) AND w.hop < 64  -- cycle guard and depth cap
    )
    SELECT * FROM walk
) w
JOIN attributions a ON a.id = w.id
JOIN speakers s ON s.id = a.speaker_id
JOIN articles ar ON ar.id = a.article_id
LEFT JOIN outlets o ON o.id = ar.outlet_id
LEFT JOIN attributions up ON up.id = a.upstream_id
LEFT JOIN articles upar ON upar.id = up.article_id
-- The same comparison as attribution_fidelity, computed only for the rows asked for.
CROSS JOIN LATERAL quote_fidelity(
    coalesce(up.text, q.text), a.text,
    ARRAY(SELECT m.kind FROM attribution_markers m WHERE m.attribution_id = a.id)) f;

CREATE VIEW quotation_overview AS
SELECT q.id AS quotation_id, q.slug AS quotation_slug, s.id AS speaker_id,
       s.name AS speaker_name, q.text,
       (SELECT count(*) FROM attributions a WHERE a.quotation_id = q.id) AS appearances,
       (SELECT count(DISTINCT a.article_id) FROM attributions a WHERE a.quotation_id = q.id)
           AS articles,
       (SELECT count(DISTINCT ar.outlet_id) FROM attributions a
        JOIN articles ar ON ar.id = a.article_id WHERE a.quotation_id = q.id) AS outlets,
       fa.attribution_id AS first_attribution_id, fa.article_slug AS first_article_slug,
       fa.outlet_name AS first_outlet_name, fa.published_on AS first_published_on,
       (SELECT max(ar.published_on) FROM attributions a
        JOIN articles ar ON ar.id = a.article_id WHERE a.quotation_id = q.id) AS last_published_on,
       hops.longest_chain,
       hops.altered_hops,
       (SELECT count(*) FROM attributions a
        WHERE a.quotation_id = q.id AND a.anchor_status = 'orphaned') AS orphaned
FROM quotations q
JOIN speakers s ON s.id = q.speaker_id
LEFT JOIN LATERAL (
    SELECT a.id AS attribution_id, ar.slug AS article_slug, o.name AS outlet_name,
           ar.published_on
    FROM attributions a
    JOIN articles ar ON ar.id = a.article_id
    LEFT JOIN outlets o ON o.id = ar.outlet_id
    WHERE a.quotation_id = q.id AND a.upstream_id IS NULL
    ORDER BY ar.published_on NULLS LAST, a.id
    LIMIT 1
) fa ON true
CROSS JOIN LATERAL (
    SELECT max(h.hop) AS longest_chain,
           count(*) FILTER (WHERE h.verdict <> 'identical') AS altered_hops
    FROM attribution_hops h WHERE h.quotation_id = q.id
) hops;

CREATE VIEW outlet_relays AS
SELECT * FROM outlet_relays_between(NULL, NULL);
"""

VIEW_COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "attribution_fidelity": (
        "How faithful each attribution is to the words it was taken from: its upstream's "
        "text, or the quotation's canonical text when the upstream has no archived text "
        "(or there is none). Computed on read by quote_fidelity().",
        {
            "attribution_id": "The attribution judged.",
            "upstream_id": "The attribution it was taken from; NULL for a first report.",
            "compared_with": "upstream (the upstream's printed words) or quotation (the "
            "canonical text); NULL when the attribution has no text.",
            "upstream_text": "The words compared against.",
            "text": "The attribution's words as printed.",
            "verdict": "identical, truncated, elided, inserted (bracketed insertion), "
            "reworded or translated; NULL when the attribution has no text.",
            "similarity": "2 x words in common / all words of both texts, 0 to 1.",
            "changes": "Word-level differences: JSON list of {kind: insert/delete/replace, "
            "upstream_text, text, position (first upstream word concerned, from 0)}.",
        },
    ),
    "attribution_hops": (
        "One row per hop of every chain of attribution: the SPEAKER (hop 0), the REPORTER "
        "who first printed it (hop 1) and each RELAY that took it from the hop before "
        "(hop 2 and on), with dates, lag and fidelity.",
        {
            "quotation_id": "The quotation travelling along the chain.",
            "quotation_slug": "Its slug.",
            "hop": "0 for the speaker, 1 for the first report, then one more per relay.",
            "role": "SPEAKER, REPORTER or RELAY.",
            "attribution_id": "The appearance at this hop; NULL on the SPEAKER row.",
            "upstream_id": "The appearance it was taken from; NULL for REPORTER and SPEAKER.",
            "first_attribution_id": "The REPORTER appearance at the root of this chain.",
            "speaker_id": "The speaker (on the SPEAKER row) or the speaker the article "
            "names for the words.",
            "speaker_name": "That speaker's display name.",
            "speaker_label": "How the article names the speaker.",
            "outlet_id": "Outlet of the article at this hop; NULL when unknown.",
            "outlet_name": "Its name.",
            "article_id": "Article at this hop.",
            "article_slug": "Its slug.",
            "published_on": "Publication date of the article, when known.",
            "upstream_published_on": "Publication date of the upstream article, when known.",
            "lag_days": "Days between the upstream article and this one, when both are dated.",
            "kind": "direct, partial or indirect.",
            "cue": "The words that introduce the quotation.",
            "text": "The words at this hop (the canonical text on the SPEAKER row).",
            "verdict": "Fidelity verdict against the hop before (see attribution_fidelity).",
            "similarity": "Fidelity similarity, 0 to 1.",
            "changes": "Word-level changes against the hop before, as JSON.",
            "anchor_status": "anchored or orphaned (words no longer found in the article).",
        },
    ),
    "quotation_overview": (
        "One row per quotation: how widely it travelled, where it first appeared, how long "
        "its longest chain is and how many hops altered it.",
        {
            "quotation_id": "The quotation.",
            "quotation_slug": "Its slug.",
            "speaker_id": "Who said it.",
            "speaker_name": "The speaker's display name.",
            "text": "The canonical text.",
            "appearances": "Number of attributions.",
            "articles": "Number of distinct articles it appears in.",
            "outlets": "Number of distinct known outlets that printed it.",
            "first_attribution_id": "Its first appearance: among appearances with no "
            "upstream, the earliest dated (undated last), then the lowest id.",
            "first_article_slug": "Article of the first appearance.",
            "first_outlet_name": "Outlet of the first appearance, when known.",
            "first_published_on": "Date of the first appearance, when known.",
            "last_published_on": "Date of the latest dated appearance.",
            "longest_chain": "Highest hop number in attribution_hops (1 = only first reports).",
            "altered_hops": "Hops whose fidelity verdict is not identical.",
            "orphaned": "Appearances whose words are gone from their revised article.",
        },
    ),
    "outlet_relays": (
        "Which outlets relay quotations first published by which others, over all time: "
        "outlet_relays_between(NULL, NULL). Call that function for a period.",
        {
            "source_outlet_id": "Outlet of the quotations' first appearance; NULL if unknown.",
            "source_outlet": "Its name.",
            "relay_outlet_id": "Outlet that printed them later; NULL if unknown.",
            "relay_outlet": "Its name.",
            "quotations": "Distinct quotations relayed.",
            "relays": "Appearances relayed.",
            "median_lag_days": "Median days from first appearance to relay (dated pairs only).",
            "first_relayed_on": "Earliest dated relay.",
            "last_relayed_on": "Latest dated relay.",
        },
    ),
}

ROLE_UP = f"""
DO $$
DECLARE
    may_create boolean := (SELECT rolcreaterole OR rolsuper FROM pg_roles
                           WHERE rolname = current_user);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READONLY_ROLE}') THEN
        IF NOT may_create THEN
            RAISE EXCEPTION 'role {READONLY_ROLE} is missing and % may not create roles',
                current_user
                USING HINT = 'Ask an administrator to run CREATE ROLE {READONLY_ROLE} NOLOGIN, '
                             'then migrate again.';
        END IF;
        CREATE ROLE {READONLY_ROLE} NOLOGIN;
    END IF;
    IF may_create THEN  -- commenting on a role needs the same right
        COMMENT ON ROLE {READONLY_ROLE} IS
            'Analysts: may read every table, view and function of the provenance schema and write nothing. Grant it to a login role.';
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO {READONLY_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READONLY_ROLE};
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {READONLY_ROLE};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {READONLY_ROLE};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO {READONLY_ROLE};
"""

# Roles are cluster-wide: other databases may still use it, in which case it stays.
ROLE_DOWN = f"""
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON SEQUENCES FROM {READONLY_ROLE};
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM {READONLY_ROLE};
REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public FROM {READONLY_ROLE};
REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM {READONLY_ROLE};
REVOKE USAGE ON SCHEMA public FROM {READONLY_ROLE};
DO $$
BEGIN
    DROP ROLE {READONLY_ROLE};
EXCEPTION
    WHEN dependent_objects_still_exist THEN
        RAISE NOTICE 'role {READONLY_ROLE} is still used by another database: kept';
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'role {READONLY_ROLE} kept: % may not drop roles', current_user;
END
$$;
"""


def _comment(sql_object: str, text: str) -> str:
    return f"COMMENT ON {sql_object} IS '" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.add_column(
        "attributions",
        sa.Column(
            "anchor_status",
            sa.Text(),
            server_default="anchored",
            nullable=False,
            comment="anchored, or orphaned when a revision of the article removed the words "
            "and no place for them could be found with confidence (then the span is NULL and "
            "prefix and suffix keep the last known context). Citation-only appearances count "
            "as anchored.",
        ),
    )
    op.create_check_constraint(
        op.f("ck_attributions_anchor_status_known"),
        "attributions",
        "anchor_status IN ('anchored', 'orphaned')",
    )
    op.create_check_constraint(
        op.f("ck_attributions_orphan_has_no_span"),
        "attributions",
        "anchor_status = 'anchored' OR start_offset IS NULL",
    )
    # Orphans of one quotation in one article all have a NULL span: only anchored
    # appearances need a place of their own.
    op.drop_constraint("uq_attributions_article_quotation_start", "attributions", type_="unique")
    op.create_index(
        "uq_attributions_article_quotation_start",
        "attributions",
        ["article_id", "quotation_id", "start_offset"],
        unique=True,
        postgresql_nulls_not_distinct=True,
        postgresql_where=sa.text("anchor_status = 'anchored'"),
    )
    op.create_table(
        "article_revisions",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "article_id",
            sa.BigInteger(),
            nullable=False,
            comment="The article whose earlier text this is.",
        ),
        sa.Column(
            "revision",
            sa.Integer(),
            nullable=False,
            comment="1 for the first archived text, then one more per revision; the current "
            "text is articles.body.",
        ),
        sa.Column(
            "body", sa.Text(), nullable=False, comment="The article text as it was archived."
        ),
        sa.Column(
            "replaced_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When a newer text replaced this one.",
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_article_revisions_revision_positive")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_revisions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_revisions")),
        sa.UniqueConstraint(
            "article_id", "revision", name=op.f("uq_article_revisions_article_id_revision")
        ),
        comment="Earlier archived texts of articles, kept when a body is revised; articles.body "
        "holds the current one. Attributions are re-anchored into each new text.",
    )
    op.create_table(
        "attribution_reanchorings",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key.",
        ),
        sa.Column(
            "revision_id",
            sa.BigInteger(),
            nullable=False,
            comment="The article revision whose replacement caused this re-anchoring.",
        ),
        sa.Column(
            "attribution_id",
            sa.BigInteger(),
            nullable=False,
            comment="The attribution placed again.",
        ),
        sa.Column(
            "method",
            sa.Text(),
            nullable=False,
            comment="exact (the same words found), fuzzy (similar words in a matching "
            "context) or orphaned (no place found with confidence).",
        ),
        sa.Column(
            "confidence",
            sa.Float(),
            nullable=False,
            comment="How sure the placement is, 0 to 1 (the best candidate's score when orphaned).",
        ),
        sa.Column("old_start", sa.Integer(), nullable=True, comment="Span start in the old text."),
        sa.Column("old_end", sa.Integer(), nullable=True, comment="Span end in the old text."),
        sa.Column("new_start", sa.Integer(), nullable=True, comment="Span start in the new text."),
        sa.Column("new_end", sa.Integer(), nullable=True, comment="Span end in the new text."),
        sa.Column("old_text", sa.Text(), nullable=True, comment="The attribution's words before."),
        sa.Column(
            "new_text",
            sa.Text(),
            nullable=True,
            comment="The words at the new place (differs from old_text after a fuzzy match).",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was recorded.",
        ),
        sa.CheckConstraint(
            "method IN ('exact', 'fuzzy', 'orphaned')",
            name=op.f("ck_attribution_reanchorings_method_known"),
        ),
        sa.CheckConstraint(
            "confidence BETWEEN 0 AND 1",
            name=op.f("ck_attribution_reanchorings_confidence_is_probability"),
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["article_revisions.id"],
            name=op.f("fk_attribution_reanchorings_revision_id_article_revisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_attribution_reanchorings_attribution_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_reanchorings")),
        comment="What happened to each attribution when its article's text was revised: "
        "where it was, where it went and how sure that is.",
    )
    op.create_index(
        op.f("ix_attribution_reanchorings_attribution_id"),
        "attribution_reanchorings",
        ["attribution_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_attribution_reanchorings_revision_id"),
        "attribution_reanchorings",
        ["revision_id"],
        unique=False,
    )
    op.execute(CHECK_SPAN)
    op.execute(FUNCTIONS)
    op.add_column(
        "attributions",
        sa.Column(
            "normalised_text",
            sa.Text(),
            sa.Computed("normalise_quote(text)", persisted=True),
            nullable=True,
            comment="text reduced for similarity search (lowercase, no quotation marks, brackets "
            "or ellipses): normalise_quote(text), maintained by PostgreSQL.",
        ),
    )
    op.create_index(
        "ix_attributions_normalised_text_trgm",
        "attributions",
        ["normalised_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"normalised_text": "gin_trgm_ops"},
    )
    op.add_column(
        "quotations",
        sa.Column(
            "normalised_text",
            sa.Text(),
            sa.Computed("normalise_quote(text)", persisted=True),
            nullable=True,
            comment="text reduced for similarity search (lowercase, no quotation marks, brackets "
            "or ellipses): normalise_quote(text), maintained by PostgreSQL.",
        ),
    )
    op.create_index(
        "ix_quotations_normalised_text_trgm",
        "quotations",
        ["normalised_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"normalised_text": "gin_trgm_ops"},
    )
    op.execute(VIEWS)
    for view, (table_comment, columns) in VIEW_COMMENTS.items():
        op.execute(_comment(f"VIEW {view}", table_comment))
        for column, column_comment in columns.items():
            op.execute(_comment(f"COLUMN {view}.{column}", column_comment))
    op.execute(ROLE_UP)


def downgrade() -> None:
    op.execute(ROLE_DOWN)
    op.execute(
        "DROP VIEW outlet_relays; DROP VIEW quotation_overview; DROP VIEW attribution_hops; "
        "DROP VIEW attribution_fidelity;"
    )
    op.drop_index("ix_quotations_normalised_text_trgm", table_name="quotations")
    op.drop_index("ix_attributions_normalised_text_trgm", table_name="attributions")
    op.drop_column("quotations", "normalised_text")
    op.drop_column("attributions", "normalised_text")
    op.execute(DROP_FUNCTIONS)
    op.execute(RESTORE_CHECK_SPAN)
    op.drop_index(
        op.f("ix_attribution_reanchorings_revision_id"), table_name="attribution_reanchorings"
    )
    op.drop_index(
        op.f("ix_attribution_reanchorings_attribution_id"), table_name="attribution_reanchorings"
    )
    op.drop_table("attribution_reanchorings")
    op.drop_table("article_revisions")
    op.drop_index("uq_attributions_article_quotation_start", table_name="attributions")
    op.create_unique_constraint(
        "uq_attributions_article_quotation_start",
        "attributions",
        ["article_id", "quotation_id", "start_offset"],
        postgresql_nulls_not_distinct=True,
    )
    op.drop_constraint(op.f("ck_attributions_orphan_has_no_span"), "attributions", type_="check")
    op.drop_constraint(op.f("ck_attributions_anchor_status_known"), "attributions", type_="check")
    op.drop_column("attributions", "anchor_status")
