-- The search as the API defines it: whole words in the quotation's text or in any printed
-- appearance; near-misses (word similarity) only when no word matches. First page and count.
WITH words AS (
    SELECT 1 FROM quotations q, websearch_to_tsquery('english', %(search)s) t
    WHERE q.search_vector @@ t
  UNION ALL
    SELECT 1 FROM attributions a, websearch_to_tsquery('english', %(search)s) t
    WHERE to_tsvector('english'::regconfig, a.text) @@ t
),
matches AS (
    SELECT id, max(score) AS score FROM (
        SELECT q.id, 0.6 + ts_rank(q.search_vector, t) AS score
        FROM quotations q, websearch_to_tsquery('english', %(search)s) t
        WHERE q.search_vector @@ t
      UNION ALL
        SELECT a.quotation_id, 0.6
        FROM attributions a, websearch_to_tsquery('english', %(search)s) t
        WHERE to_tsvector('english'::regconfig, a.text) @@ t
      UNION ALL
        SELECT id, word_similarity(%(search)s, text) FROM quotations
        WHERE %(search)s <%% text AND NOT EXISTS (SELECT FROM words)
          AND numnode(websearch_to_tsquery('english', %(search)s)) > 0
      UNION ALL
        SELECT quotation_id, word_similarity(%(search)s, text)
        FROM attributions WHERE %(search)s <%% text AND NOT EXISTS (SELECT FROM words)
          AND numnode(websearch_to_tsquery('english', %(search)s)) > 0
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
