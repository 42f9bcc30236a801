// A batch of actions' measures, in document order; long texts only $withText.
UNWIND $ids AS id
MATCH (:Action {id: id})-[:HAS_MEASURE]->(m:Measure)
RETURN id, m {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN m.text END, textSimplified: CASE WHEN $withText THEN m.textSimplified END, items: CASE WHEN $withText THEN m.items END, __typename: 'Measure'} AS node
ORDER BY m.ordinal;
