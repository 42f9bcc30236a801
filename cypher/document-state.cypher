// What the graph holds of the given documents: their rows hash (to skip unchanged documents).
UNWIND $ids AS id
MATCH (p:Plan {id: id})
RETURN p.id AS id, p.rowsHash AS rowsHash;
