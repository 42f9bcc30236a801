// Writes the content part of a batch of documents (src/graph/rows.ts ContentRows, gathered by
// src/graph/writer.ts batchParams): the documents, their sections and measures, regions, agencies,
// targets and obligations. Run statement by statement inside ONE transaction together with
// write-links.cypher, so the batch loads completely or not at all. Each statement is one UNWIND over the
// rows of every document of the batch (thousands of rows), not one per document; the shared nodes
// (regions, agencies, indicators) come deduplicated over the batch and are merged once. First what the
// edited documents no longer have is removed, then everything is merged on ids.
// Parameters: $docs (docId + the keys of what each document owns, for the documents the graph already
// holds: a document new to the graph has nothing stale, src/graph/writer.ts batchParams), $plans, $regions, $partOf,
// $agencies, $indicators, $actions, $measures, $planMentions, $measureMentions, $covers, $planInvolves,
// $measureInvolves, $planTargets, $actionTargets, $measureTargets, $obligations; and the same lists named
// $newPlans … $newObligations for the documents new to the graph (src/graph/writer.ts freshDocuments):
// nothing of them exists yet, so their nodes and relationships are created, not merged (the graph is the
// one MERGE would give).

// 1. Measures and sections the edited documents no longer have (their links go with them, and the
//    indicators and agencies only they referred to). A new document has none: one index seek each.
UNWIND $docs AS d
MATCH (m:Measure {plan: d.docId}) WHERE NOT m.id IN d.keys.measures
OPTIONAL MATCH (m)-[:TARGETS|INVOLVES]->(x)
DETACH DELETE m
WITH DISTINCT x WHERE x IS NOT NULL AND NOT (x)--()
DELETE x;

UNWIND $docs AS d
MATCH (a:Action {plan: d.docId}) WHERE NOT a.id IN d.keys.actions
OPTIONAL MATCH (a)-[:TARGETS]->(x)
DETACH DELETE a
WITH DISTINCT x WHERE x IS NOT NULL AND NOT (x)--()
DELETE x;

// 2. Mentions, covers, roles, targets and obligations the documents no longer state.
UNWIND $docs AS d
CALL (d) {
  MATCH (n:Measure {plan: d.docId}) RETURN n
  UNION
  MATCH (n:Plan {id: d.docId}) RETURN n
}
MATCH (n)-[r:MENTIONS]->(g:Region) WHERE NOT n.id + '|' + g.id IN d.keys.mentions
DELETE r;

UNWIND $docs AS d
MATCH (:Plan {id: d.docId})-[r:COVERS]->(g:Region) WHERE NOT g.id IN d.covers
DELETE r;

UNWIND $docs AS d
CALL (d) {
  MATCH (n:Measure {plan: d.docId}) RETURN n
  UNION
  MATCH (n:Plan {id: d.docId}) RETURN n
}
MATCH (n)-[r:INVOLVES]->(ag:Agency) WHERE NOT n.id + '|' + ag.id + '|' + r.role IN d.keys.involves
DELETE r
WITH DISTINCT ag WHERE NOT (ag)--()
DELETE ag;

UNWIND $docs AS d
CALL (d) {
  MATCH (n:Measure {plan: d.docId}) RETURN n
  UNION
  MATCH (n:Action {plan: d.docId}) RETURN n
  UNION
  MATCH (n:Plan {id: d.docId}) RETURN n
}
MATCH (n)-[t:TARGETS]->(i:Indicator) WHERE NOT t.key IN d.keys.targets
DELETE t
WITH DISTINCT i WHERE NOT (i)--()
DELETE i;

UNWIND $docs AS d
MATCH (:Plan {id: d.docId})-[:SETS]->(o:Obligation) WHERE NOT o.key IN d.keys.obligations
DETACH DELETE o;

// 3. The document nodes.
UNWIND $newPlans AS row
CREATE (p:Plan {id: row.id})
SET p += row.props, p.contentHash = row.contentHash, p.loadedAt = datetime()
FOREACH (_ IN CASE WHEN row.national THEN [1] ELSE [] END | SET p:NationalPlan)
FOREACH (_ IN CASE WHEN row.interpretation THEN [1] ELSE [] END | SET p:Interpretation);

UNWIND $plans AS row
MERGE (p:Plan {id: row.id})
SET p += row.props, p.contentHash = row.contentHash, p.loadedAt = datetime()
FOREACH (_ IN CASE WHEN row.national THEN [1] ELSE [] END | SET p:NationalPlan)
FOREACH (_ IN CASE WHEN row.interpretation THEN [1] ELSE [] END | SET p:Interpretation);

// 4. Shared nodes, once per batch: regions with their parents, agencies, indicators.
UNWIND $regions AS row
MERGE (r:Region {id: row.id})
SET r.name = row.name, r.kind = row.kind;

UNWIND $partOf AS row
MATCH (c:Region {id: row.child}), (parent:Region {id: row.parent})
MERGE (c)-[:PART_OF]->(parent);

UNWIND $agencies AS row
MERGE (ag:Agency {id: row.id})
SET ag.name = row.name;

