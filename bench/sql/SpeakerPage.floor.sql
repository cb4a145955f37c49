-- A speaker, aliases, first page of quotations with their first 10 appearances each.
SELECT json_build_object(
    'id', s.id, 'name', s.name, 'kind', s.kind, 'description', s.description,
    'aliases', (SELECT json_agg(json_build_object('alias', k.alias, 'kind', k.kind) ORDER BY k.id)
                FROM speaker_aliases k WHERE k.speaker_id = s.id),
    'outlet', (SELECT json_build_object('id', o.id, 'name', o.name)
               FROM outlets o WHERE o.id = s.outlet_id),
    'quotations', json_build_object(
        'totalCount', (SELECT count(*) FROM quotations c WHERE c.speaker_id = s.id),
        'edges', (SELECT json_agg(json_build_object(
            'id', q.id, 'text', q.text,
            'attributions', json_build_object(
                'totalCount', (SELECT count(*) FROM attributions c WHERE c.quotation_id = q.id),
                'edges', (SELECT json_agg(json_build_object('id', a.id, 'kind', a.kind,
                              'article', json_build_object('id', r.id,
                                  'publishedAt', r.published_on,
                                  'outlet', json_build_object('id', o.id, 'name', o.name)))
                              ORDER BY a.id)
                          FROM (SELECT * FROM attributions WHERE quotation_id = q.id
                                ORDER BY id LIMIT 11) a
                          JOIN articles r ON r.id = a.article_id
                          LEFT JOIN outlets o ON o.id = r.outlet_id)))
            ORDER BY q.id)
            FROM (SELECT * FROM quotations WHERE speaker_id = s.id ORDER BY id
                  LIMIT %(first)s + 1) q)))
FROM speakers s WHERE s.slug = %(slug)s
