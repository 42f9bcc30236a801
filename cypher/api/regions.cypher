// Regions in the graph, optionally of one kind.
MATCH (g:Region)
WHERE $kind IS NULL OR g.kind = $kind
RETURN g {.*, __typename: 'Region'} AS node
ORDER BY g.id;
