// Node and relationship counts by label and type (for load summaries and tests).
CALL () {
  MATCH (n) UNWIND labels(n) AS label RETURN label AS name, count(*) AS count, 'node' AS what
  UNION ALL
  MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count, 'relationship' AS what
}
RETURN what, name, count ORDER BY what, name;
