-- Random archived articles.
SELECT r.slug, r.id AS row_id
FROM (SELECT DISTINCT (1 + floor(random() * (SELECT max(id) FROM articles)))::bigint AS id
      FROM generate_series(1, %(count)s * 2)) x
JOIN articles r ON r.id = x.id AND r.body IS NOT NULL
LIMIT %(count)s
