// An analyst's link from a local provision to one a level up: in its plan's parent or its national plan.
// `valid` is false (and nothing is written) when `from` is national, or `to` is in neither of those
// plans, or the two are not of the same kind (measure → measure, action → action, plan → plan).
CALL () {
  MATCH (n:Measure {id: $from}) RETURN n
  UNION
  MATCH (n:Action {id: $from}) RETURN n
  UNION
  MATCH (n:Plan {id: $from}) RETURN n
}
WITH n AS f
CALL () {
  MATCH (n:Measure {id: $to}) RETURN n
  UNION
  MATCH (n:Action {id: $to}) RETURN n
  UNION
  MATCH (n:Plan {id: $to}) RETURN n
}
WITH f, n AS t
MATCH (fp:Plan {id: coalesce(f.plan, f.id)})
WITH f, t, NOT fp:NationalPlan AND coalesce(t.plan, t.id) IN [fp.parent, fp.nationalPlan]
         AND labels(f)[0] = labels(t)[0] AS valid,
     COUNT { (f)-[:IMPLEMENTS]->() } + 1 AS rank
OPTIONAL CALL (f, t, valid, rank) {
  WITH f, t WHERE valid
  MERGE (f)-[r:IMPLEMENTS]->(t)
  ON CREATE SET r.method = 'analyst', r.score = $score, r.rank = rank,
                r.evidence = $evidence, r.source = coalesce(f.plan, f.id), r.file = f.file, r.sha256 = f.sha256,
                r.line = coalesce(f.line, 1), r.start = coalesce(f.start, 0), r.end = coalesce(f.end, 0)
  SET r.review = 'CONFIRM', r.reviewNote = $note, r.reviewedAt = datetime()
  RETURN r
}
RETURN valid, CASE WHEN r IS NULL THEN NULL
                   ELSE r {.*, fromId: f.id, toId: t.id, reviewedAt: toString(r.reviewedAt)} END AS link;
