// npx tsx bench/api-profile.ts — PROFILE of every query in cypher/api/ on a loaded graph (the seeds +
// BENCH_PLANS generated plans, default 300, in a Neo4j of its own), with the parameters the resolvers
// send: total db hits, rows out, the size of the result as JSON, and the operators that cost the most.
// The two writes (review, add-alignment) are profiled in a transaction that is rolled back. Each query is
// run once before its PROFILE, so the figures are of a cached plan. PROFILE_TREE=trace,coverage (or
// `all`) also prints those queries' operator trees (rows, db hits, details). The figures in
// docs/api-speed.md.
import { pathToFileURL } from 'node:url';
import type { Driver, ProfiledPlan, ResultSummary } from 'neo4j-driver';
import { luceneQuery } from '../src/api/search.js';
import { cypher } from '../src/graph/cypher.js';
import { benchGraph } from './api-graph.js';

interface Operator {
  op: string;
  hits: number;
  rows: number;
  details: string;
  depth: number;
}

function walk(p: ProfiledPlan, depth = 0, out: Operator[] = []): Operator[] {
  const details = p.arguments.Details;
  out.push({
    op: p.operatorType.replace(/@neo4j$/, ''),
    hits: Number(p.dbHits),
    rows: Number(p.rows),
    details: typeof details === 'string' ? details : '',
    depth,
  });
  for (const c of p.children) walk(c, depth + 1, out);
  return out;
}

export interface Profiled {
  name: string;
  hits: number;
  rows: number;
  bytes: number;
  top: string;
  tree: string;
}

/** Ids of the graph the cases are built from (the Shanghai seed plan and its neighbours). */
async function sampleIds(driver: Driver, database: string) {
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  try {
    const list = async (q: string) => (await session.run(q)).records.map((r) => r.get(0) as string);
    return {
      measures: await list(`MATCH (m:Measure {plan: '沪府发-2024-12'}) RETURN m.id ORDER BY m.id`),
      actions: await list(`MATCH (a:Action {plan: '沪府发-2024-12'}) RETURN a.id ORDER BY a.id`),
      plans: await list(`MATCH (p:Plan) WHERE p.kind = 'plan' RETURN p.id ORDER BY p.id LIMIT 20`),
      tasks: await list(`MATCH (m:Measure {plan: '国发-2024-17'}) RETURN m.id ORDER BY m.id LIMIT 20`),
      indicators: await list(`MATCH (i:Indicator) RETURN i.id ORDER BY i.id LIMIT 20`),
      regions: await list(`MATCH (g:Region) RETURN g.id ORDER BY g.id LIMIT 20`),
      agencies: await list(`MATCH (a:Agency) RETURN a.id ORDER BY a.id LIMIT 20`),
      obligations: await list(`MATCH (o:Obligation) WHERE o.planDue RETURN o.key ORDER BY o.key LIMIT 20`),
      link: (
        await session.run(
          `MATCH (f:Measure {plan: '沪府发-2024-12'})-[:IMPLEMENTS]->(t) RETURN f.id, t.id ORDER BY f.id LIMIT 1`,
        )
      ).records.map((r) => [r.get(0) as string, r.get(1) as string])[0] ?? ['', ''],
    };
  } finally {
    await session.close();
  }
}

