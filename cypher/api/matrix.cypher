// The measures of a plan above ($of: a national plan — the default is the one the plans implement — or a
// parent plan) × plans (the given ones, else the plans one level below $of, else every plan under it):
// how many of each plan's measures implement each measure, through the levels between, and the best score.
MATCH (up:Plan)
WHERE up.id = coalesce($of, COLLECT { MATCH (n:NationalPlan) RETURN n.id ORDER BY n.kind <> 'catalog', n.id }[0])
MATCH (up)-[:HAS_ACTION]->(ua:Action)-[:HAS_MEASURE]->(t:Measure)
WITH up, ua, t ORDER BY ua.ordinal, ua.id, t.ordinal
WITH up, collect({task: t {.*, __typename: 'Measure'}, action: ua {.*, __typename: 'Action'}}) AS tasks
OPTIONAL MATCH (p:Plan)
WHERE p.kind = 'plan' AND NOT p:NationalPlan
  AND CASE WHEN $planIds IS NOT NULL THEN p.id IN $planIds
           WHEN up:NationalPlan THEN p.nationalPlan = up.id
           ELSE p.parent = up.id END
WITH tasks, p ORDER BY CASE p.level WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END, p.regionCode, p.id
WITH tasks, collect(p {.*, __typename: 'Plan', national: false}) AS plans
UNWIND tasks AS row
CALL (row, plans) {
  UNWIND plans AS p
  OPTIONAL MATCH path = (m:Measure {plan: p.id})-[:IMPLEMENTS*1..3]->(:Measure {id: row.task.id})
  WHERE all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
    AND all(x IN nodes(path) WHERE x:Measure)
  WITH p, m, max(reduce(s = 1.0, r IN relationships(path) | CASE WHEN r.score < s THEN r.score ELSE s END)) AS score
  WITH p, count(m) AS links, max(score) AS bestScore
  RETURN collect({planId: p.id, links: links, bestScore: bestScore}) AS cells
}
RETURN plans, row.task AS task, row.action AS action, cells;
