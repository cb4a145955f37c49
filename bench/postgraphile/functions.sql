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
    WITH words AS (
        SELECT q.id, 0.6 + ts_rank(q.search_vector, t) AS score
        FROM public.quotations q, websearch_to_tsquery('english', search) t
        WHERE q.search_vector @@ t
      UNION ALL
        SELECT a.quotation_id, 0.6
        FROM public.attributions a, websearch_to_tsquery('english', search) t
        WHERE to_tsvector('english'::regconfig, a.text) @@ t
    )
    SELECT q.* FROM (
        SELECT id, max(score) AS score FROM (
            SELECT * FROM words
          UNION ALL
            SELECT id, word_similarity(search, text) FROM public.quotations
            WHERE search <% text AND NOT EXISTS (SELECT FROM words)
              AND numnode(websearch_to_tsquery('english', search)) > 0
          UNION ALL
            SELECT quotation_id, word_similarity(search, text) FROM public.attributions
            WHERE search <% text AND NOT EXISTS (SELECT FROM words)
              AND numnode(websearch_to_tsquery('english', search)) > 0
        ) candidates GROUP BY id
    ) m JOIN public.quotations q ON q.id = m.id
    ORDER BY m.score DESC, q.id
$$;
COMMENT ON FUNCTION bench_postgraphile.search_quotations(text) IS
    'Quotations matching the words, best first, as the provenance API searches.';
