-- Random appearances (viral quotations are drawn as often as they appear).
SELECT encode(convert_to('Attribution:' || a.id, 'UTF8'), 'base64') AS id, a.id AS row_id
FROM (SELECT DISTINCT (1 + floor(random() * (SELECT max(id) FROM attributions)))::bigint AS id
      FROM generate_series(1, %(count)s * 2)) r
JOIN attributions a ON a.id = r.id
LIMIT %(count)s
