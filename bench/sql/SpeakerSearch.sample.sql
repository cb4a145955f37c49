-- A name or alias as typed in a search box (the last word of a random speaker's name).
SELECT split_part(s.name, ' ', greatest(cardinality(string_to_array(s.name, ' ')), 1)) AS search,
       10 AS first
FROM (SELECT (1 + floor(random() * (SELECT max(id) FROM speakers)))::bigint AS id
      FROM generate_series(1, %(count)s * 2)) x
JOIN speakers s ON s.id = x.id
LIMIT %(count)s
