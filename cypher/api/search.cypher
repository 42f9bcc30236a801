// Full-text search (cjk analyzer over Simplified text); $query is a Lucene query built from the user's
// words by src/api/search.ts (escaped, Simplified). The count and the page are asked apart: the count
// reads labels alone, and only the page's hits are projected (with their texts, which the snippets need;
// never the indexed searchText).
CALL () {
  CALL db.index.fulltext.queryNodes('plantrace_text', $query) YIELD node
  WHERE $kinds IS NULL OR any(l IN labels(node) WHERE l IN $kinds)
  RETURN count(node) AS totalCount
}
CALL () {
  CALL db.index.fulltext.queryNodes('plantrace_text', $query) YIELD node, score
  WITH node, score, [l IN labels(node) WHERE l IN ['Measure', 'Action', 'Plan', 'Indicator']][0] AS label
  WHERE $kinds IS NULL OR label IN $kinds
  WITH node, score, label ORDER BY score DESC, node.id SKIP toInteger($offset) LIMIT toInteger($limit)
  RETURN collect({node: CASE label
                          WHEN 'Measure' THEN node {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: node.text, textSimplified: node.textSimplified, items: node.items, __typename: 'Measure'}
                          WHEN 'Action' THEN node {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: node.text, textSimplified: node.textSimplified, __typename: 'Action'}
                          WHEN 'Plan' THEN node {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: node.preamble, __typename: 'Plan', national: node:NationalPlan}
                          ELSE node {.id, .name, __typename: 'Indicator', national: false} END,
                  score: score}) AS nodes
}
RETURN totalCount, nodes;
