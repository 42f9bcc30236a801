// National tasks × plans: how many of each plan's measures implement each task, and the best score.
MATCH (np:NationalPlan)-[:HAS_ACTION]->(na:Action)-[:HAS_MEASURE]->(t:Measure)
WITH na, t ORDER BY na.ordinal, t.ordinal
WITH collect({task: t {.*, __typename: 'Measure'}, action: na {.*, __typename: 'Action'}}) AS tasks
OPTIONAL MATCH (p:Plan)
WHERE p.kind = 'plan' AND NOT p:NationalPlan AND ($planIds IS NULL OR p.id IN $planIds)
WITH tasks, p ORDER BY p.id
WITH tasks, collect(p {.*, __typename: 'Plan', national: false}) AS plans
UNWIND tasks AS row
CALL (row, plans) {
  UNWIND plans AS p
  OPTIONAL MATCH (m:Measure {plan: p.id})-[r:IMPLEMENTS]->(:Measure {id: row.task.id})
  WHERE coalesce(r.review, '') <> 'REJECT'
  WITH p, count(r) AS links, max(r.score) AS bestScore
  RETURN collect({planId: p.id, links: links, bestScore: bestScore}) AS cells
}
RETURN plans, row.task AS task, row.action AS action, cells;
