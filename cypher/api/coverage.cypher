// The gap report of one plan: every national task with the plan's links to it (best first).
MATCH (p:Plan {id: $planId})
MATCH (np:NationalPlan)-[:HAS_ACTION]->(na:Action)-[:HAS_MEASURE]->(t:Measure)
OPTIONAL MATCH (m:Measure {plan: $planId})-[r:IMPLEMENTS]->(t)
WHERE coalesce(r.review, '') <> 'REJECT'
WITH p, np, na, t, r, m
ORDER BY r.score DESC, m.id
WITH p, np, na, t, collect(r {.*, fromId: m.id, toId: t.id, reviewedAt: toString(r.reviewedAt)}) AS links
ORDER BY na.ordinal, t.ordinal
RETURN p {.*, __typename: 'Plan', national: p:NationalPlan} AS plan,
       np {.*, __typename: 'Plan', national: true} AS national,
       collect({task: t {.*, __typename: 'Measure'}, action: na {.*, __typename: 'Action'}, links: links}) AS tasks;
