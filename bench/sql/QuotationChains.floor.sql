-- Search, then each match's first 50 appearances with article, outlet, markers and chain.
-- The search is QuotationSearch's (search.ctes.sql).
WITH RECURSIVE
-- @include search.ctes.sql
,
shown AS (
    SELECT a.* FROM page p, LATERAL (
        SELECT * FROM attributions a WHERE a.quotation_id = p.id ORDER BY a.id LIMIT 51) a
),
walk(origin, id, upstream_id, depth) AS (
    SELECT id, id, upstream_id, 0 FROM shown
  UNION ALL
    SELECT w.origin, a.id, a.upstream_id, w.depth + 1
    FROM walk w JOIN attributions a ON a.id = w.upstream_id WHERE w.depth < 64
),
chains AS (
    SELECT w.origin, json_agg(json_build_object(
               'cue', a.cue, 'name', coalesce(o.name, r.title, r.slug),
               'speaker', json_build_object('id', s.id, 'name', s.name),
               'outlet', json_build_object('id', o.id, 'name', o.name),
               'article', json_build_object('id', r.id, 'publishedAt', r.published_on))
               ORDER BY w.depth DESC) AS hops
    FROM walk w JOIN attributions a ON a.id = w.id
    JOIN speakers s ON s.id = a.speaker_id
    JOIN articles r ON r.id = a.article_id
    LEFT JOIN outlets o ON o.id = r.outlet_id
    GROUP BY w.origin
)
SELECT json_build_object(
    'totalCount', (SELECT CASE WHEN own + printed > 0 THEN least(own + printed, 1000)
                               WHEN terms > 0 THEN (SELECT least(count(*), 1000) FROM near)
                               ELSE 0 END FROM found),
    'edges', (SELECT json_agg(json_build_object(
        'id', q.id, 'text', q.text,
        'speaker', json_build_object('id', s.id, 'name', s.name, 'kind', s.kind),
        'attributions', json_build_object(
            'totalCount', (SELECT count(*) FROM attributions c WHERE c.quotation_id = q.id),
            'edges', (SELECT json_agg(json_build_object(
                'id', a.id, 'text', a.text, 'kind', a.kind, 'cue', a.cue,
                'markers', (SELECT json_agg(DISTINCT m.kind) FROM attribution_markers m
                            WHERE m.attribution_id = a.id),
                'article', json_build_object('id', r.id, 'title', r.title,
                    'publishedAt', r.published_on, 'url', r.url,
                    'outlet', json_build_object('id', o.id, 'name', o.name)),
                'upstream', a.upstream_id,
                'chain', jsonb_build_array(jsonb_build_object('speaker', s.id)) || ch.hops::jsonb)
                ORDER BY a.id)
                FROM shown a JOIN articles r ON r.id = a.article_id
                LEFT JOIN outlets o ON o.id = r.outlet_id
                LEFT JOIN chains ch ON ch.origin = a.id
                WHERE a.quotation_id = q.id)))
        ORDER BY p.score DESC, q.id DESC)
        FROM page p JOIN quotations q ON q.id = p.id JOIN speakers s ON s.id = q.speaker_id))
