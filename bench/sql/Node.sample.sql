-- Any object by global id: quotations, attributions, speakers, outlets, articles in turn.
SELECT encode(convert_to(t.name || ':' || (1 + floor(random() * t.max_id))::bigint, 'UTF8'),
              'base64') AS id
FROM generate_series(1, %(count)s) g
JOIN (VALUES (0, 'Quotation', (SELECT max(id) FROM quotations)),
             (1, 'Attribution', (SELECT max(id) FROM attributions)),
             (2, 'Speaker', (SELECT max(id) FROM speakers)),
             (3, 'Outlet', (SELECT max(id) FROM outlets)),
             (4, 'Article', (SELECT max(id) FROM articles))) t(k, name, max_id)
  ON t.k = g %% 5
