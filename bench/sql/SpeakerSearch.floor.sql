-- Speakers by name or alias (exact alias, or word similarity), best first, with aliases.
WITH matches AS (
    SELECT id, max(score) AS score FROM (
        SELECT speaker_id AS id, word_similarity(%(search)s, alias) AS score
        FROM speaker_aliases
        WHERE lower(alias) = lower(%(search)s) OR %(search)s <%% alias
      UNION ALL
        SELECT id, word_similarity(%(search)s, name) FROM speakers WHERE %(search)s <%% name
    ) candidates GROUP BY id
)
SELECT json_build_object(
    'totalCount', (SELECT count(*) FROM matches),
    'edges', (SELECT json_agg(json_build_object(
        'id', s.id, 'name', s.name, 'kind', s.kind, 'description', s.description,
        'aliases', (SELECT json_agg(json_build_object('alias', k.alias, 'kind', k.kind)
                                    ORDER BY k.id)
                    FROM speaker_aliases k WHERE k.speaker_id = s.id))
        ORDER BY m.score DESC, s.id)
        FROM (SELECT * FROM matches ORDER BY score DESC, id LIMIT %(first)s + 1) m
        JOIN speakers s ON s.id = m.id))
