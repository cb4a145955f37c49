-- Quotations drawn at random, for the relay graph viewer.
SELECT q.slug
FROM (SELECT DISTINCT (1 + floor(random() * (SELECT max(id) FROM quotations)))::bigint AS id
      FROM generate_series(1, %(count)s * 2)) r
JOIN quotations q ON q.id = r.id
LIMIT %(count)s
