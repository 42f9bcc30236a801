// A batch of actions' measures, in document order.
UNWIND $ids AS id
MATCH (:Action {id: id})-[:HAS_MEASURE]->(m:Measure)
RETURN id, m {.*, __typename: 'Measure'} AS node
ORDER BY m.ordinal;
