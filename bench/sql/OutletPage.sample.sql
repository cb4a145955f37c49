-- Outlets drawn by how much they publish.
SELECT o.slug, o.id AS row_id, 20 AS first
FROM (SELECT (1 + floor(random() * (SELECT max(id) FROM articles)))::bigint AS id
      FROM generate_series(1, %(count)s * 2)) x
JOIN articles r ON r.id = x.id
JOIN outlets o ON o.id = r.outlet_id
LIMIT %(count)s
