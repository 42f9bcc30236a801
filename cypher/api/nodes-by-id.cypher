// Batch look-up of any node by id (DataLoader): one indexed seek per label, no label-less scan; each
// label projects its own properties, long texts (text, textSimplified, items, preamble) only $withText.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN n.text END, textSimplified: CASE WHEN $withText THEN n.textSimplified END, items: CASE WHEN $withText THEN n.items END, __typename: 'Measure'} AS node
  UNION
  MATCH (n:Action {id: id}) RETURN n {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN n.text END, textSimplified: CASE WHEN $withText THEN n.textSimplified END, __typename: 'Action'} AS node
  UNION
  MATCH (n:Plan {id: id}) RETURN n {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN n.preamble END, __typename: 'Plan', national: n:NationalPlan} AS node
  UNION
  MATCH (n:Indicator {id: id}) RETURN n {.id, .name, __typename: 'Indicator', national: false} AS node
  UNION
  MATCH (n:Region {id: id}) RETURN n {.id, .name, .kind, __typename: 'Region', national: false} AS node
  UNION
  MATCH (n:Agency {id: id}) RETURN n {.id, .name, __typename: 'Agency', national: false} AS node
}
RETURN id, node;
