// The gap report of one plan against a plan above it ($of: its parent, its national plan — the default —
// or any plan up the chain): every measure of $of with the plan's links to it, best first. A link may run
// through the levels between (a city measure → provincial measure → national task): its score is the
// weakest link's, and `via` names the measures between.
// The links are walked forwards from the plan's own measures (the measure_plan index), once, and then
// handed to the tasks they reach: the cost follows the plan's own links, not the number of plans that
// implement the same tasks (walking backwards from each task read every plan's links to it).
MATCH (p:Plan {id: $planId})
WITH p, coalesce($of, p.nationalPlan, p.id) AS ofId
MATCH (up:Plan {id: ofId})
CALL (p) {
  MATCH path = (m:Measure {plan: p.id})-[:IMPLEMENTS*1..3]->(t:Measure)
  WHERE all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
    AND all(x IN nodes(path) WHERE x:Measure)
  WITH t, m, path, head(relationships(path)) AS r,
       reduce(s = 1.0, x IN relationships(path) | CASE WHEN x.score < s THEN x.score ELSE s END) AS score
  ORDER BY score DESC, m.id
  WITH t, collect(r {.method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: m.id, toId: t.id, reviewedAt: toString(r.reviewedAt), score: score,
                     via: [x IN nodes(path)[1..-1] | x.id]}) AS links
  RETURN collect({t: t, links: links}) AS reached
}
MATCH (up)-[:HAS_ACTION]->(ua:Action)-[:HAS_MEASURE]->(t:Measure)
WITH p, up, ua, t, coalesce([x IN reached WHERE x.t = t | x.links][0], []) AS links
ORDER BY ua.ordinal, ua.id, t.ordinal
RETURN p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN p.preamble END, __typename: 'Plan', national: p:NationalPlan} AS plan,
       up {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN up.preamble END, __typename: 'Plan', national: up:NationalPlan} AS national,
       collect({task: t {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN t.text END, textSimplified: CASE WHEN $withText THEN t.textSimplified END, items: CASE WHEN $withText THEN t.items END, __typename: 'Measure'}, action: ua {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN ua.text END, textSimplified: CASE WHEN $withText THEN ua.textSimplified END, __typename: 'Action'}, links: links}) AS tasks;
