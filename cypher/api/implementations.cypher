// Local measures implementing one national task (best first), optionally for some plans; paginated.
MATCH (t:Measure {id: $taskId})
OPTIONAL MATCH (m:Measure)-[r:IMPLEMENTS]->(t)
WHERE coalesce(r.review, '') <> 'REJECT' AND ($planIds IS NULL OR m.plan IN $planIds)
WITH t, r, m
ORDER BY r.score DESC, m.id
WITH t, collect(r {.*, fromId: m.id, toId: t.id, reviewedAt: toString(r.reviewedAt)}) AS hits
RETURN t.id AS taskId, t.national AS national, size(hits) AS totalCount, hits[$offset..$offset + $limit] AS nodes;
