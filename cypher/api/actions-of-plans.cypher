// A batch of plans' actions, in document order; long texts only $withText.
UNWIND $ids AS id
MATCH (:Plan {id: id})-[:HAS_ACTION]->(a:Action)
RETURN id, a {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN a.text END, textSimplified: CASE WHEN $withText THEN a.textSimplified END, __typename: 'Action'} AS node
ORDER BY a.ordinal;
