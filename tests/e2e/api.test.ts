import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AlignmentMethod,
  ReviewDecision,
  SearchKind,
  Source,
  Target,
  TraceStepKind,
} from '../../src/api/__generated__/resolvers-types.js';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { loadedGraph } from '../support/graph.js';
import { startTestApi, type TestApi } from '../support/api.js';

const SH = '沪府发-2024-12';
const ZJ = 'doc-003-ec6a7881f5664fda';
const KEY = 'test-key';

let t: TestApi;
beforeAll(async () => {
  await loadedGraph();
  t = await startTestApi({ PLANTRACE_API_KEY: KEY });
});
afterAll(async () => t.close());

/** The data of a query that must succeed, in the shape its selection gives (`T`, written by the caller). */
const ok = async <T>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> => {
  const res = await t.gql<T>(query, variables, headers);
  expect(res.errors).toBeUndefined();
  return res.data!;
};
type Id = { id: string };
const errorCode = async (
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => (await t.gql(query, variables, headers)).errors?.[0]?.extensions?.code;

describe('trace', () => {
  it('leads Shanghai’s 优化户籍和居住证政策 to 进一步深化户籍制度改革, its action and the national plan', async () => {
    const d = await ok<{
      trace: {
        measure: { title: string };
        aligned: boolean;
        path: {
          kind: TraceStepKind;
          node: { id: string; title: string };
          link: {
            score: number;
            method: AlignmentMethod;
            evidence: { kind: string; text: string; from: { start: number; end: number } | null }[];
          } | null;
        }[];
      };
    }>(`{ trace(measureId: "${SH}/a1/m1") {
      measure { title } aligned
      path { kind node { id title } link { score method evidence { kind text from { start end } } } } } }`);
    const tr = d.trace;
    expect(tr.measure.title).toBe('优化户籍和居住证政策');
    expect(tr.path.map((s) => [s.kind, s.node.id])).toEqual([
      ['TASK', '国发-2024-17/a1/m1'],
      ['ACTION', '国发-2024-17/a1'],
      ['PLAN', '国发-2024-17'],
    ]);
    expect(tr.path[0]!.node.title).toBe('进一步深化户籍制度改革');
    expect(tr.path[0]!.link!.method).toBe('LEXICAL');
    expect(tr.path[0]!.link!.score).toBeGreaterThan(0.65);
    expect(tr.path[0]!.link!.evidence.some((e) => e.kind === 'term' && e.text === '户籍')).toBe(true);
    expect(tr.path[1]!.link!.method).toBe('EXPLICIT'); // the interpretation says so
    expect(tr.path[2]!.link!.method).toBe('EXPLICIT'); // the plan cites the national plan
  });

  it('answers a selection of ids and titles (the light projection) as it answers the same fields among all', async () => {
    type Step = { kind: TraceStepKind; node: Record<string, unknown>; link: Record<string, unknown> | null };
    const light = `{ trace(measureId: "${SH}/a1/m1") { level measure { id title } path { kind
      node { id title ... on Measure { plan { id } action { id } } } link { score method rank review { decision } } }
      planChain { node { id title ... on Plan { kind level national } } } otherLinks { score to { id } } } }`;
    // The same, and fields only the full projection holds (label, source, issuer …).
    const all = light
      .replace('measure { id title }', 'measure { id title label source { line } }')
      .replace('... on Measure {', '... on Measure { label titleSimplified source { file line }')
      .replace('... on Plan {', '... on Plan { issuer region { id }');
    const a = await ok<{ trace: { path: Step[] } }>(light);
    const b = await ok<{ trace: { path: Step[] } }>(all);
    expect(b.trace).toMatchObject(a.trace);
    expect(a.trace.path.length).toBeGreaterThan(2);
  });

  it('gives an empty path and the rejected candidates for a measure with no national counterpart', async () => {
    const d = await ok<{
      trace: { aligned: boolean; path: { kind: TraceStepKind }[]; candidates: { task: Id; score: number }[] };
    }>(`{ trace(measureId: "${SH}/a3/m1") { aligned path { kind } candidates { task { id } score } } }`);
    expect(d.trace.aligned).toBe(false);
    expect(d.trace.path).toEqual([]);
    expect(d.trace.candidates.length).toBeGreaterThan(0);
    expect(d.trace.candidates[0]!.score).toBeLessThan(0.65);
  });

  it('shows the exact source text of a measure', async () => {
    const d = await ok<{
      measure: { source: Pick<Source, 'file' | 'line' | 'start' | 'end' | 'text'> } | null;
    }>(`{ measure(id: "${SH}/a1/m1") { source { file line start end text } } }`);
    expect(d.measure!.source).toMatchObject({ file: '000_c51c4008d2d0f852.txt', line: 27 });
    expect(d.measure!.source.text.startsWith('优化户籍和居住证政策。')).toBe(true);
  });
});

describe('coverage, implementations, matrix', () => {
  it('reports Zhejiang’s coverage of the national tasks, with the gaps', async () => {
    const d = await ok<{
      coverage: {
        covered: number;
        total: number;
        ratio: number;
        tasks: {
          task: { id: string; title: string };
          covered: boolean;
          linkCount: number;
          best: { from: Id; score: number }[];
        }[];
      };
    }>(`{ coverage(planId: "${ZJ}") { covered total ratio
      tasks { task { id title } covered linkCount best { from { id } score } } } }`);
    const c = d.coverage;
    expect(c.total).toBe(20);
    expect(c.covered).toBe(c.tasks.filter((x) => x.covered).length);
    expect(c.ratio).toBeCloseTo(c.covered / 20);
    const a1 = c.tasks.filter((x) => x.task.id.startsWith('国发-2024-17/a1/'));
    expect(a1.every((x) => x.covered)).toBe(true);
    const hukou = c.tasks.find((x) => x.task.id === '国发-2024-17/a1/m1');
    expect(hukou!.best[0]!.from.id).toBe(`${ZJ}/a1/m6`); // 进一步放开放宽落户条件
    expect(c.tasks.some((x) => !x.covered)).toBe(true);
  });

  it('lists the local measures implementing a national task, filtered by plan and paginated', async () => {
    type Froms = { implementations: { nodes: { from: Id }[] } };
    const all = await ok<Froms & { implementations: { totalCount: number } }>(
      `{ implementations(nationalTaskId: "国发-2024-17/a1/m1") { totalCount nodes { from { id } } } }`,
    );
    expect(all.implementations.nodes.map((n) => n.from.id)).toEqual(
      expect.arrayContaining([`${SH}/a1/m1`, `${ZJ}/a1/m6`]),
    );
    const zj = await ok<Froms>(
      `{ implementations(nationalTaskId: "国发-2024-17/a1/m1", planIds: ["${ZJ}"]) { nodes { from { id } } } }`,
    );
    expect(zj.implementations.nodes.map((n) => n.from.id)).toEqual([`${ZJ}/a1/m6`]);
    type Scores = { implementations: { nodes: { score: number }[] } };
    const page = await ok<
      Scores & {
        implementations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      }
    >(
      `{ implementations(nationalTaskId: "国发-2024-17/a3/m1", first: 1) { totalCount nodes { score } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(page.implementations.nodes).toHaveLength(1);
    expect(page.implementations.pageInfo.hasNextPage).toBe(page.implementations.totalCount > 1);
    const next = await ok<Scores>(
      `query($after: String) { implementations(nationalTaskId: "国发-2024-17/a3/m1", first: 1, after: $after) { nodes { score } } }`,
      {
        after: page.implementations.pageInfo.endCursor,
      },
    );
    expect(next.implementations.nodes[0]!.score).toBeLessThanOrEqual(page.implementations.nodes[0]!.score);
  });

  it('gives the task × plan matrix, also as CSV', async () => {
    const d = await ok<{
      alignmentMatrix: {
        plans: Id[];
        rows: { task: Id; cells: { planId: string; links: number; bestScore: number | null }[] }[];
      };
    }>(`{ alignmentMatrix { plans { id } rows { task { id } cells { planId links bestScore } } } }`);
    expect(d.alignmentMatrix.plans.map((p) => p.id).sort()).toEqual([ZJ, SH].sort());
    const row = d.alignmentMatrix.rows.find((r) => r.task.id === '国发-2024-17/a1/m1');
    expect(row!.cells.find((c) => c.planId === ZJ)!.links).toBe(1);
    const csv = await (
      await fetch(`${t.base}/alignment-matrix.csv?planIds=${encodeURIComponent(ZJ)}`)
    ).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`task_id,task,action,${ZJ} links,${ZJ} best_score`);
    expect(lines).toHaveLength(21);
  });
});

describe('targets and search', () => {
  it('compares one quantity across plans whatever its phrasing', async () => {
    const d = await ok<{
      compareTargets: {
        indicator: { id: string; name: string } | null;
        targets: (Pick<Target, 'value' | 'unit' | 'comparator' | 'year'> & { plan: Id })[];
      };
    }>(
      `{ compareTargets(indicator: "城镇化率") { indicator { id name } targets { value unit comparator year plan { id } } } }`,
    );
    expect(d.compareTargets.indicator!.name).toBe('常住人口城镇化率');
    expect(d.compareTargets.targets).toContainEqual({
      value: 77,
      unit: '%',
      comparator: 'approx',
      year: 2028,
      plan: { id: ZJ },
    });
    expect(d.compareTargets.targets).toContainEqual(
      expect.objectContaining({ value: 70, plan: { id: '国发-2024-17' } }),
    );
  });

  it('finds the same hits for 随迁子女 and 隨遷子女, with marked snippets', async () => {
    const q = `query($text: String!) { search(text: $text, kinds: [MEASURE], first: 20) { totalCount nodes { kind snippet node { ... on Measure { id } } } } }`;
    type Hits = { search: { totalCount: number; nodes: { kind: SearchKind; snippet: string; node: Id }[] } };
    const simplified = await ok<Hits>(q, { text: '随迁子女' });
    const traditional = await ok<Hits>(q, { text: '隨遷子女' });
    const ids = (d: Hits) => d.search.nodes.map((n) => n.node.id);
    expect(ids(simplified)).toEqual(ids(traditional));
    expect(ids(simplified)).toEqual(
      expect.arrayContaining([`${SH}/a1/m4`, `${ZJ}/a1/m3`, '国发-2024-17/a1/m4']),
    );
    expect(simplified.search.nodes[0]!.snippet).toMatch(/<mark>(随迁子女|隨遷子女)<\/mark>/);
  });
});

describe('reviews and analysts’ links', () => {
  const review = `mutation($from: ID!, $to: ID!, $d: ReviewDecision!) { reviewAlignment(from: $from, to: $to, decision: $d, note: "checked") { method review { decision note at } } }`;
  type Reviewed = {
    reviewAlignment: {
      method: AlignmentMethod;
      review: { decision: ReviewDecision; note: string | null; at: string } | null;
    };
  };

  it('refuses mutations without the API key', async () => {
    expect(await errorCode(review, { from: `${ZJ}/a1/m6`, to: '国发-2024-17/a1/m1', d: 'CONFIRM' })).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await errorCode(
        review,
        { from: `${ZJ}/a1/m6`, to: '国发-2024-17/a1/m1', d: 'CONFIRM' },
        { 'x-api-key': 'wrong' },
      ),
    ).toBe('UNAUTHENTICATED');
  });

  it('stores a rejection that wins over the aligner and survives a re-load', async () => {
    const h = { 'x-api-key': KEY };
    const d = await ok<Reviewed>(review, { from: `${ZJ}/a1/m6`, to: '国发-2024-17/a1/m1', d: 'REJECT' }, h);
    expect(d.reviewAlignment.review).toMatchObject({ decision: 'REJECT', note: 'checked' });
    const cfg = loadConfig();
    const driver = createDriver(cfg);
    await loadInputs(driver, cfg.NEO4J_DATABASE, ['seeds'], { force: true });
    await driver.close();
    const after = await ok<{
      coverage: { tasks: { task: Id; linkCount: number }[] };
    }>(`{ coverage(planId: "${ZJ}") { tasks { task { id } linkCount } } }
      # the rejected link is kept, flagged, and left out of analyses`);
    expect(after.coverage.tasks.find((x) => x.task.id === '国发-2024-17/a1/m1')!.linkCount).toBe(0);
    const m = await ok<{
      measure: { implements: { to: Id; review: { decision: ReviewDecision } | null }[] } | null;
    }>(
      `{ measure(id: "${ZJ}/a1/m6") { implements(includeRejected: true) { to { id } review { decision } } } }`,
    );
    expect(m.measure!.implements).toContainEqual({
      to: { id: '国发-2024-17/a1/m1' },
      review: { decision: 'REJECT' },
    });
    await ok<Reviewed>(review, { from: `${ZJ}/a1/m6`, to: '国发-2024-17/a1/m1', d: 'CONFIRM' }, h);
  });

  it('adds an analyst link that the trace then shows, and refuses a link the wrong way round', async () => {
    const h = { 'x-api-key': KEY };
    const add = `mutation($from: ID!, $to: ID!) { addAlignment(from: $from, to: $to, note: "承载区建设支撑产业园区提级") { method score review { decision } } }`;
    const d = await ok<{
      addAlignment: { method: AlignmentMethod; score: number; review: { decision: ReviewDecision } | null };
    }>(add, { from: `${SH}/a3/m1`, to: '国发-2024-17/a2/m2' }, h);
    expect(d.addAlignment).toMatchObject({ method: 'ANALYST', score: 1, review: { decision: 'CONFIRM' } });
    const tr = await ok<{
      trace: { aligned: boolean; path: { node: Id; link: { method: AlignmentMethod } | null }[] };
    }>(`{ trace(measureId: "${SH}/a3/m1") { aligned path { node { id } link { method } } } }`);
    expect(tr.trace.path[0]).toEqual({ node: { id: '国发-2024-17/a2/m2' }, link: { method: 'ANALYST' } });
    expect(await errorCode(add, { from: '国发-2024-17/a2/m2', to: `${SH}/a3/m1` }, h)).toBe('BAD_USER_INPUT');
    expect(await errorCode(add, { from: 'nope', to: '国发-2024-17/a2/m2' }, h)).toBe('NOT_FOUND');
  });
});

describe('errors and limits', () => {
  it('types its errors', async () => {
    expect(await errorCode(`{ plan(id: "nope") { id } }`)).toBe('NOT_FOUND');
    expect(await errorCode(`{ trace(measureId: "nope") { aligned } }`)).toBe('NOT_FOUND');
    expect(await errorCode(`{ plans(first: 1000) { totalCount } }`)).toBe('BAD_USER_INPUT');
    expect(await errorCode(`{ search(text: "  ") { totalCount } }`)).toBe('BAD_USER_INPUT');
    expect(await errorCode(`{ implementations { totalCount } }`)).toBe('BAD_USER_INPUT');
    expect(await errorCode(`{ implementations(of: "nope") { totalCount } }`)).toBe('NOT_FOUND');
  });

  it('judges a document’s argument limits the same each time it comes (the verdict is kept per document)', async () => {
    const long = `{ plan(id: "${'x'.repeat(201)}") { id } }`;
    for (let i = 0; i < 2; i++) expect(await errorCode(long)).toBe('BAD_USER_INPUT');
    const withVariable = 'query($id: ID!) { plan(id: $id) { id } }';
    expect(await errorCode(withVariable, { id: 'x'.repeat(201) })).toBe('BAD_USER_INPUT');
    expect(await errorCode(withVariable, { id: 'nope' })).toBe('NOT_FOUND');
    expect(await errorCode(withVariable, { id: 'x'.repeat(201) })).toBe('BAD_USER_INPUT');
  });

  it('answers GraphQL with cache-control: no-store and no ETag', async () => {
    const res = await t.http({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('bounds depth and aliases', async () => {
    const deep = `{ plans { nodes { actions { measures { implements { to { ... on Measure { action { plan { actions { measures { implements { to { id } } } } } } } } } } } } } }`;
    expect((await t.gql(deep)).errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: health { ok }`).join(' ')} }`;
    expect((await t.gql(aliases)).errors?.[0]?.message).toMatch(/alias/i);
  });

  it('answers nested lists with a few batched queries, not one per row (no N+1)', async () => {
    const before = t.api.store.queryCount;
    const d = await ok<{
      plans: {
        nodes: {
          actions: { measures: { targets: { value: number | null }[]; implements: { to: Id }[] }[] }[];
        }[];
      };
    }>(
      `{ plans(first: 10) { nodes { actions { measures { targets { value } implements { to { id } } } } } } }`,
    );
    const measures = d.plans.nodes.flatMap((p) => p.actions.flatMap((a) => a.measures)).length;
    expect(measures).toBeGreaterThan(80);
    // The page, its plans' levels down to the links' ends in one statement (plan-tree), the targets batched.
    expect(t.api.store.queryCount - before).toBeLessThanOrEqual(3);
  });

  // plan → actions → measures → links → their ends, with texts and evidence at some levels and not at others.
  const tree = `{ id title preamble: source { text } actions { id title text measures { id label
    implements(includeRejected: true) { score rank review { decision } evidence { kind text }
      to { id title ... on Measure { text action { id } } } } } } }`;

  it('reads a plan’s nested levels in one query, each as its own resolver would have read it', async () => {
    const before = t.api.store.queryCount;
    const nested = await ok<{ plan: { actions: { measures: { implements: unknown[] }[] }[] } }>(
      `{ plan(id: "${SH}") ${tree} }`,
    );
    // One statement down to the links' ends; the ends' actions (below the tree) by the loaders, two
    // batches more (parents, then the action nodes).
    expect(t.api.store.queryCount - before).toBe(3);
    const bench = t.api.store.queryCount;
    await ok(
      `{ plan(id: "${SH}") { id title actions { id title measures { id title implements { to { id title } } } } } }`,
    );
    expect(t.api.store.queryCount - bench).toBe(1);
    const links = nested.plan.actions.flatMap((a) => a.measures.flatMap((m) => m.implements));
    expect(links.length).toBeGreaterThan(10);
    // The same selection reached through a field that does not look ahead (level by level, DataLoader).
    const levelByLevel = await ok<{ measure: { plan: unknown } }>(
      `{ measure(id: "${SH}/a1/m1") { plan ${tree} } }`,
    );
    expect(levelByLevel.measure.plan).toEqual(nested.plan);
    const page = await ok<{ plans: { nodes: { id: string }[] } }>(`{ plans(first: 20) { nodes ${tree} } }`);
    expect(page.plans.nodes.find((p) => p.id === SH)).toEqual(nested.plan);
  });

  it('reads a plan without actions in its selection with the loader, and answers NOT_FOUND the same', async () => {
    const before = t.api.store.queryCount;
    await ok(`{ plan(id: "${SH}") { id title } }`);
    expect(t.api.store.queryCount - before).toBe(1);
    expect(await errorCode(`{ plan(id: "nope") { actions { id } } }`)).toBe('NOT_FOUND');
    expect(await errorCode(`{ plan(id: "${SH}/a1/m1") { actions { id } } }`)).toBe('NOT_FOUND');
  });

  it('says UNAVAILABLE, without database text, when Neo4j cannot be reached; /health says 503', async () => {
    const down = await startTestApi({ NEO4J_URI: 'bolt://127.0.0.1:1' });
    try {
      const res = await down.gql(`{ plans { totalCount } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
      expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|bolt|Neo4jError|stack/i);
      expect((await fetch(`${down.base}/health`)).status).toBe(503);
    } finally {
      await down.close();
    }
  });
});
