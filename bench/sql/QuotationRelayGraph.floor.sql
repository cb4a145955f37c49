-- A quotation's relay graph in one statement: nodes with depth, lag and article, edges with
-- the fidelity of each hop, and the first appearance.
WITH RECURSIVE q AS (SELECT * FROM quotations WHERE slug = %(slug)s),
walk(id, depth, path) AS (
    SELECT a.id, 0, ARRAY[a.id] FROM attributions a, q
    WHERE a.quotation_id = q.id AND a.upstream_id IS NULL
  UNION ALL
    SELECT c.id, w.depth + 1, w.path || c.id
    FROM walk w JOIN attributions c ON c.upstream_id = w.id
    WHERE w.depth < 64 AND c.id <> ALL (w.path)
),
nodes AS (
    SELECT a.*, w.depth, r.slug AS article_slug, r.published_on, o.name AS outlet_name,
           r.published_on - ur.published_on AS lag_days
    FROM attributions a
    JOIN q ON a.quotation_id = q.id
    LEFT JOIN walk w ON w.id = a.id
    JOIN articles r ON r.id = a.article_id
    LEFT JOIN outlets o ON o.id = r.outlet_id
    LEFT JOIN attributions up ON up.id = a.upstream_id
    LEFT JOIN articles ur ON ur.id = up.article_id
),
first AS (
    SELECT id FROM nodes WHERE upstream_id IS NULL
    ORDER BY published_on NULLS LAST, id LIMIT 1
)
SELECT json_build_object(
    'id', q.id, 'text', q.text,
    'speaker', json_build_object('id', s.id, 'name', s.name),
    'firstAppearance', (SELECT json_build_object('id', n.id, 'article', json_build_object(
        'slug', n.article_slug, 'publishedAt', n.published_on,
        'outlet', json_build_object('name', n.outlet_name)))
        FROM nodes n JOIN first f ON f.id = n.id),
    'relayGraph', json_build_object(
        'maxDepth', (SELECT max(depth) FROM nodes),
        'nodes', (SELECT json_agg(json_build_object(
            'depth', n.depth, 'lagDays', n.lag_days, 'publishedOn', n.published_on,
            'firstAppearance', n.id = (SELECT id FROM first),
            'attribution', json_build_object('id', n.id, 'text', n.text, 'kind', n.kind,
                'cue', n.cue, 'article', json_build_object('slug', n.article_slug,
                    'outlet', json_build_object('name', n.outlet_name))))
            ORDER BY n.depth NULLS LAST, n.published_on NULLS LAST, n.id) FROM nodes n),
        'edges', (SELECT json_agg(json_build_object(
            'lagDays', n.lag_days, 'upstream', json_build_object('id', n.upstream_id),
            'attribution', json_build_object('id', n.id),
            'fidelity', CASE WHEN f.verdict IS NULL THEN NULL ELSE json_build_object(
                'verdict', f.verdict, 'similarity', f.similarity, 'changes', f.changes) END)
            ORDER BY n.id)
            FROM nodes n LEFT JOIN attribution_fidelity f ON f.attribution_id = n.id
            WHERE n.upstream_id IS NOT NULL)))
FROM q JOIN speakers s ON s.id = q.speaker_id
