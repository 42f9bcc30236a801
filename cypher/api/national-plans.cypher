// The national plans in the graph (the bundled catalog first), or the one with $id.
MATCH (p:NationalPlan)
WHERE $id IS NULL OR p.id = $id
RETURN p {.*, __typename: 'Plan', national: true} AS node
ORDER BY CASE p.kind WHEN 'catalog' THEN 0 ELSE 1 END, p.id;
