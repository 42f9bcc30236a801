// Bloom: "gaps of province $province" — national tasks no measure of the province's plans implements.
MATCH (g:Region) WHERE g.name = $province OR g.id = $province
MATCH path = (:NationalPlan)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(t:Measure)
WHERE NOT EXISTS {
  MATCH (p:Plan {kind: 'plan'})-[:COVERS]->(g)
  MATCH (p)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(:Measure)-[r:IMPLEMENTS]->(t)
  WHERE coalesce(r.review, '') <> 'REJECT'
}
RETURN path
