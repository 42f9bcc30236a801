// Bloom: "status of plan $plan" — the dated obligations a plan sets and, for each plan due from a lower
// government, that government's region and its plan when one is loaded.
MATCH (p:Plan)
WHERE p.title = $plan OR p.id = $plan OR p.titleSimplified = $plan
MATCH sets = (p)-[:SETS]->(o:Obligation)
OPTIONAL MATCH (g:Region) WHERE o.planDue AND g.id IN o.obligedRegions
OPTIONAL MATCH issued = (c:Plan {regionCode: g.id})-[:IMPLEMENTS]->(p)
RETURN sets, g, issued
