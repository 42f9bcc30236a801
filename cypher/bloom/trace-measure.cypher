// Bloom: "trace measure $measure" — a local measure (by title or id) up to the national plan, with its
// own action and plan.
MATCH (m:Measure)
WHERE (m.title = $measure OR m.id = $measure) AND NOT coalesce(m.national, false)
MATCH up = (m)-[:IMPLEMENTS]->(:Measure)<-[:HAS_MEASURE]-(:Action)<-[:HAS_ACTION]-(:NationalPlan)
OPTIONAL MATCH own = (:Plan)-[:HAS_ACTION]->(:Action)-[:HAS_MEASURE]->(m)
RETURN up, own
