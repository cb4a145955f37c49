-- The search as the API defines it (provenance/services/quotation_search.py): whole words in
-- the quotation's text or in the words only its printings have; every match ranked when
-- at most 1,000 quotations have the words, else newest first; near-misses (word
-- similarity over the texts and the other printed wordings, migration 0010) only when no
-- word matches. Common table expressions up to `page` (the first page of matches), shared
-- by the floors that start with a search (each includes this file by name).
own AS MATERIALIZED (
    SELECT q.id, q.search_vector FROM quotations q
    WHERE q.search_vector @@ websearch_to_tsquery('english', %(search)s)
    LIMIT 1001
),
printed AS MATERIALIZED (
    SELECT p.quotation_id AS id FROM quotation_printed_words p
    JOIN quotations q ON q.id = p.quotation_id
    WHERE p.words @@ replace(strip(to_tsvector('english', %(search)s))::text, ''' ''', ''' | ''')::tsquery
      AND (q.search_vector || p.words) @@ websearch_to_tsquery('english', %(search)s)
      AND NOT q.search_vector @@ websearch_to_tsquery('english', %(search)s)
    LIMIT 1001
),
found AS MATERIALIZED (
    SELECT (SELECT count(*) FROM own) AS own, (SELECT count(*) FROM printed) AS printed,
           numnode(websearch_to_tsquery('english', %(search)s)) AS terms
),
near AS MATERIALIZED (
    SELECT c.id, max(c.score)::float8 AS score FROM (
        SELECT id, word_similarity(%(search)s, text) AS score FROM quotations
        WHERE %(search)s <%% text
      UNION ALL
        SELECT quotation_id, word_similarity(%(search)s, text) FROM quotation_printed_wordings
        WHERE %(search)s <%% text
    ) c GROUP BY c.id
),
matches AS (
    SELECT id, 0.6 + ts_rank(search_vector, websearch_to_tsquery('english', %(search)s))
        AS score
    FROM own WHERE (SELECT own FROM found) <= 1000
  UNION ALL
    (SELECT q.id, 0.6::float8 FROM quotations q
     WHERE (SELECT own FROM found) > 1000
       AND q.search_vector @@ websearch_to_tsquery('english', %(search)s)
     ORDER BY q.id DESC LIMIT %(first)s + 1)
  UNION ALL
    (SELECT p.quotation_id, 0.6::float8 FROM quotation_printed_words p
     JOIN quotations q ON q.id = p.quotation_id
     WHERE (SELECT printed FROM found) > 0
       AND p.words @@ replace(strip(to_tsvector('english', %(search)s))::text, ''' ''', ''' | ''')::tsquery
       AND (q.search_vector || p.words) @@ websearch_to_tsquery('english', %(search)s)
       AND NOT q.search_vector @@ websearch_to_tsquery('english', %(search)s)
     ORDER BY p.quotation_id DESC LIMIT %(first)s + 1)
  UNION ALL
    -- Only scanned (and so only computed) when no word matched.
    SELECT id, score FROM near
    WHERE (SELECT own + printed = 0 AND terms > 0 FROM found)
),
page AS (SELECT id, score FROM matches ORDER BY score DESC, id DESC LIMIT %(first)s + 1)
