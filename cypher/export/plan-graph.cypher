// A plan's neighbourhood for Gephi/yEd: the plan, its actions and measures, the national provisions they
// implement (with the national tasks' actions and plan), the indicators they target, the regions they
// mention or cover and the agencies involved; with the relationships among those nodes.
MATCH (p:Plan {id: $planId})
OPTIONAL MATCH (p)-[:HAS_ACTION]->(a:Action)
OPTIONAL MATCH (a)-[:HAS_MEASURE]->(m:Measure)
WITH p, collect(DISTINCT a) AS actions, collect(DISTINCT m) AS measures
WITH p, actions, measures, [p] + actions + measures AS own
CALL (own) {
  UNWIND own AS n
  MATCH (n)-[r:IMPLEMENTS|TARGETS|MENTIONS|COVERS|INVOLVES]->(x)
  WHERE coalesce(r.review, '') <> 'REJECT'
  RETURN collect(DISTINCT x) AS linked
}
CALL (linked) {
  UNWIND linked AS x
  OPTIONAL MATCH (np:NationalPlan)-[:HAS_ACTION]->(na:Action)-[:HAS_MEASURE]->(x)
  OPTIONAL MATCH (np2:NationalPlan)-[:HAS_ACTION]->(x)
  RETURN collect(DISTINCT na) + collect(DISTINCT np) + collect(DISTINCT np2) AS ups
}
WITH own + linked + ups AS nodes
UNWIND nodes AS n
WITH collect(DISTINCT n) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b)
  WHERE b IN nodes AND coalesce(r.review, '') <> 'REJECT'
  RETURN collect({from: a.id, to: b.id, type: type(r), score: r.score, method: r.method, role: r.role,
                  mention: r.mention, value: r.value, unit: r.unit, year: r.year}) AS edges
}
RETURN [n IN nodes | {id: n.id, labels: labels(n), caption: coalesce(n.title, n.name, n.id), level: n.level,
        kind: n.kind, plan: n.plan, national: coalesce(n.national, n:NationalPlan)}] AS nodes, edges;
