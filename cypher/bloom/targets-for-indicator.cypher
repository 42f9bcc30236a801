// Bloom: "targets for indicator $indicator" — who sets targets for a quantity, and where.
MATCH (i:Indicator)
WHERE i.name = $indicator OR i.id = $indicator
MATCH path = (:Plan)-[:HAS_ACTION*0..1]->()-[:HAS_MEASURE*0..1]->()-[:TARGETS]->(i)
RETURN path
