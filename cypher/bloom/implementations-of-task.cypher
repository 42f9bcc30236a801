// Bloom: "implementations of national task $task" — every local measure implementing a national task
// (by title or id), with the plan it belongs to.
MATCH (t:Measure {national: true})
WHERE t.title = $task OR t.id = $task
MATCH path = (:Plan)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(:Measure)-[r:IMPLEMENTS]->(t)
WHERE coalesce(r.review, '') <> 'REJECT'
RETURN path
