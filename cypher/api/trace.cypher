// The trace of one local measure: its links to national tasks (confirmed first, then by score), and for
// the best one the task's national action and plan, with the local action's and plan's links to them.
MATCH (m:Measure {id: $measureId})
OPTIONAL MATCH (m)-[r:IMPLEMENTS]->(t:Measure)<-[:HAS_MEASURE]-(na:Action)<-[:HAS_ACTION]-(np:Plan)
WHERE coalesce(r.review, '') <> 'REJECT'
WITH m, r, t, na, np
ORDER BY CASE r.review WHEN 'CONFIRM' THEN 0 ELSE 1 END, r.score DESC
WITH m, [x IN collect(CASE WHEN r IS NULL THEN NULL ELSE {
        link: r {.*, fromId: m.id, toId: t.id, reviewedAt: toString(r.reviewedAt)},
        actionId: na.id, planId: np.id,
        task: t {.*, __typename: 'Measure'}, action: na {.*, __typename: 'Action'},
        plan: np {.*, __typename: 'Plan', national: true}} END) WHERE x IS NOT NULL] AS links
OPTIONAL MATCH (la:Action)-[:HAS_MEASURE]->(m)
OPTIONAL MATCH (lp:Plan)-[:HAS_ACTION]->(la)
OPTIONAL MATCH (la)-[ar:IMPLEMENTS]->(:Action {id: links[0].actionId})
OPTIONAL MATCH (lp)-[pr:IMPLEMENTS]->(:Plan {id: links[0].planId})
RETURN m {.*, __typename: 'Measure'} AS measure,
       links,
       CASE WHEN ar IS NULL OR ar.review = 'REJECT' THEN NULL
            ELSE ar {.*, fromId: la.id, toId: links[0].actionId, reviewedAt: toString(ar.reviewedAt)} END AS actionLink,
       CASE WHEN pr IS NULL OR pr.review = 'REJECT' THEN NULL
            ELSE pr {.*, fromId: lp.id, toId: links[0].planId, reviewedAt: toString(pr.reviewedAt)} END AS planLink;
