// The plan an export is about (none: the export answers 404).
MATCH (p:Plan {id: $planId})
RETURN p.id AS id, p.title AS title, p.level AS level, p.kind AS kind, p:NationalPlan AS national;
