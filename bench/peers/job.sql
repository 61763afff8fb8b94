-- The benchmark's DuckDB peer: SPEC §3–§4 on the bench's population and activity CSV files
-- ({{population}}, {{activity}} are replaced), as an analyst would write it: rows whose stratum
-- is missing or not in the population (U, blank) drop out at the join, as stdrates excludes them.
WITH pop AS (
  SELECT "ICB code" AS a, "Sex" AS s, "Age band" AS g, "IMD quintile" AS q, SUM("Population") AS p
  FROM read_csv('{{population}}') GROUP BY ALL
),
act AS (
  SELECT "ICB code" AS a, "Sex" AS s, "Age band" AS g, "IMD quintile" AS q, "Measure" AS m, SUM("Count") AS o
  FROM read_csv('{{activity}}') GROUP BY ALL
),
kept AS (SELECT act.* FROM act JOIN pop USING (a, s, g, q)),
stratum_pop AS (SELECT s, g, q, SUM(p) AS p FROM pop GROUP BY ALL),
stratum_rate AS (
  SELECT s, g, q, m, SUM(o) / ANY_VALUE(sp.p) AS r, SUM(o) AS o
  FROM kept JOIN stratum_pop sp USING (s, g, q) WHERE sp.p > 0 GROUP BY ALL
),
national AS (SELECT m, 10000 * SUM(o) / (SELECT SUM(p) FROM pop) AS rate FROM stratum_rate GROUP BY ALL),
expected AS (SELECT a, m, SUM(r * p) AS e FROM pop JOIN stratum_rate USING (s, g, q) GROUP BY ALL),
observed AS (SELECT a, m, SUM(o) AS o FROM kept GROUP BY ALL)
SELECT a AS area, m AS measure, o AS observed, e AS expected, o / e * national.rate AS rate
FROM observed JOIN expected USING (a, m) JOIN national USING (m)
ORDER BY area, measure
