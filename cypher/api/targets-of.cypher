// A batch of measures', actions' or plans' targets.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Action {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
}
MATCH (n)-[t:TARGETS]->(i:Indicator)
RETURN id, t {.*, ownerId: n.id, planId: coalesce(n.plan, n.id), indicatorId: i.id} AS target
ORDER BY t.key;
