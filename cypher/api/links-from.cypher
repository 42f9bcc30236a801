// A batch of provisions' IMPLEMENTS links (to the national plan), best first, rejected ones included
// (flagged by review) so the caller can choose. Evidence only $withEvidence.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Action {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
}
MATCH (n)-[r:IMPLEMENTS]->(t)
RETURN id, r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: n.id, toId: t.id, reviewedAt: toString(r.reviewedAt)} AS link
ORDER BY r.rank, r.score DESC;