UNWIND $indicators AS row
MERGE (i:Indicator {id: row.id})
SET i.name = row.name, i.searchText = row.name;

// 5. Sections and measures (a measure whose section changed leaves the old one).
UNWIND $newActions AS row
MATCH (p:Plan {id: row.plan})
CREATE (p)-[:HAS_ACTION]->(a:Action {id: row.id})
SET a += row.props;

UNWIND $newMeasures AS row
MATCH (a:Action {id: row.actionId})
CREATE (a)-[:HAS_MEASURE]->(m:Measure {id: row.id})
SET m += row.props;

UNWIND $actions AS row
MATCH (p:Plan {id: row.plan})
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

// 6. What the documents and their measures name or cover.
UNWIND $newPlanMentions AS row
MATCH (n:Plan {id: row.from}), (g:Region {id: row.regionId})
CREATE (n)-[:MENTIONS {mention: row.mention}]->(g);

UNWIND $newMeasureMentions AS row
MATCH (n:Measure {id: row.from}), (g:Region {id: row.regionId})
CREATE (n)-[:MENTIONS {mention: row.mention}]->(g);

UNWIND $newCovers AS row
MATCH (p:Plan {id: row.plan}), (g:Region {id: row.regionId})
CREATE (p)-[:COVERS]->(g);

UNWIND $planMentions AS row
MATCH (n:Plan {id: row.from}), (g:Region {id: row.regionId})
MERGE (n)-[r:MENTIONS]->(g)
SET r.mention = row.mention;

UNWIND $measureMentions AS row
MATCH (n:Measure {id: row.from}), (g:Region {id: row.regionId})
MERGE (n)-[r:MENTIONS]->(g)
SET r.mention = row.mention;

UNWIND $covers AS row
MATCH (p:Plan {id: row.plan}), (g:Region {id: row.regionId})
MERGE (p)-[:COVERS]->(g);

// 7. Agencies' roles.
UNWIND $newPlanInvolves AS row
MATCH (n:Plan {id: row.from}), (ag:Agency {id: row.agencyId})
CREATE (n)-[:INVOLVES {role: row.role}]->(ag);

UNWIND $newMeasureInvolves AS row
MATCH (n:Measure {id: row.from}), (ag:Agency {id: row.agencyId})
CREATE (n)-[:INVOLVES {role: row.role}]->(ag);

UNWIND $planInvolves AS row
MATCH (n:Plan {id: row.from}), (ag:Agency {id: row.agencyId})
MERGE (n)-[:INVOLVES {role: row.role}]->(ag);

UNWIND $measureInvolves AS row
MATCH (n:Measure {id: row.from}), (ag:Agency {id: row.agencyId})
MERGE (n)-[:INVOLVES {role: row.role}]->(ag);

// 8. Targets (a target whose indicator changed leaves the old one, removed when nothing else uses it).
//    The new documents' first: an indicator they target is not left without links by the others' moves.
UNWIND $newPlanTargets AS row
MATCH (n:Plan {id: row.owner}), (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props;

UNWIND $newActionTargets AS row
MATCH (n:Action {id: row.owner}), (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props;

UNWIND $newMeasureTargets AS row
MATCH (n:Measure {id: row.owner}), (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props;

UNWIND $planTargets AS row
MATCH (n:Plan {id: row.owner}), (i:Indicator {id: row.indicatorId})
OPTIONAL MATCH (n)-[moved:TARGETS {key: row.key}]->(other:Indicator) WHERE other <> i
DELETE moved
MERGE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props
WITH DISTINCT other WHERE other IS NOT NULL AND NOT (other)--()
DELETE other;

UNWIND $actionTargets AS row
MATCH (n:Action {id: row.owner}), (i:Indicator {id: row.indicatorId})
OPTIONAL MATCH (n)-[moved:TARGETS {key: row.key}]->(other:Indicator) WHERE other <> i
DELETE moved
MERGE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props
WITH DISTINCT other WHERE other IS NOT NULL AND NOT (other)--()
DELETE other;

UNWIND $measureTargets AS row
MATCH (n:Measure {id: row.owner}), (i:Indicator {id: row.indicatorId})
OPTIONAL MATCH (n)-[moved:TARGETS {key: row.key}]->(other:Indicator) WHERE other <> i
DELETE moved
MERGE (n)-[t:TARGETS {key: row.key}]->(i)
SET t += row.props
WITH DISTINCT other WHERE other IS NOT NULL AND NOT (other)--()
DELETE other;

// 9. Dated obligations the documents set (各设区市要在…前出台实施方案).
UNWIND $newObligations AS row
MATCH (p:Plan {id: row.plan})
CREATE (p)-[:SETS]->(o:Obligation {key: row.key})
SET o += row.props, o.owner = row.owner;

UNWIND $obligations AS row
MATCH (p:Plan {id: row.plan})
MERGE (o:Obligation {key: row.key})
SET o += row.props, o.owner = row.owner
MERGE (p)-[:SETS]->(o);
