// Writes the links part of one document's rows (src/graph/rows.ts LinkRows): what alignment made of it.
// Runs after write-content.cypher in the same transaction, or alone when a document is re-linked because
// a plan above it (or the plan it explains) was loaded. Parameters: $docId, $placement, $implements,
// $candidates, $interprets, $linkKeys, $linksHash.

// 1. The plan's place in the cascade.
MATCH (p:Plan {id: $docId})
SET p += $placement, p.linksHash = $linksHash;

UNWIND $candidates AS row
MATCH (m:Measure {id: row.id})
SET m.candidates = row.candidates;

// 2. IMPLEMENTS links computed for this document. Analysts' links (method analyst) and any link with a
//    review decision survive re-alignment; the aligner's other links are replaced.
MATCH (n)-[r:IMPLEMENTS {source: $docId}]->(t)
WHERE NOT n.id + '|' + t.id IN $linkKeys.implements AND r.review IS NULL AND r.method <> 'analyst'
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

// 3. What an interpretation explains.
MATCH (p:Plan {id: $docId})-[r:INTERPRETS]->(x) WHERE x.id <> coalesce($interprets, '')
DELETE r;

MATCH (p:Plan {id: $docId}), (x:Plan {id: $interprets})
MERGE (p)-[:INTERPRETS]->(x);
