-- The search as the API defines it (full text, or word similarity with the quotation's text
-- or any appearance's text; best score per quotation), first page and total count.
WITH matches AS (
    SELECT id, max(score) AS score FROM (
        SELECT q.id, 0.6 + ts_rank(q.search_vector, t) AS score
        FROM quotations q, websearch_to_tsquery('english', %(search)s) t
        WHERE q.search_vector @@ t
      UNION ALL
        SELECT id, word_similarity(%(search)s, text) FROM quotations WHERE %(search)s <%% text
      UNION ALL
        SELECT quotation_id, word_similarity(%(search)s, text)
        FROM attributions WHERE %(search)s <%% text
    ) candidates GROUP BY id
)
SELECT json_build_object(
    'totalCount', (SELECT count(*) FROM matches),
    'edges', (SELECT json_agg(json_build_object(
                  'id', q.id, 'text', q.text,
                  'speaker', json_build_object('id', s.id, 'name', s.name))
                  ORDER BY m.score DESC, q.id)
              FROM (SELECT * FROM matches ORDER BY score DESC, id LIMIT %(first)s + 1) m
              JOIN quotations q ON q.id = m.id JOIN speakers s ON s.id = q.speaker_id))
