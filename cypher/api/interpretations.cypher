// A batch of plans' interpretation links, both ways.
UNWIND $ids AS id
MATCH (p:Plan {id: id})
OPTIONAL MATCH (p)-[:INTERPRETS]->(x:Plan)
OPTIONAL MATCH (y:Plan)-[:INTERPRETS]->(p)
RETURN id, x.id AS interprets, collect(DISTINCT y.id) AS interpretedBy;
