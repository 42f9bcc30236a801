// What implements one measure of any level ($taskId: a national task, a provincial measure …): the
// measures of lower plans linked to it directly or through the levels between, optionally for some
// plans; ordered by level, then score (the weakest link's); paginated, with counts per level. A hit's
// level is read from its plan by the plan's id (one index seek), not by walking action and plan. Every
// hit is kept light (the measure, the path, its score and level) for the counts; only the page is
// projected. Links without their evidence unless $withEvidence.
MATCH (t:Measure {id: $taskId})
CALL (t) {
  OPTIONAL MATCH path = (m:Measure)-[:IMPLEMENTS*1..3]->(t)
  WHERE all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
    AND all(x IN nodes(path) WHERE x:Measure)
    AND ($planIds IS NULL OR m.plan IN $planIds)
  WITH m, path,
       reduce(s = 1.0, x IN relationships(path) | CASE WHEN x.score < s THEN x.score ELSE s END) AS score,
       COLLECT { MATCH (q:Plan {id: m.plan}) RETURN q.level }[0] AS level
  WHERE path IS NOT NULL
  ORDER BY CASE level WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 WHEN 'county' THEN 3 ELSE 4 END,
           score DESC, m.id
  RETURN collect({m: m, path: path, score: score, level: level}) AS hits
}
CALL (t, hits) {
  UNWIND range(0, size(hits[$offset..$offset + $limit]) - 1) AS i
  WITH i, hits[toInteger($offset) + i] AS h
  WITH i, h, head(relationships(h.path)) AS r
  ORDER BY i
  RETURN collect(r {.method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: h.m.id, toId: t.id, reviewedAt: toString(r.reviewedAt), score: h.score, level: h.level,
                    via: [x IN nodes(h.path)[1..-1] | x.id]}) AS nodes
}
RETURN t.id AS taskId, t.national AS national, size(hits) AS totalCount,
       [l IN ['provincial', 'municipal', 'county'] | {level: l, count: size([h IN hits WHERE h.level = l])}] AS levels,
       nodes;
