-- An outlet, first page of its articles, each with its first 20 attributions.
SELECT json_build_object(
    'id', o.id, 'name', o.name, 'website', o.website,
    'articles', json_build_object(
        'totalCount', (SELECT count(*) FROM articles c WHERE c.outlet_id = o.id),
        'edges', (SELECT json_agg(json_build_object(
            'id', r.id, 'title', r.title, 'publishedAt', r.published_on,
            'citationOnly', r.body IS NULL, 'citedAs', r.cited_as,
            'attributions', json_build_object(
                'totalCount', (SELECT count(*) FROM attributions c WHERE c.article_id = r.id),
                'edges', (SELECT json_agg(json_build_object('id', a.id, 'kind', a.kind,
                              'quotation', json_build_object('id', q.id, 'text', q.text,
                                  'speaker', json_build_object('id', s.id, 'name', s.name)))
                              ORDER BY a.id)
                          FROM (SELECT * FROM attributions WHERE article_id = r.id
                                ORDER BY id LIMIT 21) a
                          JOIN quotations q ON q.id = a.quotation_id
                          JOIN speakers s ON s.id = q.speaker_id)))
            ORDER BY r.id)
            FROM (SELECT id, title, published_on, body IS NULL AS no_body, body, cited_as
                  FROM articles WHERE outlet_id = o.id ORDER BY id LIMIT %(first)s + 1) r)))
FROM outlets o WHERE o.slug = %(slug)s
