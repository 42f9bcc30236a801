// Full-text search (cjk analyzer over Simplified text); $query is a Lucene query built from the user's
// words by src/api/search.ts (escaped, Simplified). The index is asked once: its hits are kept as two
// lists, the nodes (references, no properties read; labels only when $kinds filters) and their scores
// (a list of {node, score} maps ran out of transaction memory at a few thousand hits), counted, and only
// the page — sorted (score, then id), skipped and limited — is projected, with its texts (the snippets
// need them; never the indexed searchText).
CALL db.index.fulltext.queryNodes('plantrace_text', $query) YIELD node, score
WHERE $kinds IS NULL OR any(l IN labels(node) WHERE l IN $kinds)
WITH collect(node) AS hits, collect(score) AS scores
CALL (hits, scores) {
  UNWIND range(0, size(hits) - 1) AS i
  WITH hits[i] AS node, scores[i] AS score
  ORDER BY score DESC, node.id SKIP toInteger($offset) LIMIT toInteger($limit)
  WITH node, score, [l IN labels(node) WHERE l IN ['Measure', 'Action', 'Plan', 'Indicator']][0] AS label
  RETURN collect({node: CASE label
                          WHEN 'Measure' THEN node {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: node.text, textSimplified: node.textSimplified, items: node.items, __typename: 'Measure'}
                          WHEN 'Action' THEN node {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: node.text, textSimplified: node.textSimplified, __typename: 'Action'}
                          WHEN 'Plan' THEN node {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: node.preamble, __typename: 'Plan', national: node:NationalPlan}
                          ELSE node {.id, .name, __typename: 'Indicator', national: false} END,
                  score: score}) AS nodes
}
RETURN size(hits) AS totalCount, nodes;
