// npx tsx bench/api-profile.ts — PROFILE of the API's hot Cypher (trace, coverage, search, implementations,
// nodes-by-id, links-from) on a loaded graph (the seeds + BENCH_PLANS generated plans, a Neo4j of its
// own): total db hits, rows out, and the operators that cost the most. The figures in docs/api-speed.md.
import type { ProfiledPlan } from 'neo4j-driver';
import { luceneQuery } from '../src/api/search.js';
import { cypher } from '../src/graph/cypher.js';
import { benchGraph } from './api-graph.js';

const PLANS = Number(process.env.BENCH_PLANS ?? 300);
const g = await benchGraph('.neo4j-bench-profile', 7692, 7479, PLANS);

function walk(p: ProfiledPlan, out: { op: string; hits: number; rows: number }[] = []) {
  out.push({ op: p.operatorType, hits: Number(p.dbHits), rows: Number(p.rows) });
  for (const c of p.children) walk(c, out);
  return out;
}

try {
  const session = g.driver.session({ database: g.cfg.NEO4J_DATABASE, defaultAccessMode: 'READ' });
  const ids = (
    await session.run(`MATCH (m:Measure {plan: '沪府发-2024-12'}) RETURN m.id AS id ORDER BY id`)
  ).records.map((r) => r.get('id') as string);
  const flags = { withText: false, withEvidence: false };
  const cases: [string, Record<string, unknown>][] = [
    ['trace', { measureId: '沪府发-2024-12/a1/m1', ...flags, withEvidence: true }],
    ['coverage', { planId: 'doc-003-ec6a7881f5664fda', of: null, ...flags }],
    ['search', { query: luceneQuery('随迁子女'), kinds: null, offset: 0, limit: 10, ...flags }],
    ['implementations', { taskId: '国发-2024-17/a1/m1', planIds: null, offset: 0, limit: 20, ...flags }],
    ['nodes-by-id', { ids, ...flags }],
    ['links-from', { ids, ...flags }],
  ];
  console.log(`graph: seeds + ${PLANS} generated plans; ${ids.length} ids for the batch queries`);
  for (const [name, params] of cases) {
    const text = cypher(`api/${name}`);
    const res = await session.run(text, params).then(
      () => session.run(`PROFILE ${text}`, params), // the second run, with the plan cached
      (err: unknown) => err as Error,
    );
    if (res instanceof Error) {
      console.log(`${name.padEnd(16)} failed: ${res.message}`);
      continue;
    }
    const ops = walk(res.summary.profile as ProfiledPlan);
    const hits = ops.reduce((s, o) => s + o.hits, 0);
    const bytes = Buffer.byteLength(JSON.stringify(res.records.map((r) => r.toObject())));
    const top = [...ops]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, 3)
      .map((o) => `${o.op} ${o.hits}`)
      .join(', ');
    console.log(
      `${name.padEnd(16)} db hits ${String(hits).padStart(7)}  rows ${String(res.records.length).padStart(4)}  result ${String(bytes).padStart(7)} B  | ${top}`,
    );
  }
  await session.close();
} finally {
  await g.close();
}
