-- The chain of one attribution in one statement: walk upstream, then name each hop.
WITH RECURSIVE walk(id, upstream_id, depth) AS (
    SELECT id, upstream_id, 0 FROM attributions WHERE id = %(row_id)s
  UNION ALL
    SELECT a.id, a.upstream_id, w.depth + 1
    FROM walk w JOIN attributions a ON a.id = w.upstream_id
    WHERE w.depth < 64
)
SELECT json_build_object(
    'speaker', (SELECT json_build_object('id', s.id, 'name', s.name, 'outlet_id', s.outlet_id)
                FROM attributions a JOIN quotations q ON q.id = a.quotation_id
                JOIN speakers s ON s.id = q.speaker_id WHERE a.id = %(row_id)s),
    'hops', (SELECT json_agg(json_build_object(
                 'cue', a.cue, 'publishedAt', r.published_on,
                 'name', coalesce(o.name, r.title, r.slug),
                 'speaker', json_build_object('id', s.id, 'name', s.name),
                 'outlet', json_build_object('id', o.id, 'name', o.name),
                 'article', json_build_object('id', r.id, 'publishedAt', r.published_on))
                 ORDER BY w.depth DESC)
             FROM walk w JOIN attributions a ON a.id = w.id
             JOIN speakers s ON s.id = a.speaker_id
             JOIN articles r ON r.id = a.article_id
             LEFT JOIN outlets o ON o.id = r.outlet_id))
