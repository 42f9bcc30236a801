// A batch of national provisions' incoming IMPLEMENTS links, best first, rejected ones left out.
// Evidence only $withEvidence.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Action {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
}
MATCH (f)-[r:IMPLEMENTS]->(n)
WHERE coalesce(r.review, '') <> 'REJECT'
RETURN id, r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: f.id, toId: n.id, reviewedAt: toString(r.reviewedAt)} AS link
ORDER BY r.score DESC, f.id;
