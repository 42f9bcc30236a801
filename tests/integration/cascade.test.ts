// The cascade in the real graph: the graph does not depend on the order or the batches documents come
// in (an interpretation before its plan, a county before its city and province); a parent loaded later
// re-links its children; the API traces a county measure through every level and gives the status board.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AlignmentMethod,
  ObligationState,
  PlanLevel,
  TraceStepKind,
} from '../../src/api/__generated__/resolvers-types.js';
import type { Config } from '../../src/config.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { cascadeLabels, CORPUS } from '../support/cascade-labels.js';
import { emptyGraph, fingerprint, testDriver } from '../support/graph.js';

let cfg: Config;
let driver: Driver;
const load = (inputs: string[]) => loadInputs(driver, cfg.NEO4J_DATABASE, inputs, { curated: false });

beforeAll(() => ({ cfg, driver } = testDriver()));
afterAll(async () => driver.close());

const SEEDS = [
  'seeds/000_c51c4008d2d0f852.txt',
  'seeds/001_cfc62b0174b6011a.txt',
  'seeds/003_ec6a7881f5664fda.txt',
];

/** Every way to load these files: each order of each split into consecutive batches. */
function schedules<T>(items: T[]): T[][][] {
  const perms = (xs: T[]): T[][] =>
    xs.length <= 1
      ? [xs]
      : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
  const splits = (xs: T[]): T[][][] =>
    xs.length === 0
      ? [[]]
      : xs.flatMap((_, i) => splits(xs.slice(i + 1)).map((rest) => [xs.slice(0, i + 1), ...rest]));
  const seen = new Set<string>();
  const out: T[][][] = [];
  for (const p of perms(items))
    for (const s of splits(p)) {
      // Batches are sets: [a,b] then [c] is the same schedule as [b,a] then [c].
      const key = JSON.stringify(s.map((b) => [...b].map(String).sort()));
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  return out;
}

async function loadedBy(schedule: string[][]): Promise<string[]> {
  await emptyGraph(driver);
  for (const batch of schedule) {
    const s = await load(batch);
    expect(s.failed).toEqual([]);
  }
  return fingerprint(driver);
}

describe('an order-independent graph', () => {
  it('is the same for the seeds in every order and every split into batches', async () => {
    const reference = await loadedBy([SEEDS]);
    const all = schedules(SEEDS);
    expect(all).toHaveLength(13);
    for (const schedule of all) {
      const got = await loadedBy(schedule);
      expect(got, JSON.stringify(schedule)).toEqual(reference);
    }
  }, 600_000);

  it('is the same for a county, its city and its province loaded bottom-up, and re-links as parents arrive', async () => {
    const chain = ['hubei', 'yichang', 'yidu'].map((f) => `${CORPUS}/cascade/${f}.txt`);
    const reference = await loadedBy([chain]);
    await emptyGraph(driver);
    const county = await load([chain[2]!]);
    expect(county.placements[0]).toMatchObject({ plan: '都政发-2025-12', parent: '国发-2024-17' });
    expect(county.placements[0]!.missing).toBe('宜昌市新型城镇化实施方案');
    const city = await load([chain[1]!]);
    expect(city.relinked).toContain('都政发-2025-12');
    const province = await load([chain[0]!]);
    expect(province.relinked).toEqual(expect.arrayContaining(['宜府发-2025-7']));
    expect(await fingerprint(driver)).toEqual(reference);
  }, 600_000);
});

describe('the cascade through the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    await emptyGraph(driver);
    await load([`${CORPUS}/cascade`]);
    api = await startTestApi();
  }, 600_000);
  afterAll(async () => api.close());

  /** The data of a query that must succeed, in the shape its selection gives (`T`, written by the caller). */
  const ok = async <T>(q: string, v: Record<string, unknown> = {}): Promise<T> => {
    const res = await api.gql<T>(q, v);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  type Id = { id: string };

  it('traces a county measure through the city and the province to the national plan', async () => {
    const d = await ok<{
      trace: {
        level: PlanLevel;
        aligned: boolean;
        path: {
          kind: TraceStepKind;
          level: PlanLevel;
          bypassed: PlanLevel[];
          node: Id;
          link: { score: number; method: AlignmentMethod } | null;
        }[];
        planChain: { level: PlanLevel; node: Id; link: { method: AlignmentMethod } | null }[];
      };
    }>(`{ trace(measureId: "都政发-2025-12/a3/m2") { level aligned
      path { kind level bypassed node { id } link { score method } }
      planChain { level node { id } link { method } } } }`);
    expect(d.trace.level).toBe('COUNTY');
    expect(d.trace.path.map((s) => [s.kind, s.level])).toEqual([
      ['MEASURE', 'MUNICIPAL'],
      ['MEASURE', 'PROVINCIAL'],
      ['TASK', 'NATIONAL'],
      ['ACTION', 'NATIONAL'],
      ['PLAN', 'NATIONAL'],
    ]);
    expect(d.trace.path[0]!.node.id).toMatch(/^宜府发-2025-7\//);
    expect(d.trace.path[2]!.node.id).toBe('国发-2024-17/a4/m4');
    expect(d.trace.planChain.map((s) => s.node.id)).toEqual([
      '宜府发-2025-7',
      '鄂政发-2024-19',
      '国发-2024-17',
    ]);
    expect(d.trace.planChain[0]!.link!.method).toBe('EXPLICIT');
  });

  it('says where a level is bypassed', async () => {
    const d = await ok<{
      trace: { path: { kind: TraceStepKind; level: PlanLevel; bypassed: PlanLevel[]; node: Id }[] };
    }>(`{ trace(measureId: "宜府发-2025-7/a4/m3") { path { kind level bypassed node { id } } } }`);
    expect(d.trace.path[0]).toMatchObject({ kind: 'TASK', level: 'NATIONAL', bypassed: ['PROVINCIAL'] });
  });

  it('answers plan { parent children level } and coverage of a parent', async () => {
    const d = await ok<{
      plan: {
        level: PlanLevel;
        parent: Id | null;
        children: (Id & { level: PlanLevel })[];
        nationalPlan: Id | null;
      } | null;
      coverage: { national: Id; covered: number; total: number };
    }>(`{ plan(id: "鄂政发-2024-19") { level parent { id } children { id level }
        nationalPlan { id } }
      coverage(planId: "武政-2025-8", of: "鄂政发-2024-19") { national { id } covered total } }`);
    expect(d.plan!.level).toBe('PROVINCIAL');
    expect(d.plan!.parent!.id).toBe('国发-2024-17');
    expect(d.plan!.children.map((c) => c.id).sort()).toEqual(['宜府发-2025-7', '武政-2025-8']);
    expect(d.coverage.national.id).toBe('鄂政发-2024-19');
    expect(d.coverage.total).toBe(21);
    expect(d.coverage.covered).toBeGreaterThan(10);
  });

  it("gives a province's measures × its cities, and implementations grouped by level", async () => {
    const d = await ok<{
      alignmentMatrix: { plans: Id[]; rows: { task: Id; cells: { planId: string; links: number }[] }[] };
      implementations: {
        totalCount: number;
        levels: { level: PlanLevel; count: number }[];
        nodes: { from: Id; via: Id[] }[];
      };
    }>(`{ alignmentMatrix(of: "鄂政发-2024-19") { plans { id } rows { task { id } cells { planId links } } }
      implementations(of: "国发-2024-17/a1/m3") { totalCount levels { level count } nodes { from { id } via { id } } } }`);
    expect(d.alignmentMatrix.plans.map((p) => p.id).sort()).toEqual(['宜府发-2025-7', '武政-2025-8']);
    expect(d.alignmentMatrix.rows).toHaveLength(21);
    const levels = Object.fromEntries(d.implementations.levels.map((l) => [l.level, l.count]));
    expect(levels.PROVINCIAL).toBeGreaterThan(0);
    expect(levels.MUNICIPAL).toBeGreaterThan(0);
    expect(d.implementations.nodes.some((n) => n.via.length > 0)).toBe(true);
  });

  it('gives the status board the labeller expects (on time, late, not issued and overdue)', async () => {
    const labels = cascadeLabels();
    type Board = {
      status: { regionName: string | null; status: ObligationState; plan: Id | null; due: string }[];
    };
    for (const plan of ['鄂政发-2024-19', '宜府发-2025-7', '苏政发-2024-98', '苏府-2025-23']) {
      const d = await ok<Board>(
        `query($p: ID!) { status(of: $p, asOf: "2025-12-01") { regionName status plan { id } due } }`,
        { p: plan },
      );
      for (const want of labels.status.filter((s) => s.plan === plan)) {
        const got = d.status.find((s) => s.regionName === want.region);
        expect(got, `${plan} ${want.region}`).toBeDefined();
        const expected = { on_time: 'ON_TIME', late: 'LATE', not_issued: 'OVERDUE' }[want.status];
        expect(got!.status, `${plan} ${want.region}`).toBe(expected);
        expect(got!.plan?.id ?? null).toBe(want.child);
      }
    }
    const early = await ok<{ status: Pick<Board['status'][number], 'regionName' | 'status'>[] }>(
      `{ status(of: "鄂政发-2024-19", asOf: "2025-01-01") { regionName status } }`,
    );
    expect(early.status.find((s) => s.regionName === '襄阳市')!.status).toBe('NOT_DUE');
  });

  it('exports the status board as CSV', async () => {
    const res = await fetch(
      `${api.base}/export/status.csv?plan=${encodeURIComponent('鄂政发-2024-19')}&asOf=2025-12-01`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('region_id,region,status,due,issued_on,plan_id,what,subject,obligation,line');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[1], r[2]]).sort()).toEqual([
      ['宜昌市', 'LATE'],
      ['武汉市', 'ON_TIME'],
      ['襄阳市', 'OVERDUE'],
    ]);
    expect((await fetch(`${api.base}/export/status.csv?plan=nope`)).status).toBe(404);
  });

  it("lists a plan's obligations with what is due, by when and from whom", async () => {
    const d = await ok<{
      obligations: {
        due: string;
        what: string;
        subject: string | null;
        planDue: boolean;
        obligedLevel: PlanLevel | null;
        owner: Id;
        source: { line: number };
        statuses: { status: ObligationState }[];
      }[];
    }>(`{ obligations(planId: "鄂政发-2024-19", asOf: "2025-12-01") { due what subject planDue obligedLevel
      owner { id } source { line } statuses { status } } }`);
    const planDue = d.obligations.find((o) => o.planDue);
    expect(planDue).toMatchObject({ due: '2025-06-30', obligedLevel: 'MUNICIPAL' });
    expect(planDue!.what).toMatch(/实施方案/);
    expect(planDue!.statuses.length).toBeGreaterThan(2);
  });

  it('lists the national plans, each with its own provinces', async () => {
    const d = await ok<{ nationalPlans: (Id & { children: Id[] })[] }>(
      `{ nationalPlans { id children { id } } }`,
    );
    const byId = Object.fromEntries(d.nationalPlans.map((p) => [p.id, p.children.map((c) => c.id)]));
    expect(byId['国发-2024-17']).toEqual(expect.arrayContaining(['鄂政发-2024-19', '苏政发-2024-98']));
    expect(byId['国办发-2025-9']).toEqual(['苏政办发-2025-21']);
  });
});
