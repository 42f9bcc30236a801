// Full-text search (cjk analyzer over Simplified text); $query is a Lucene query built from the user's
// words by src/api/search.ts (escaped, Simplified). Paginated.
CALL db.index.fulltext.queryNodes('plantrace_text', $query) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN ['Measure', 'Action', 'Plan', 'Indicator']][0] AS label
WHERE $kinds IS NULL OR label IN $kinds
WITH node, score, label ORDER BY score DESC, node.id
WITH collect({node: node {.*, __typename: label, national: node:NationalPlan OR coalesce(node.national, false)},
              score: score}) AS hits
RETURN size(hits) AS totalCount, hits[$offset..$offset + $limit] AS nodes;
