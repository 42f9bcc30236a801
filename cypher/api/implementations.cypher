// What implements one measure of any level ($taskId: a national task, a provincial measure …): the
// measures of lower plans linked to it directly or through the levels between, optionally for some
// plans; ordered by level, then score; paginated, with counts per level.
MATCH (t:Measure {id: $taskId})
OPTIONAL MATCH path = (m:Measure)-[:IMPLEMENTS*1..3]->(t)
WHERE all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
  AND all(x IN nodes(path) WHERE x:Measure)
  AND ($planIds IS NULL OR m.plan IN $planIds)
WITH t, m, path, relationships(path) AS rels,
     [(m)<-[:HAS_MEASURE]-(:Action)<-[:HAS_ACTION]-(q:Plan) | q.level][0] AS level
WITH t, m, level, rels, path,
     reduce(s = 1.0, r IN rels | CASE WHEN r.score < s THEN r.score ELSE s END) AS score
ORDER BY CASE level WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 WHEN 'county' THEN 3 ELSE 4 END,
         score DESC, m.id
WITH t, collect(CASE WHEN path IS NULL THEN NULL
          WHEN size(rels) = 1 THEN head(rels) {.*, fromId: m.id, toId: t.id, level: level,
                                              reviewedAt: toString(head(rels).reviewedAt), via: []}
          ELSE {score: score, method: head(rels).method, rank: head(rels).rank, evidence: head(rels).evidence,
                review: head(rels).review, file: head(rels).file, sha256: head(rels).sha256,
                line: head(rels).line, start: head(rels).start, end: head(rels).end, level: level,
                fromId: m.id, toId: t.id, via: [x IN nodes(path)[1..-1] | x.id]} END) AS all
WITH t, [x IN all WHERE x IS NOT NULL] AS hits
RETURN t.id AS taskId, t.national AS national, size(hits) AS totalCount,
       [l IN ['provincial', 'municipal', 'county'] | {level: l, count: size([h IN hits WHERE h.level = l])}] AS levels,
       hits[$offset..$offset + $limit] AS nodes;
