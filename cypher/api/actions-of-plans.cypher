// A batch of plans' actions, in document order.
UNWIND $ids AS id
MATCH (:Plan {id: id})-[:HAS_ACTION]->(a:Action)
RETURN id, a {.*, __typename: 'Action'} AS node
ORDER BY a.ordinal;
