// Agencies in the graph.
MATCH (ag:Agency)
RETURN ag {.*, __typename: 'Agency'} AS node
ORDER BY ag.name;
