// A batch of plans read down the levels in one statement, for a selection that asks for them (the API's
// look-ahead, src/api/resolvers/projection.ts planTree): each plan's actions, their measures
// ($withMeasures), the measures' IMPLEMENTS links ($withLinks) and what the links point to ($withTo),
// each level ordered and projected exactly as its own batch query does (actions-of-plans,
// measures-of-actions, links-from, nodes-by-id), so the API primes those DataLoaders with the rows
// instead of asking level by level. The plan itself only $withPlan. Long texts per level
// ($planText, $actionText, $measureText, $toText), a link's evidence only $withEvidence.
UNWIND $ids AS id
MATCH (p:Plan {id: id})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_ACTION]->(a:Action)
  WITH a ORDER BY a.ordinal
  RETURN collect(a) AS actions
}
CALL (actions) {
  UNWIND CASE WHEN $withMeasures THEN actions ELSE [] END AS a
  MATCH (a)-[:HAS_MEASURE]->(m:Measure)
  WITH a, m ORDER BY m.ordinal
  RETURN collect({actionId: a.id, node: m {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $measureText THEN m.text END, textSimplified: CASE WHEN $measureText THEN m.textSimplified END, items: CASE WHEN $measureText THEN m.items END, __typename: 'Measure'}}) AS measures,
         collect(m) AS measureNodes
}
CALL (measureNodes) {
  UNWIND CASE WHEN $withLinks THEN measureNodes ELSE [] END AS n
  MATCH (n)-[r:IMPLEMENTS]->(t)
  WITH n, r, t ORDER BY r.rank, r.score DESC
  RETURN collect(r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: n.id, toId: t.id, reviewedAt: toString(r.reviewedAt)}) AS links,
         collect(DISTINCT t) AS targets
}
RETURN id,
       CASE WHEN $withPlan THEN p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $planText THEN p.preamble END, __typename: 'Plan', national: p:NationalPlan} END AS plan,
       [a IN actions | a {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $actionText THEN a.text END, textSimplified: CASE WHEN $actionText THEN a.textSimplified END, __typename: 'Action'}] AS actions,
       measures,
       links,
       [t IN CASE WHEN $withTo THEN targets ELSE [] END |
        CASE WHEN t:Measure THEN t {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $toText THEN t.text END, textSimplified: CASE WHEN $toText THEN t.textSimplified END, items: CASE WHEN $toText THEN t.items END, __typename: 'Measure'}
             WHEN t:Action THEN t {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $toText THEN t.text END, textSimplified: CASE WHEN $toText THEN t.textSimplified END, __typename: 'Action'}
             WHEN t:Plan THEN t {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $toText THEN t.preamble END, __typename: 'Plan', national: t:NationalPlan}
        END] AS targets;
