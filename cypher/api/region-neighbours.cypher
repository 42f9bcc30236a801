// A batch of regions' parent and the plans covering them.
UNWIND $ids AS id
MATCH (g:Region {id: id})
OPTIONAL MATCH (g)-[:PART_OF]->(parent:Region)
WITH id, g, head(collect(parent.id)) AS parentId
OPTIONAL MATCH (p:Plan)-[:COVERS]->(g)
RETURN id, parentId, collect(p.id) AS planIds;
