// bench:load baseline: the rows the loader writes, for a chunk of documents at once (about 10,000 rows
// per transaction), with plain UNWIND … CREATE into an empty database — no MERGE, no stale removal, no
// review handling: the fastest honest online write of the same rows. Parameters: $plans, $actions,
// $measures, $planMentions, $measureMentions, $covers, $planInvolves, $measureInvolves, $planTargets,
// $actionTargets, $measureTargets, $obligations, $implementsMM/AA/PP/Any (rows of every document
// of the chunk, each carrying the id of its document where a statement needs it, split by the labels
// of their ends, as the loader's statements take them).
UNWIND $plans AS row
CREATE (p:Plan) SET p = row.props, p.id = row.id;

UNWIND $actions AS row
MATCH (p:Plan {id: row.plan})
CREATE (p)-[:HAS_ACTION]->(a:Action) SET a = row.props, a.id = row.id;

UNWIND $measures AS row
MATCH (a:Action {id: row.actionId})
CREATE (a)-[:HAS_MEASURE]->(m:Measure) SET m = row.props, m.id = row.id;

UNWIND $planMentions AS row
MATCH (n:Plan {id: row.from}), (g:Region {id: row.regionId})
CREATE (n)-[:MENTIONS {mention: row.mention}]->(g);

UNWIND $measureMentions AS row
MATCH (n:Measure {id: row.from}), (g:Region {id: row.regionId})
CREATE (n)-[:MENTIONS {mention: row.mention}]->(g);

UNWIND $covers AS row
MATCH (p:Plan {id: row.plan}), (g:Region {id: row.regionId})
CREATE (p)-[:COVERS]->(g);

UNWIND $planInvolves AS row
MATCH (n:Plan {id: row.from}), (ag:Agency {id: row.agencyId})
CREATE (n)-[:INVOLVES {role: row.role}]->(ag);

UNWIND $measureInvolves AS row
MATCH (n:Measure {id: row.from}), (ag:Agency {id: row.agencyId})
CREATE (n)-[:INVOLVES {role: row.role}]->(ag);

UNWIND $planTargets AS row
MATCH (n:Plan {id: row.owner}), (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS]->(i) SET t = row.props, t.key = row.key;

UNWIND $actionTargets AS row
MATCH (n:Action {id: row.owner}), (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS]->(i) SET t = row.props, t.key = row.key;

UNWIND $measureTargets AS row
MATCH (n:Measure {id: row.owner}), (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS]->(i) SET t = row.props, t.key = row.key;

UNWIND $obligations AS row
MATCH (p:Plan {id: row.plan})
CREATE (p)-[:SETS]->(o:Obligation) SET o = row.props, o.key = row.key, o.owner = row.owner;

UNWIND $implementsMM AS row
MATCH (f:Measure {id: row.from}), (t:Measure {id: row.to})
CREATE (f)-[r:IMPLEMENTS]->(t) SET r = row.props;

UNWIND $implementsAA AS row
MATCH (f:Action {id: row.from}), (t:Action {id: row.to})
CREATE (f)-[r:IMPLEMENTS]->(t) SET r = row.props;

UNWIND $implementsPP AS row
MATCH (f:Plan {id: row.from}), (t:Plan {id: row.to})
CREATE (f)-[r:IMPLEMENTS]->(t) SET r = row.props;

UNWIND $implementsAny AS row
OPTIONAL MATCH (fm:Measure {id: row.from})
OPTIONAL MATCH (fa:Action {id: row.from})
OPTIONAL MATCH (fp:Plan {id: row.from})
OPTIONAL MATCH (tm:Measure {id: row.to})
OPTIONAL MATCH (ta:Action {id: row.to})
OPTIONAL MATCH (tp:Plan {id: row.to})
WITH row, coalesce(fm, fa, fp) AS f, coalesce(tm, ta, tp) AS t
WHERE f IS NOT NULL AND t IS NOT NULL
CREATE (f)-[r:IMPLEMENTS]->(t) SET r = row.props;
