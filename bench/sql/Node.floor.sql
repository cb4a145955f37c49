-- One object by global id ("Type:id" in base64): the row and what the operation shows.
WITH target AS (
    SELECT split_part(g, ':', 1) AS type, split_part(g, ':', 2)::bigint AS id
    FROM convert_from(decode(%(id)s, 'base64'), 'UTF8') g
)
SELECT CASE t.type
    WHEN 'Quotation' THEN (SELECT json_build_object('text', q.text, 'speaker', s.name)
                           FROM quotations q JOIN speakers s ON s.id = q.speaker_id
                           WHERE q.id = t.id)
    WHEN 'Attribution' THEN (SELECT json_build_object('text', a.text, 'kind', a.kind,
                                 'publishedAt', r.published_on)
                             FROM attributions a JOIN articles r ON r.id = a.article_id
                             WHERE a.id = t.id)
    WHEN 'Speaker' THEN (SELECT json_build_object('name', name, 'kind', kind)
                         FROM speakers WHERE id = t.id)
    WHEN 'Outlet' THEN (SELECT json_build_object('name', name) FROM outlets WHERE id = t.id)
    WHEN 'Article' THEN (SELECT json_build_object('title', title, 'publishedAt', published_on)
                         FROM articles WHERE id = t.id)
    END
FROM target t
