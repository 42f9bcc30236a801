// Writes the content part of one document's rows (src/graph/rows.ts ContentRows): the document, its
// sections and measures, regions, agencies, targets and obligations. Run statement by statement inside
// ONE transaction together with write-links.cypher, so a document loads completely or not at all. Every
// write is UNWIND … MERGE on ids; what the document no longer has is removed. Parameters: $docId, $plan,
// $actions, $measures, $indicators, $targets, $regions, $partOf, $mentions, $covers, $agencies,
// $involves, $obligations, $keys, $contentHash.

// 1. The document node.
MERGE (p:Plan {id: $plan.id})
SET p += $plan.props, p.contentHash = $contentHash, p.loadedAt = datetime()
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

// 7. Dated obligations the document sets (各设区市要在…前出台实施方案).
MATCH (p:Plan {id: $docId})-[:SETS]->(o:Obligation) WHERE NOT o.key IN $keys.obligations
DETACH DELETE o;

MATCH (p:Plan {id: $docId})
UNWIND $obligations AS row
MERGE (o:Obligation {key: row.key})
SET o += row.props, o.owner = row.owner
MERGE (p)-[:SETS]->(o);
