// Documents filtered by level, region (name or code, including regions inside it) and kind; paginated.
MATCH (p:Plan)
WHERE ($level IS NULL OR p.level = $level)
  AND ($kind IS NULL OR p.kind = $kind)
  AND ($region IS NULL OR p.region = $region OR p.regionCode = $region
       OR EXISTS { (p)-[:COVERS]->(:Region)-[:PART_OF*0..3]->(g:Region) WHERE g.id = $region OR g.name = $region })
WITH p ORDER BY CASE p.level WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END,
                p.issuedOn DESC, p.id
WITH collect(p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN p.preamble END, __typename: 'Plan', national: p:NationalPlan}) AS hits
RETURN size(hits) AS totalCount, hits[$offset..$offset + $limit] AS nodes;
