// Bloom: "cascade of plan $plan" — a plan (by title or id), the plans that implement it one and two levels
// down, and the plan links between them (the province → city → county tree).
MATCH (p:Plan)
WHERE p.title = $plan OR p.id = $plan OR p.titleSimplified = $plan
MATCH tree = (p)<-[:IMPLEMENTS*1..2]-(c:Plan)
WHERE all(x IN nodes(tree) WHERE x:Plan)
RETURN tree
