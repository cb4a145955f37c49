-- Half-remembered quotes: two to four consecutive words of a random quotation.
SELECT array_to_string(w[s:s + n - 1], ' ') AS search, 10 AS first
FROM (
    SELECT regexp_split_to_array(lower(rtrim(q.text, '.')), ' ') AS w,
           2 + floor(random() * 3)::int AS n, random() AS f
    FROM (SELECT DISTINCT (1 + floor(random() * (SELECT max(id) FROM quotations)))::bigint AS id
          FROM generate_series(1, %(count)s * 2)) r
    JOIN quotations q ON q.id = r.id
    LIMIT %(count)s
) x, LATERAL (SELECT 1 + floor(f * greatest(cardinality(w) - n, 0))::int AS s) p
