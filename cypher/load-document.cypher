// Writes one document's rows (src/graph/rows.ts) — run statement by statement inside ONE transaction, so
// a document loads completely or not at all. Every write is UNWIND … MERGE on ids; what the document no
// longer has (stale measures, targets, links) is removed; analysts' reviews on links that still exist
// are never touched. Parameters: $docId, $plan, $actions, $measures, $indicators, $targets, $regions,
// $partOf, $mentions, $covers, $agencies, $involves, $implements, $interprets, $keys, $rowsHash.

// 1. The document node.
MERGE (p:Plan {id: $plan.id})
SET p += $plan.props, p.rowsHash = $rowsHash, p.loadedAt = datetime()
FOREACH (_ IN CASE WHEN $plan.national THEN [1] ELSE [] END | SET p:NationalPlan)
FOREACH (_ IN CASE WHEN $plan.interpretation THEN [1] ELSE [] END | SET p:Interpretation);

// 2. Measures and sections the edited document no longer has (their links go with them, and the
//    indicators and agencies only they referred to).
MATCH (m:Measure {plan: $docId}) WHERE NOT m.id IN $keys.measures
OPTIONAL MATCH (m)-[:TARGETS|INVOLVES]->(x)
DETACH DELETE m
WITH DISTINCT x WHERE x IS NOT NULL AND NOT (x)--()
DELETE x;

MATCH (a:Action {plan: $docId}) WHERE NOT a.id IN $keys.actions
OPTIONAL MATCH (a)-[:TARGETS]->(x)
DETACH DELETE a
WITH DISTINCT x WHERE x IS NOT NULL AND NOT (x)--()
DELETE x;

// 3. Sections and measures.
MATCH (p:Plan {id: $docId})
UNWIND $actions AS row
MERGE (a:Action {id: row.id})
SET a += row.props
MERGE (p)-[:HAS_ACTION]->(a);

UNWIND $measures AS row
MATCH (a:Action {id: row.actionId})
MERGE (m:Measure {id: row.id})
SET m += row.props
MERGE (a)-[:HAS_MEASURE]->(m)
WITH m, a
MATCH (other:Action)-[old:HAS_MEASURE]->(m) WHERE other <> a
DELETE old;

// 4. Regions with their parents, and what the document names or covers.
UNWIND $regions AS row
MERGE (r:Region {id: row.id})
SET r.name = row.name, r.kind = row.kind;

UNWIND $partOf AS row
MATCH (c:Region {id: row.child}), (parent:Region {id: row.parent})
MERGE (c)-[:PART_OF]->(parent);

CALL () {
  MATCH (n:Measure {plan: $docId}) RETURN n
  UNION
  MATCH (n:Plan {id: $docId}) RETURN n
}
MATCH (n)-[r:MENTIONS]->(g:Region) WHERE NOT n.id + '|' + g.id IN $keys.mentions
DELETE r;

UNWIND $mentions AS row
OPTIONAL MATCH (m:Measure {id: row.from})
OPTIONAL MATCH (p:Plan {id: row.from})
WITH row, coalesce(m, p) AS n
MATCH (g:Region {id: row.regionId})
MERGE (n)-[r:MENTIONS]->(g)
SET r.mention = row.mention;

MATCH (p:Plan {id: $docId})-[r:COVERS]->(g:Region) WHERE NOT g.id IN $covers
DELETE r;

MATCH (p:Plan {id: $docId})
UNWIND $covers AS regionId
MATCH (g:Region {id: regionId})
MERGE (p)-[:COVERS]->(g);

// 5. Agencies and their roles.
UNWIND $agencies AS row
MERGE (ag:Agency {id: row.id})
SET ag.name = row.name;

CALL () {
  MATCH (n:Measure {plan: $docId}) RETURN n
  UNION
  MATCH (n:Plan {id: $docId}) RETURN n
}
MATCH (n)-[r:INVOLVES]->(ag:Agency) WHERE NOT n.id + '|' + ag.id + '|' + r.role IN $keys.involves
DELETE r
WITH DISTINCT ag WHERE NOT (ag)--()
DELETE ag;

UNWIND $involves AS row
OPTIONAL MATCH (m:Measure {id: row.from})
OPTIONAL MATCH (p:Plan {id: row.from})
WITH row, coalesce(m, p) AS n
MATCH (ag:Agency {id: row.agencyId})
MERGE (n)-[:INVOLVES {role: row.role}]->(ag);

// 6. Targets.
UNWIND $indicators AS row
MERGE (i:Indicator {id: row.id})
SET i.name = row.name, i.searchText = row.name;

CALL () {
  MATCH (n:Measure {plan: $docId}) RETURN n
  UNION
  MATCH (n:Action {plan: $docId}) RETURN n
  UNION
  MATCH (n:Plan {id: $docId}) RETURN n
}
MATCH (n)-[t:TARGETS]->(i:Indicator) WHERE NOT t.key IN $keys.targets
DELETE t
WITH DISTINCT i WHERE NOT (i)--()
DELETE i;

UNWIND $targets AS row
OPTIONAL MATCH (m:Measure {id: row.owner})
OPTIONAL MATCH (a:Action {id: row.owner})
OPTIONAL MATCH (p:Plan {id: row.owner})
WITH row, coalesce(m, a, p) AS n
MATCH (i:Indicator {id: row.indicatorId})
OPTIONAL MATCH (n)-[moved:TARGETS {key: row.key}]->(other:Indicator) WHERE other <> i
DELETE moved
MERGE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props
WITH DISTINCT other WHERE other IS NOT NULL AND NOT (other)--()
DELETE other;

// 7. IMPLEMENTS links computed for this document. Analysts' links (method analyst) and any link with a
//    review decision survive re-alignment; the aligner's other links are replaced.
MATCH (n)-[r:IMPLEMENTS {source: $docId}]->(t)
WHERE NOT n.id + '|' + t.id IN $keys.implements AND r.review IS NULL AND r.method <> 'analyst'
DELETE r;

UNWIND $implements AS row
OPTIONAL MATCH (fm:Measure {id: row.from})
OPTIONAL MATCH (fa:Action {id: row.from})
OPTIONAL MATCH (fp:Plan {id: row.from})
OPTIONAL MATCH (tm:Measure {id: row.to})
OPTIONAL MATCH (ta:Action {id: row.to})
OPTIONAL MATCH (tp:Plan {id: row.to})
WITH row, coalesce(fm, fa, fp) AS f, coalesce(tm, ta, tp) AS t
WHERE f IS NOT NULL AND t IS NOT NULL
MERGE (f)-[r:IMPLEMENTS]->(t)
SET r += CASE WHEN r.method = 'analyst' THEN {} ELSE row.props END,
    r.autoScore = row.props.score, r.autoMethod = row.props.method;

// 8. What an interpretation explains.
MATCH (p:Plan {id: $docId})-[r:INTERPRETS]->(x) WHERE x.id <> coalesce($interprets, '')
DELETE r;

MATCH (p:Plan {id: $docId}), (x:Plan {id: $interprets})
MERGE (p)-[:INTERPRETS]->(x);
