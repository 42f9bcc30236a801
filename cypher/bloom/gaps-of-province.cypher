// Bloom: "gaps of province $province" — tasks of the national plan the province's plans implement (each
// plan's own national plan, so two national plans never mix) that no measure of those plans implements,
// directly or through a city's or county's measures.
MATCH (g:Region) WHERE g.name = $province OR g.id = $province
MATCH (p:Plan {kind: 'plan'})-[:COVERS]->(g)
MATCH path = (np:NationalPlan {id: p.nationalPlan})-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(t:Measure)
WHERE NOT EXISTS {
  MATCH (q:Plan {kind: 'plan'})-[:COVERS]->(:Region)-[:PART_OF*0..2]->(g)
  MATCH (q)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(:Measure)-[rs:IMPLEMENTS*1..3]->(t)
  WHERE all(r IN rs WHERE coalesce(r.review, '') <> 'REJECT')
}
RETURN DISTINCT path
