// Documents filtered by level, region (name or code, including regions inside it) and kind; paginated.
// The regions inside $region and the plans covering them are found once, from the region (not by a walk
// up from every plan's regions); the page is cut before it is projected (the count needs no properties).
CALL () {
  OPTIONAL MATCH (g:Region) WHERE $region IS NOT NULL AND (g.id = $region OR g.name = $region)
  OPTIONAL MATCH (g)<-[:PART_OF*0..3]-(:Region)<-[:COVERS]-(c:Plan)
  RETURN collect(DISTINCT c) AS covered
}
MATCH (p:Plan)
WHERE ($level IS NULL OR p.level = $level)
  AND ($kind IS NULL OR p.kind = $kind)
  AND ($region IS NULL OR p.region = $region OR p.regionCode = $region OR p IN covered)
WITH p ORDER BY CASE p.level WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END,
                p.issuedOn DESC, p.id
WITH collect(p) AS hits
RETURN size(hits) AS totalCount,
       [p IN hits[$offset..$offset + $limit] | p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, preamble: CASE WHEN $withText THEN p.preamble END, __typename: 'Plan', national: p:NationalPlan}] AS nodes;
