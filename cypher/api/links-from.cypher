// A batch of provisions' IMPLEMENTS links (to the national plan), best first, rejected ones included
// (flagged by review) so the caller can choose.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Action {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
}
MATCH (n)-[r:IMPLEMENTS]->(t)
RETURN id, r {.*, fromId: n.id, toId: t.id, reviewedAt: toString(r.reviewedAt)} AS link
ORDER BY r.rank, r.score DESC;
