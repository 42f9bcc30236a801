// A batch of indicators' targets across plans, by plan then year.
UNWIND $ids AS id
MATCH (i:Indicator {id: id})<-[t:TARGETS]-(n)
RETURN id, t {.*, ownerId: n.id, planId: coalesce(n.plan, n.id), indicatorId: i.id} AS target
ORDER BY coalesce(n.plan, n.id), t.year, t.key;
