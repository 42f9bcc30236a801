// A batch of measures' or plans' named regions.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
}
MATCH (n)-[r:MENTIONS]->(g:Region)
RETURN id, g.id AS regionId, r.mention AS mention
ORDER BY g.id;
