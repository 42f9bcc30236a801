// Writes the links part of a batch of documents (src/graph/rows.ts LinkRows, gathered by
// src/graph/writer.ts linkParams): what alignment made of them. Runs after write-content.cypher in the
// same transaction, or alone for documents re-linked because a plan above them (or the plan they explain)
// was loaded. One UNWIND over the rows of every document of the batch per statement.
// Parameters: $linkDocs (docId, placement, linksHash, the keys of its links, what it interprets),
// $storedLinkDocs (those of them the graph already holds: only they can have links to remove),
// $candidates, $implementsMM, $implementsAA, $implementsPP, $implementsAny; $newImplementsMM/AA/PP: the
// links of documents none of whose nodes has one yet (src/graph/writer.ts linkParams), each pair once
// with its final properties, created.

// 1. The plans' place in the cascade.
UNWIND $linkDocs AS d
MATCH (p:Plan {id: d.docId})
SET p += d.placement, p.linksHash = d.linksHash;

UNWIND $candidates AS row
MATCH (m:Measure {id: row.id})
SET m.candidates = row.candidates;

// 2. IMPLEMENTS links computed for these documents. Analysts' links (method analyst) and any link with a
//    review decision survive re-alignment; the aligner's other links are replaced.
UNWIND $storedLinkDocs AS d
MATCH (n)-[r:IMPLEMENTS {source: d.docId}]->(t)
WHERE NOT n.id + '|' + t.id IN d.implements AND r.review IS NULL AND r.method <> 'analyst'
DELETE r;

// Measure → task, section → section, plan → plan: both ends by label; any other pair by trying each.
UNWIND $newImplementsMM AS row
MATCH (f:Measure {id: row.from}), (t:Measure {id: row.to})
CREATE (f)-[r:IMPLEMENTS]->(t)
SET r = row.props;

UNWIND $newImplementsAA AS row
MATCH (f:Action {id: row.from}), (t:Action {id: row.to})
CREATE (f)-[r:IMPLEMENTS]->(t)
SET r = row.props;

UNWIND $newImplementsPP AS row
MATCH (f:Plan {id: row.from}), (t:Plan {id: row.to})
CREATE (f)-[r:IMPLEMENTS]->(t)
SET r = row.props;

UNWIND $implementsMM AS row
MATCH (f:Measure {id: row.from}), (t:Measure {id: row.to})
MERGE (f)-[r:IMPLEMENTS]->(t)
SET r += CASE WHEN r.method = 'analyst' THEN {} ELSE row.props END,
    r.autoScore = row.props.score, r.autoMethod = row.props.method;

UNWIND $implementsAA AS row
MATCH (f:Action {id: row.from}), (t:Action {id: row.to})
MERGE (f)-[r:IMPLEMENTS]->(t)
SET r += CASE WHEN r.method = 'analyst' THEN {} ELSE row.props END,
    r.autoScore = row.props.score, r.autoMethod = row.props.method;

UNWIND $implementsPP AS row
MATCH (f:Plan {id: row.from}), (t:Plan {id: row.to})
MERGE (f)-[r:IMPLEMENTS]->(t)
SET r += CASE WHEN r.method = 'analyst' THEN {} ELSE row.props END,
    r.autoScore = row.props.score, r.autoMethod = row.props.method;

UNWIND $implementsAny AS row
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

// 3. What the interpretations explain.
UNWIND $storedLinkDocs AS d
MATCH (p:Plan {id: d.docId})-[r:INTERPRETS]->(x) WHERE x.id <> coalesce(d.interprets, '')
DELETE r;

UNWIND $linkDocs AS d
MATCH (p:Plan {id: d.docId}), (x:Plan {id: d.interprets})
MERGE (p)-[:INTERPRETS]->(x);
