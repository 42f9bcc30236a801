// The gap report of one plan as rows: every national task, whether the plan covers it, how many of the
// plan's measures implement it, and the best link (rejected links left out, as in the API).
MATCH (np:NationalPlan)-[:HAS_ACTION]->(na:Action)-[:HAS_MEASURE]->(t:Measure)
OPTIONAL MATCH (m:Measure {plan: $planId})-[r:IMPLEMENTS]->(t)
WHERE coalesce(r.review, '') <> 'REJECT'
WITH na, t, r, m ORDER BY r.score DESC, m.id
WITH na, t, collect(CASE WHEN r IS NULL THEN NULL ELSE {id: m.id, title: m.title, score: r.score, method: r.method} END) AS links
ORDER BY na.ordinal, t.ordinal
RETURN na.id AS actionId, na.title AS action, t.id AS taskId, t.title AS task,
       size(links) > 0 AS covered, size(links) AS links,
       links[0].score AS bestScore, links[0].method AS bestMethod,
       links[0].id AS bestMeasureId, links[0].title AS bestMeasure,
       [l IN links | l.id] AS measureIds;
