// The gap report of one plan against a plan above it ($of: its parent, its national plan — the default —
// or any plan up the chain): every measure of $of with the plan's links to it, best first. A link may run
// through the levels between (a city measure → provincial measure → national task): its score is the
// weakest link's, and `via` names the measures between.
MATCH (p:Plan {id: $planId})
WITH p, coalesce($of, p.nationalPlan, p.id) AS ofId
MATCH (up:Plan {id: ofId})-[:HAS_ACTION]->(ua:Action)-[:HAS_MEASURE]->(t:Measure)
CALL (p, t) {
  OPTIONAL MATCH path = (m:Measure {plan: p.id})-[:IMPLEMENTS*1..3]->(t)
  WHERE all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
    AND all(x IN nodes(path) WHERE x:Measure)
  WITH m, path, relationships(path) AS rels
  WITH m, path, rels, reduce(s = 1.0, r IN rels | CASE WHEN r.score < s THEN r.score ELSE s END) AS score
  ORDER BY score DESC, m.id
  RETURN [x IN collect(CASE WHEN path IS NULL THEN NULL
            WHEN size(rels) = 1 THEN head(rels) {.*, fromId: m.id, toId: t.id,
                                                reviewedAt: toString(head(rels).reviewedAt), via: []}
            ELSE {score: score, method: head(rels).method, rank: head(rels).rank,
                  evidence: head(rels).evidence, review: head(rels).review, file: head(rels).file,
                  sha256: head(rels).sha256, line: head(rels).line, start: head(rels).start,
                  end: head(rels).end, fromId: m.id, toId: t.id,
                  via: [x IN nodes(path)[1..-1] | x.id]} END) WHERE x IS NOT NULL] AS links
}
WITH p, up, ua, t, links
ORDER BY ua.ordinal, ua.id, t.ordinal
RETURN p {.*, __typename: 'Plan', national: p:NationalPlan} AS plan,
       up {.*, __typename: 'Plan', national: up:NationalPlan} AS national,
       collect({task: t {.*, __typename: 'Measure'}, action: ua {.*, __typename: 'Action'}, links: links}) AS tasks;
