-- Speakers drawn by how often they are quoted (a popular speaker's page is visited more).
SELECT s.slug, s.id AS row_id, 20 AS first
FROM (SELECT (1 + floor(random() * (SELECT max(id) FROM quotations)))::bigint AS id
      FROM generate_series(1, %(count)s * 2)) x
JOIN quotations q ON q.id = x.id
JOIN speakers s ON s.id = q.speaker_id
LIMIT %(count)s
