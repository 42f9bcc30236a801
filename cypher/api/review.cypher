// An analyst's decision on an existing link; kept by every later load.
CALL () {
  MATCH (n:Measure {id: $from}) RETURN n
  UNION
  MATCH (n:Action {id: $from}) RETURN n
  UNION
  MATCH (n:Plan {id: $from}) RETURN n
}
WITH n AS f
MATCH (f)-[r:IMPLEMENTS]->(t {id: $to})
SET r.review = $decision, r.reviewNote = $note, r.reviewedAt = datetime()
RETURN r {.*, fromId: f.id, toId: t.id, reviewedAt: toString(r.reviewedAt)} AS link;
