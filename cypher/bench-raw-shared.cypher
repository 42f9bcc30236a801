// bench:load baseline, once per run: the shared nodes (regions, indicators, agencies) of all documents,
// deduplicated beforehand, written with plain CREATE.
UNWIND $regions AS row
CREATE (r:Region) SET r.id = row.id, r.name = row.name, r.kind = row.kind;

UNWIND $indicators AS row
CREATE (i:Indicator) SET i.id = row.id, i.name = row.name, i.searchText = row.name;

UNWIND $agencies AS row
CREATE (a:Agency) SET a.id = row.id, a.name = row.name;

UNWIND $partOf AS row
MATCH (c:Region {id: row.child}), (p:Region {id: row.parent})
CREATE (c)-[:PART_OF]->(p);
