// National tasks × local plans (kind plan): per cell the number of linked measures and the best score.
MATCH (np:NationalPlan)-[:HAS_ACTION]->(na:Action)-[:HAS_MEASURE]->(t:Measure)
WITH na, t ORDER BY na.ordinal, t.ordinal
WITH collect({taskId: t.id, task: t.title, actionId: na.id, action: na.title}) AS tasks
OPTIONAL MATCH (p:Plan)
WHERE p.kind = 'plan' AND NOT p:NationalPlan
WITH tasks, p ORDER BY p.level, p.id
WITH tasks, collect({id: p.id, title: p.title, level: p.level, region: p.region}) AS plans
UNWIND tasks AS row
CALL (row, plans) {
  UNWIND plans AS p
  OPTIONAL MATCH (m:Measure {plan: p.id})-[r:IMPLEMENTS]->(:Measure {id: row.taskId})
  WHERE coalesce(r.review, '') <> 'REJECT'
  WITH p, count(r) AS links, max(r.score) AS bestScore
  RETURN collect({planId: p.id, links: links, bestScore: bestScore}) AS cells
}
// One row: the plans once (none when there are no tasks), and a row per task with its cells.
RETURN head(collect(plans)) AS plans,
       collect({actionId: row.actionId, action: row.action, taskId: row.taskId, task: row.task, cells: cells}) AS rows;
