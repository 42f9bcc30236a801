// Removes one document: its plan node, sections, measures and every relationship they hold (links to and
// from them included), then the indicators and agencies nothing else refers to. $id = the plan id.
MATCH (p:Plan {id: $id})
OPTIONAL MATCH (p)-[:HAS_ACTION]->(a:Action)
OPTIONAL MATCH (a)-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (p)-[:SETS]->(o:Obligation)
WITH p, collect(DISTINCT a) + collect(DISTINCT m) + collect(DISTINCT o) AS parts
CALL (p, parts) {
  UNWIND [p] + parts AS n
  OPTIONAL MATCH (n)-[:TARGETS|INVOLVES]->(x)
  RETURN collect(DISTINCT x) AS referred
}
FOREACH (n IN parts | DETACH DELETE n)
DETACH DELETE p
WITH referred
UNWIND referred AS x
WITH x WHERE NOT (x)--()
DELETE x;
