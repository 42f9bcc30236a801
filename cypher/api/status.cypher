// For one plan: every lower government a plan obligation of it obliges, with its status (see
// obligations.cypher), latest due first within region order. Also what status.csv serves.
MATCH (p:Plan {id: $planId})-[:SETS]->(o:Obligation)
WHERE o.planDue
UNWIND o.obligedRegions AS code
OPTIONAL MATCH (g:Region {id: code})
OPTIONAL MATCH (c:Plan {regionCode: code})
WHERE c.kind = 'plan' AND (c.parent = p.id OR c.nationalPlan = p.nationalPlan)
WITH p, o, code, g, c ORDER BY c.issuedOn
WITH p, o, code, g, collect(c)[0] AS c
RETURN o {.*, ownerId: o.owner} AS obligation,
       {regionId: code, regionName: g.name, planId: c.id, issuedOn: c.issuedOn, due: o.due,
        status: CASE WHEN c IS NULL AND $today > o.due THEN 'overdue'
                     WHEN c IS NULL THEN 'not_due'
                     WHEN c.issuedOn IS NULL THEN 'issued'
                     WHEN c.issuedOn <= o.due THEN 'on_time'
                     ELSE 'late' END} AS status
ORDER BY o.due, code;
