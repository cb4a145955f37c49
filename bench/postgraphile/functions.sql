-- Installed by `provenance bench run` in the benchmark database only (not a migration):
-- root query fields that let PostGraphile answer the chain and search questions the
-- provenance API answers, with the same SQL the API's services use.
CREATE SCHEMA IF NOT EXISTS bench_postgraphile;
COMMENT ON SCHEMA bench_postgraphile IS
    'Benchmark only: functions PostGraphile exposes to match the provenance API.';

CREATE OR REPLACE FUNCTION bench_postgraphile.attribution_chain(attribution_id bigint)
RETURNS SETOF public.attributions LANGUAGE sql STABLE AS $$
    WITH RECURSIVE walk(id, upstream_id, depth) AS (
        SELECT id, upstream_id, 0 FROM public.attributions WHERE id = attribution_id
      UNION ALL
        SELECT a.id, a.upstream_id, w.depth + 1
        FROM walk w JOIN public.attributions a ON a.id = w.upstream_id
        WHERE w.depth < 64
    )
    SELECT a.* FROM walk w JOIN public.attributions a ON a.id = w.id ORDER BY w.depth DESC
$$;
COMMENT ON FUNCTION bench_postgraphile.attribution_chain(bigint) IS
    'The appearances from the first report down to this one.';

CREATE OR REPLACE FUNCTION bench_postgraphile.search_quotations(search text)
RETURNS SETOF public.quotations LANGUAGE sql STABLE AS $$
    -- The matches the API pages through (provenance/services/quotation_search.py), in its
    -- order, stopping at 1,000 as its totalCount does.
    WITH own AS MATERIALIZED (
        SELECT q.id, q.search_vector FROM public.quotations q
        WHERE q.search_vector @@ websearch_to_tsquery('english', search)
        LIMIT 1001
    ),
    printed AS MATERIALIZED (
        SELECT p.quotation_id AS id FROM public.quotation_printed_words p
        JOIN public.quotations q ON q.id = p.quotation_id
        WHERE p.words @@ replace(strip(to_tsvector('english', search))::text, ''' ''', ''' | ''')::tsquery
          AND (q.search_vector || p.words) @@ websearch_to_tsquery('english', search)
          AND NOT q.search_vector @@ websearch_to_tsquery('english', search)
        LIMIT 1001
    ),
    found AS MATERIALIZED (
        SELECT (SELECT count(*) FROM own) AS own, (SELECT count(*) FROM printed) AS printed,
               numnode(websearch_to_tsquery('english', search)) AS terms
    ),
    near AS MATERIALIZED (
        SELECT c.id, max(c.score)::float8 AS score FROM (
            SELECT id, word_similarity(search, text) AS score FROM public.quotations
            WHERE search <% text
          UNION ALL
            SELECT quotation_id, word_similarity(search, text)
            FROM public.quotation_printed_wordings
            WHERE search <% text
        ) c GROUP BY c.id
    ),
    matches AS (
        SELECT id, 0.6 + ts_rank(search_vector, websearch_to_tsquery('english', search))
            AS score
        FROM own WHERE (SELECT own FROM found) <= 1000
      UNION ALL
        (SELECT q.id, 0.6::float8 FROM public.quotations q
         WHERE (SELECT own FROM found) > 1000
           AND q.search_vector @@ websearch_to_tsquery('english', search)
         ORDER BY q.id DESC LIMIT 1000)
      UNION ALL
        (SELECT id, 0.6::float8 FROM printed ORDER BY id DESC LIMIT 1000)
      UNION ALL
        SELECT id, score FROM near WHERE (SELECT own + printed = 0 AND terms > 0 FROM found)
    )
    SELECT q.* FROM (SELECT id, score FROM matches ORDER BY score DESC, id DESC LIMIT 1000) m
    JOIN public.quotations q ON q.id = m.id
    ORDER BY m.score DESC, q.id DESC
$$;
COMMENT ON FUNCTION bench_postgraphile.search_quotations(text) IS
    'Quotations matching the words, best first, as the provenance API searches (at most 1,000).';
