// A batch of agencies' plans with the agency's role in each.
UNWIND $ids AS id
MATCH (p:Plan)-[r:INVOLVES]->(:Agency {id: id})
RETURN id, id AS agencyId, p.id AS ownerId, r.role AS role
ORDER BY p.id;
