// Every plan in the graph as parent resolution needs it (src/align/parents.ts PlanRef), with the
// placement and state stored by the last load: enough to re-link a child when its parent arrives.
MATCH (p:Plan)
RETURN p.id AS id, p.titleSimplified AS title, p.docNumber AS docNumber, p.level AS level,
       p.kind AS kind, p.regionCode AS regionCode, p.region AS region, p.issuedOn AS issuedOn,
       coalesce(p.cites, '[]') AS cites, p.parent AS parent, p.nationalPlan AS nationalPlan,
       p.interprets AS interprets, p.contentHash AS contentHash, p.linksHash AS linksHash,
       p.loadKey AS loadKey, p.sha256 AS sha256
ORDER BY id;
