// A plan's correspondence table: every measure of the plan (outline order) with each of its links to
// the national plan (best first; rejected ones left out), or one row without a link when it has none.
MATCH (p:Plan {id: $planId})-[:HAS_ACTION]->(a:Action)-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (m)-[r:IMPLEMENTS]->(t:Measure)
WHERE coalesce(r.review, '') <> 'REJECT'
RETURN a.id AS actionId, a.title AS action, m.id AS measureId, m.label AS label, m.title AS measure,
       m.file AS file, m.line AS line,
       t.id AS taskId, t.title AS task, t.plan AS taskPlan, r.score AS score, r.method AS method, r.rank AS rank,
       r.review AS review, r.reviewNote AS reviewNote, r.evidence AS evidence
ORDER BY a.ordinal, m.ordinal, r.rank, r.score DESC;
