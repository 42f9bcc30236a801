// Analysts' decisions on measure → task IMPLEMENTS links: labelled data for `plantrace calibrate`.
// A review (CONFIRM / REJECT, set by cypher/api/review.cypher) on any link, and every link an analyst
// added (method 'analyst', cypher/api/add-alignment.cypher, which confirms it). Parameters: $limit.
MATCH (f:Measure)-[r:IMPLEMENTS]->(t:Measure)
WHERE r.review IN ['CONFIRM', 'REJECT'] OR r.method = 'analyst'
RETURN f.id AS from,
       t.id AS to,
       coalesce(r.review, 'CONFIRM') AS decision,
       r.method = 'analyst' AS added,
       coalesce(f.plan, r.source) AS plan,
       f.file AS file
ORDER BY from, to
LIMIT $limit;
