// The measures of a plan above ($of: a national plan — the default is the one the plans implement — or a
// parent plan) × plans (the given ones, else the plans one level below $of, else every plan under it):
// how many of each plan's measures implement each measure, through the levels between, and the best score.
// The links are walked once per plan, forwards from its own measures (the measure_plan index), and each
// cell is then looked up in its plan's few hits: walking backwards from every task for every plan read
// each task's links from all plans once per plan. Nodes carry the properties the API shows (their texts
// too: there is no $withText here), never the indexed searchText or the loader's bookkeeping.
MATCH (up:Plan)
WHERE up.id = coalesce($of, COLLECT { MATCH (n:NationalPlan) RETURN n.id ORDER BY n.kind <> 'catalog', n.id }[0])
MATCH (up)-[:HAS_ACTION]->(ua:Action)-[:HAS_MEASURE]->(t:Measure)
WITH up, ua, t ORDER BY ua.ordinal, ua.id, t.ordinal
WITH up, collect({task: t {.id, .title, .titleSimplified, .label, .ordinal, .plan, .national, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, .text, .textSimplified, .items, __typename: 'Measure'},
                  action: ua {.id, .title, .titleSimplified, .label, .ordinal, .kind, .plan, .confidence, .keywords, .file, .sha256, .line, .endLine, .start, .end, .format, .page, .pageLine, .paragraph, .element, .ocr, .text, .textSimplified, __typename: 'Action'}}) AS tasks
OPTIONAL MATCH (p:Plan)
WHERE p.kind = 'plan' AND NOT p:NationalPlan
  AND CASE WHEN $planIds IS NOT NULL THEN p.id IN $planIds
           WHEN up:NationalPlan THEN p.nationalPlan = up.id
           ELSE p.parent = up.id END
WITH tasks, p ORDER BY CASE p.level WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END, p.regionCode, p.id
WITH tasks, collect(p {.id, .title, .titleSimplified, .kind, .level, .region, .regionCode, .issuer, .docNumber, .issuedOn, .periodStart, .periodEnd, .format, .file, .sha256, .parent, .nationalPlan, .missingParent, .preamble, __typename: 'Plan', national: false}) AS plans
// Per plan (in the plans' order): the tasks its measures reach, each with the number of measures and the
// best score (the weakest link's of a path; a measure's best path counts).
CALL (tasks, plans) {
  UNWIND plans AS p
  OPTIONAL CALL (p, tasks) {
    MATCH path = (m:Measure {plan: p.id})-[:IMPLEMENTS*1..3]->(t:Measure)
    WHERE t.id IN [x IN tasks | x.task.id]
      AND all(r IN relationships(path) WHERE coalesce(r.review, '') <> 'REJECT')
      AND all(x IN nodes(path) WHERE x:Measure)
    WITH t, m, max(reduce(s = 1.0, r IN relationships(path) | CASE WHEN r.score < s THEN r.score ELSE s END)) AS score
    WITH t, count(m) AS links, max(score) AS bestScore
    RETURN collect({taskId: t.id, links: links, bestScore: bestScore}) AS reached
  }
  RETURN collect(coalesce(reached, [])) AS hitsByPlan
}
// One row: the plans once, and a row per task with its cells (no plans when there are no tasks).
RETURN CASE WHEN size(tasks) = 0 THEN [] ELSE plans END AS plans,
       [row IN tasks | {task: row.task, action: row.action, cells:
        [i IN range(0, size(plans) - 1) |
         coalesce(head([h IN hitsByPlan[i] WHERE h.taskId = row.task.id | {planId: plans[i].id, links: h.links, bestScore: h.bestScore}]),
                  {planId: plans[i].id, links: 0, bestScore: null})]}] AS rows;
