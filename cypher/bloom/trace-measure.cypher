// Bloom: "trace measure $measure" — a measure of any level (by title or id) up the cascade to the national
// plan: its links through the city and provincial measures to the national task, that task's action and
// plan, and the measure's own action and plan.
MATCH (m:Measure)
WHERE (m.title = $measure OR m.id = $measure) AND NOT coalesce(m.national, false)
MATCH up = (m)-[:IMPLEMENTS*1..3]->(:Measure {national: true})<-[:HAS_MEASURE]-(:Action)<-[:HAS_ACTION]-(:NationalPlan)
WHERE all(r IN relationships(up) WHERE coalesce(r.review, '') <> 'REJECT')
OPTIONAL MATCH own = (:Plan)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(m)
RETURN up, own
