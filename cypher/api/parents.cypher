// A batch of measures' and actions' owners: the action of a measure, the plan of both.
UNWIND $ids AS id
OPTIONAL MATCH (a:Action)-[:HAS_MEASURE]->(:Measure {id: id})
WITH id, a
OPTIONAL MATCH (p:Plan {id: coalesce(a.plan, split(id, '/')[0])})
RETURN id, a.id AS actionId, p.id AS planId;
