-- The search as the API defines it (search.ctes.sql): the first page and the count, which
-- stops at 1,000.
WITH
-- @include search.ctes.sql
SELECT json_build_object(
    'totalCount', (SELECT CASE WHEN own + printed > 0 THEN least(own + printed, 1000)
                               WHEN terms > 0 THEN (SELECT least(count(*), 1000) FROM near)
                               ELSE 0 END FROM found),
    'edges', (SELECT json_agg(json_build_object(
                  'id', q.id, 'text', q.text,
                  'speaker', json_build_object('id', s.id, 'name', s.name))
                  ORDER BY m.score DESC, q.id DESC)
              FROM page m
              JOIN quotations q ON q.id = m.id JOIN speakers s ON s.id = q.speaker_id))
