-- An article with its first 100 attributions, speakers, spans, markers and upstreams.
SELECT json_build_object(
    'id', r.id, 'title', r.title, 'publishedAt', r.published_on, 'body', r.body,
    'outlet', (SELECT json_build_object('id', o.id, 'name', o.name)
               FROM outlets o WHERE o.id = r.outlet_id),
    'attributions', json_build_object(
        'totalCount', (SELECT count(*) FROM attributions c WHERE c.article_id = r.id),
        'edges', (SELECT json_agg(json_build_object(
            'id', a.id, 'text', a.text, 'kind', a.kind, 'status', a.status, 'cue', a.cue,
            'speakerLabel', a.speaker_label,
            'speaker', json_build_object('id', s.id, 'name', s.name, 'kind', s.kind),
            'span', json_build_object('start', a.start_offset, 'end', a.end_offset,
                                      'prefix', a.prefix, 'suffix', a.suffix),
            'markerSpans', (SELECT json_agg(json_build_object('kind', m.kind, 'text', m.text,
                                'position', m.position, 'note', m.note) ORDER BY m.id)
                            FROM attribution_markers m WHERE m.attribution_id = a.id),
            'upstream', (SELECT json_build_object('id', u.id, 'article', json_build_object(
                             'id', ur.id, 'publishedAt', ur.published_on,
                             'outlet', json_build_object('id', uo.id, 'name', uo.name)))
                         FROM attributions u JOIN articles ur ON ur.id = u.article_id
                         LEFT JOIN outlets uo ON uo.id = ur.outlet_id
                         WHERE u.id = a.upstream_id))
            ORDER BY a.id)
            FROM (SELECT * FROM attributions WHERE article_id = r.id ORDER BY id LIMIT 101) a
            JOIN speakers s ON s.id = a.speaker_id)))
FROM articles r WHERE r.slug = %(slug)s
