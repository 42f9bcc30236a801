// Bloom: "coverage of province $province" — the province's plans, their measures and the national tasks
// they implement (rejected links left out).
MATCH (p:Plan {kind: 'plan'})-[:COVERS]->(g:Region)
WHERE g.name = $province OR g.id = $province
MATCH path = (p)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(:Measure)-[r:IMPLEMENTS]->(:Measure)
WHERE coalesce(r.review, '') <> 'REJECT'
RETURN path
