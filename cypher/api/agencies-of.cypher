// A batch of plans' or measures' agencies with their roles.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Measure {id: id}) RETURN n
  UNION
  MATCH (n:Plan {id: id}) RETURN n
}
MATCH (n)-[r:INVOLVES]->(ag:Agency)
RETURN id, ag.id AS agencyId, n.id AS ownerId, r.role AS role
ORDER BY r.role, ag.id;
