// The trace of one measure up the cascade: the best chain of IMPLEMENTS links from it to a national task
// (county measure → city measure → provincial measure → national task; confirmed links first, then by
// score), the task's national action and plan, the local action's link to that action, and the chain of
// plan links from the measure's plan to the national plan. Each node carries its plan's level.
// Nodes carry every property the API shows only $allFields; else (a selection of ids, titles, kinds and
// neighbours: src/api/resolvers/projection.ts needsAllFields) their id, title, kind, level, plan and
// national flag, and links leave out their provenance (no resolver reads it: a link's source is its
// from-node's).
MATCH (m:Measure {id: $measureId})
OPTIONAL MATCH (la:Action)-[:HAS_MEASURE]->(m)
OPTIONAL MATCH (lp:Plan)-[:HAS_ACTION]->(la)
CALL (m) {
  OPTIONAL MATCH path = (m)-[:IMPLEMENTS*1..3]->(t:Measure {national: true})
  WHERE all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
    AND all(x IN nodes(path) WHERE x:Measure)
  WITH path, relationships(path) AS rels
  ORDER BY CASE WHEN path IS NULL THEN 1 ELSE 0 END,
           CASE head(rels).review WHEN 'CONFIRM' THEN 0 ELSE 1 END, head(rels).score DESC,
           reduce(s = 1.0, r IN rels | s * r.score) DESC, length(path)
  LIMIT 1
  RETURN path AS best
}
CALL (best) {
  UNWIND CASE WHEN best IS NULL THEN [] ELSE range(0, length(best) - 1) END AS i
  WITH i, relationships(best)[i] AS r, nodes(best)[i] AS a, nodes(best)[i + 1] AS b
  ORDER BY i
  RETURN collect({link: CASE WHEN $allFields THEN r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: a.id, toId: b.id, reviewedAt: toString(r.reviewedAt)} ELSE r {.score, .method, .rank, .review, .reviewNote, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: a.id, toId: b.id, reviewedAt: toString(r.reviewedAt)} END,
                  node: CASE WHEN $allFields THEN b {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN b.text END, textSimplified: CASE WHEN $withText THEN b.textSimplified END, items: CASE WHEN $withText THEN b.items END, __typename: 'Measure'} ELSE b {.id, .title, .plan, .national, __typename: 'Measure'} END,
                  level: COLLECT { MATCH (b)<-[:HAS_MEASURE]-(:Action)<-[:HAS_ACTION]-(q:Plan) RETURN q.level }[0]})
         AS steps
}
CALL (m) {
  OPTIONAL MATCH (m)-[r:IMPLEMENTS]->(u:Measure)
  WHERE coalesce(r.review, '') <> 'REJECT'
  WITH r, u
  ORDER BY CASE r.review WHEN 'CONFIRM' THEN 0 ELSE 1 END, r.score DESC
  WITH r, u WHERE r IS NOT NULL
  RETURN collect({link: CASE WHEN $allFields THEN r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: m.id, toId: u.id, reviewedAt: toString(r.reviewedAt)} ELSE r {.score, .method, .rank, .review, .reviewNote, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: m.id, toId: u.id, reviewedAt: toString(r.reviewedAt)} END,
                  node: CASE WHEN $allFields THEN u {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN u.text END, textSimplified: CASE WHEN $withText THEN u.textSimplified END, items: CASE WHEN $withText THEN u.items END, __typename: 'Measure'} ELSE u {.id, .title, .plan, .national, __typename: 'Measure'} END,
                  level: COLLECT { MATCH (u)<-[:HAS_MEASURE]-(:Action)<-[:HAS_ACTION]-(q:Plan) RETURN q.level }[0]})
         AS links
}
OPTIONAL MATCH (t:Measure {id: last(nodes(best)).id})<-[:HAS_MEASURE]-(na:Action)<-[:HAS_ACTION]-(np:Plan)
OPTIONAL MATCH (la)-[ar:IMPLEMENTS]->(na)
CALL (lp) {
  OPTIONAL MATCH pp = (lp)-[:IMPLEMENTS*1..3]->(top:NationalPlan)
  WHERE all(x IN nodes(pp) WHERE x:Plan) AND all(r IN relationships(pp) WHERE coalesce(r.review, '') <> 'REJECT')
  WITH pp ORDER BY CASE WHEN pp IS NULL THEN 1 ELSE 0 END, length(pp)
  LIMIT 1
  UNWIND CASE WHEN pp IS NULL THEN [] ELSE range(0, length(pp) - 1) END AS i
  WITH i, relationships(pp)[i] AS r, nodes(pp)[i] AS a, nodes(pp)[i + 1] AS b
  ORDER BY i
  RETURN collect({link: CASE WHEN $allFields THEN r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: a.id, toId: b.id, reviewedAt: toString(r.reviewedAt)} ELSE r {.score, .method, .rank, .review, .reviewNote, evidence: CASE WHEN $withEvidence THEN r.evidence END, fromId: a.id, toId: b.id, reviewedAt: toString(r.reviewedAt)} END,
                  node: CASE WHEN $allFields THEN b {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN b.preamble END, __typename: 'Plan', national: b:NationalPlan} ELSE b {.id, .title, .kind, .level, __typename: 'Plan', national: b:NationalPlan} END, level: b.level}) AS planChain
}
RETURN CASE WHEN $allFields THEN m {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN m.text END, textSimplified: CASE WHEN $withText THEN m.textSimplified END, items: CASE WHEN $withText THEN m.items END, __typename: 'Measure', .candidates} ELSE m {.id, .title, .plan, .national, __typename: 'Measure', .candidates} END AS measure,
       lp.level AS level,
       links,
       steps,
       CASE WHEN na IS NULL THEN NULL ELSE CASE WHEN $allFields THEN na {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, text: CASE WHEN $withText THEN na.text END, textSimplified: CASE WHEN $withText THEN na.textSimplified END, __typename: 'Action'} ELSE na {.id, .title, .kind, .plan, __typename: 'Action'} END END AS action,
       CASE WHEN np IS NULL THEN NULL ELSE CASE WHEN $allFields THEN np {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN np.preamble END, __typename: 'Plan', national: true} ELSE np {.id, .title, .kind, .level, __typename: 'Plan', national: true} END END AS plan,
       CASE WHEN ar IS NULL OR ar.review = 'REJECT' THEN NULL
            ELSE CASE WHEN $allFields THEN ar {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, evidence: CASE WHEN $withEvidence THEN ar.evidence END, fromId: la.id, toId: na.id, reviewedAt: toString(ar.reviewedAt)} ELSE ar {.score, .method, .rank, .review, .reviewNote, evidence: CASE WHEN $withEvidence THEN ar.evidence END, fromId: la.id, toId: na.id, reviewedAt: toString(ar.reviewedAt)} END END AS actionLink,
       planChain;
