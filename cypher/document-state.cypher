// What the graph holds of the given documents: the hashes of their content and links parts (to skip
// what is unchanged) and the skip key of their last load.
UNWIND $ids AS id
MATCH (p:Plan {id: id})
RETURN p.id AS id, p.contentHash AS contentHash, p.linksHash AS linksHash;
