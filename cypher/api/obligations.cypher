// The dated obligations a plan sets, due date first (statuses: statuses-of.cypher, batched).
MATCH (:Plan {id: $planId})-[:SETS]->(o:Obligation)
RETURN o {.*, ownerId: o.owner} AS obligation
ORDER BY o.due, o.line, o.key;
