// Server version and total node count (the count store answers it without a scan).
CALL dbms.components() YIELD versions, edition
CALL () { MATCH (n) RETURN count(n) AS nodeCount }
RETURN versions[0] AS version, edition, nodeCount
