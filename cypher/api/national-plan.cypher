// The national plan.
MATCH (p:NationalPlan)
RETURN p {.*, __typename: 'Plan', national: true} AS node
ORDER BY p.kind = 'catalog'
LIMIT 1;
