// The national plans in the graph (the bundled catalog first), or the one with $id.
MATCH (p:NationalPlan)
WHERE $id IS NULL OR p.id = $id
RETURN p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN p.preamble END, __typename: 'Plan', national: true} AS node
ORDER BY CASE p.kind WHEN 'catalog' THEN 0 ELSE 1 END, p.id;
