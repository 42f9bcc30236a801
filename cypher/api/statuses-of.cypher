// A batch of obligations' statuses (see obligations.cypher): every obliged government of a plan
// obligation, with its plan issued on time, late, not yet issued (overdue against $today) or not due.
UNWIND $ids AS key
MATCH (p:Plan)-[:SETS]->(o:Obligation {key: key})
WHERE o.planDue
UNWIND o.obligedRegions AS code
OPTIONAL MATCH (g:Region {id: code})
OPTIONAL MATCH (c:Plan {regionCode: code})
WHERE c.kind = 'plan' AND (c.parent = p.id OR c.nationalPlan = p.nationalPlan)
WITH key, o, code, g, c ORDER BY c.issuedOn
WITH key, o, code, g, collect(c)[0] AS c
RETURN key AS id,
       {regionId: code, regionName: g.name, planId: c.id, issuedOn: c.issuedOn, due: o.due,
        status: CASE WHEN c IS NULL AND $today > o.due THEN 'overdue'
                     WHEN c IS NULL THEN 'not_due'
                     WHEN c.issuedOn IS NULL THEN 'issued'
                     WHEN c.issuedOn <= o.due THEN 'on_time'
                     ELSE 'late' END} AS status
ORDER BY code;
