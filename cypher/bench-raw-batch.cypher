// bench:load baseline: the rows the loader writes, for a chunk of documents at once (about 10,000 rows
// per transaction), with plain UNWIND … CREATE into an empty database — no MERGE, no stale removal, no
// review handling: the fastest honest online write of the same rows. Parameters: $plans, $actions,
// $measures, $mentions, $covers, $involves, $targets, $obligations, $implements (rows of every document
// of the chunk, each carrying the id of its document where a statement needs it).
UNWIND $plans AS row
CREATE (p:Plan) SET p = row.props, p.id = row.id;

UNWIND $actions AS row
MATCH (p:Plan {id: row.planId})
CREATE (p)-[:HAS_ACTION]->(a:Action) SET a = row.props, a.id = row.id;

UNWIND $measures AS row
MATCH (a:Action {id: row.actionId})
CREATE (a)-[:HAS_MEASURE]->(m:Measure) SET m = row.props, m.id = row.id;

UNWIND $mentions AS row
OPTIONAL MATCH (m:Measure {id: row.from})
OPTIONAL MATCH (p:Plan {id: row.from})
WITH row, coalesce(m, p) AS n
MATCH (g:Region {id: row.regionId})
CREATE (n)-[:MENTIONS {mention: row.mention}]->(g);

UNWIND $covers AS row
MATCH (p:Plan {id: row.planId}), (g:Region {id: row.regionId})
CREATE (p)-[:COVERS]->(g);

UNWIND $involves AS row
OPTIONAL MATCH (m:Measure {id: row.from})
OPTIONAL MATCH (p:Plan {id: row.from})
WITH row, coalesce(m, p) AS n
MATCH (ag:Agency {id: row.agencyId})
CREATE (n)-[:INVOLVES {role: row.role}]->(ag);

UNWIND $targets AS row
OPTIONAL MATCH (m:Measure {id: row.owner})
OPTIONAL MATCH (a:Action {id: row.owner})
OPTIONAL MATCH (p:Plan {id: row.owner})
WITH row, coalesce(m, a, p) AS n
MATCH (i:Indicator {id: row.indicatorId})
CREATE (n)-[t:TARGETS]->(i) SET t = row.props, t.key = row.key;

UNWIND $obligations AS row
MATCH (p:Plan {id: row.planId})
CREATE (p)-[:SETS]->(o:Obligation) SET o = row.props, o.key = row.key, o.owner = row.owner;

UNWIND $implements AS row
OPTIONAL MATCH (fm:Measure {id: row.from})
OPTIONAL MATCH (fa:Action {id: row.from})
OPTIONAL MATCH (fp:Plan {id: row.from})
OPTIONAL MATCH (tm:Measure {id: row.to})
OPTIONAL MATCH (ta:Action {id: row.to})
OPTIONAL MATCH (tp:Plan {id: row.to})
WITH row, coalesce(fm, fa, fp) AS f, coalesce(tm, ta, tp) AS t
WHERE f IS NOT NULL AND t IS NOT NULL
CREATE (f)-[r:IMPLEMENTS]->(t) SET r = row.props;
