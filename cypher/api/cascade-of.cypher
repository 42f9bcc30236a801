// A batch of plans' places in the cascade: parent, children (plans whose parent it is, by level and
// region), national plan, the plan link to the parent (the properties the API shows, its evidence too:
// there is no $withEvidence here), and a cited parent that is not loaded.
UNWIND $ids AS id
MATCH (p:Plan {id: id})
OPTIONAL MATCH (p)-[r:IMPLEMENTS]->(parent:Plan {id: p.parent})
RETURN id, p.parent AS parentId, p.nationalPlan AS nationalPlanId, p.missingParent AS missingParent,
       CASE WHEN r IS NULL THEN NULL
            ELSE r {.score, .method, .rank, .review, .reviewNote, .file, .sha256, .line, .start, .end, .evidence, fromId: p.id, toId: parent.id, reviewedAt: toString(r.reviewedAt)} END AS parentLink,
       COLLECT { MATCH (c:Plan {parent: p.id}) WHERE c.kind = 'plan'
                 RETURN c.id ORDER BY c.level, c.regionCode, c.id } AS childIds;
