// A batch of plans' obligations (without statuses: those come from obligations.cypher / status.cypher).
UNWIND $ids AS id
MATCH (:Plan {id: id})-[:SETS]->(o:Obligation)
WITH id, o ORDER BY o.due, o.line, o.key
RETURN id, o {.*, ownerId: o.owner} AS obligation;