/** The cases: each API query with the parameters its resolver or loader sends. */
async function cases(driver: Driver, database: string) {
  const ids = await sampleIds(driver, database);
  const text = { withText: false };
  const evidence = { withEvidence: false };
  const today = '2025-07-01';
  const [from, to] = ids.link;
  const cases: [string, Record<string, unknown>, 'READ' | 'WRITE'][] = [
    [
      'trace',
      { measureId: '沪府发-2024-12/a1/m1', withText: false, withEvidence: true, allFields: false },
      'READ',
    ],
    ['coverage', { planId: 'doc-003-ec6a7881f5664fda', of: null, ...text, ...evidence }, 'READ'],
    ['search', { query: luceneQuery('随迁子女'), kinds: null, offset: 0, limit: 10 }, 'READ'],
    [
      'implementations',
      { taskId: '国发-2024-17/a1/m1', planIds: null, offset: 0, limit: 20, ...evidence },
      'READ',
    ],
    ['matrix', { planIds: null, of: null }, 'READ'],
    ['plans', { level: null, kind: null, region: null, offset: 0, limit: 20, ...text }, 'READ'],
    ['plans', { level: null, kind: null, region: '310000', offset: 0, limit: 20, ...text }, 'READ'],
    ['national-plans', { id: null, ...text }, 'READ'],
    ['status', { planId: '国发-2024-17', today }, 'READ'],
    ['obligations', { planId: '国发-2024-17' }, 'READ'],
    ['indicators', {}, 'READ'],
    ['regions', { kind: null }, 'READ'],
    ['agencies', {}, 'READ'],
    ['nodes-by-id', { ids: ids.measures, ...text }, 'READ'],
    ['parents', { ids: ids.measures }, 'READ'],
    ['actions-of-plans', { ids: ids.plans, ...text }, 'READ'],
    ['measures-of-actions', { ids: ids.actions, ...text }, 'READ'],
    ['links-from', { ids: ids.measures, ...evidence }, 'READ'],
    ['links-to', { ids: ids.tasks, ...evidence }, 'READ'],
    [
      'plan-tree',
      {
        ids: ['沪府发-2024-12'],
        withPlan: true,
        planText: false,
        actionText: false,
        withMeasures: true,
        measureText: false,
        withLinks: true,
        ...evidence,
        withTo: true,
        toText: false,
      },
      'READ',
    ],
    ['cascade-of', { ids: ids.plans }, 'READ'],
    ['targets-of', { ids: ids.measures }, 'READ'],
    ['targets-of-indicators', { ids: ids.indicators }, 'READ'],
    ['regions-of', { ids: ids.measures }, 'READ'],
    ['agencies-of', { ids: ids.measures }, 'READ'],
    ['plans-of-agencies', { ids: ids.agencies }, 'READ'],
    ['region-neighbours', { ids: ids.regions }, 'READ'],
    ['interpretations', { ids: ids.plans }, 'READ'],
    ['obligations-of', { ids: ids.plans }, 'READ'],
    ['statuses-of', { ids: ids.obligations, today }, 'READ'],
    ['review', { from, to, decision: 'CONFIRM', note: null }, 'WRITE'],
    ['add-alignment', { from, to, note: 'bench', score: 1, evidence: '[]' }, 'WRITE'],
  ];
  return { ids, cases };
}

/** PROFILE of every case (`only`: just those names); writes in a transaction rolled back. */
export async function profileAll(driver: Driver, database: string, only?: string[]): Promise<Profiled[]> {
  const { cases: all } = await cases(driver, database);
  const out: Profiled[] = [];
  for (const [name, params, mode] of all) {
    if (only && !only.includes(name)) continue;
    const text = cypher(`api/${name}`);
    const session = driver.session({ database, defaultAccessMode: mode });
    const tx = session.beginTransaction();
    try {
      await tx.run(text, params); // the plan cached
      const res = await tx.run(`PROFILE ${text}`, params);
      const summary: ResultSummary = res.summary;
      const ops = walk(summary.profile as ProfiledPlan);
      out.push({
        name,
        hits: ops.reduce((s, o) => s + o.hits, 0),
        rows: res.records.length,
        bytes: Buffer.byteLength(JSON.stringify(res.records.map((r) => r.toObject()))),
        top: [...ops]
          .sort((a, b) => b.hits - a.hits)
          .slice(0, 3)
          .map((o) => `${o.op} ${o.hits}`)
          .join(', '),
        tree: ops
          .map(
            (o) =>
              `${'  '.repeat(o.depth)}${o.op}  rows ${o.rows}  hits ${o.hits}  ${o.details.replace(/\s+/g, ' ').slice(0, 160)}`,
          )
          .join('\n'),
      });
    } catch (err) {
      out.push({ name, hits: -1, rows: 0, bytes: 0, top: `failed: ${(err as Error).message}`, tree: '' });
    } finally {
      await tx.rollback().catch(() => {});
      await session.close();
    }
  }
  return out;
}

export function report(results: Profiled[], trees: string[] = []): string {
  return results
    .map((r) => {
      const line = `${r.name.padEnd(22)} db hits ${String(r.hits).padStart(7)}  rows ${String(r.rows).padStart(4)}  result ${String(r.bytes).padStart(7)} B  | ${r.top}`;
      return trees.includes(r.name) || trees.includes('all') ? `${line}\n${r.tree}` : line;
    })
    .join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const PLANS = Number(process.env.BENCH_PLANS ?? 300);
  const trees = (process.env.PROFILE_TREE ?? '').split(',').filter(Boolean);
  const g = await benchGraph('.neo4j-bench-profile', 7692, 7479, PLANS);
  try {
    const results = await profileAll(g.driver, g.cfg.NEO4J_DATABASE);
    console.log(`graph: seeds + ${PLANS} generated plans; 20 ids (or all of a plan's) for the batch queries`);
    console.log(report(results, trees));
  } finally {
    await g.close();
  }
}
