// The downloads at /export/ over HTTP, on the real server over the seeded test Neo4j: content types, the
// BOM, row counts taken from the graph itself, XLSX files parsed back, GraphML parsed as XML, and 404 JSON
// for an unknown plan.
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { query, loadedGraph } from '../support/graph.js';
import { elements, parseXml } from '../support/xml.js';

const SH = '沪府发-2024-12';
const ZJ = 'doc-003-ec6a7881f5664fda';
let t: TestApi;

beforeAll(async () => {
  await loadedGraph();
  t = await startTestApi({ PLANTRACE_API_KEY: 'export-test-key' });
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const get = (path: string) => fetch(`${t.base}${path}`);
const url = (name: string, plan?: string) =>
  `/export/${name}${plan === undefined ? '' : `?plan=${encodeURIComponent(plan)}`}`;

/** A CSV body parsed (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function csv(path: string): Promise<{ header: string[]; rows: string[][]; raw: string }> {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
  const [header, ...rows] = parseCsv(raw);
  for (const r of rows) expect(r).toHaveLength(header!.length);
  return { header: header!, rows, raw };
}

async function xlsx(path: string): Promise<unknown[][]> {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return readSheet(Buffer.from(await res.arrayBuffer()));
}

const count = async (cypher: string, params: Record<string, unknown> = {}) =>
  Number((await query<{ n: number }>(t.driver, cypher, params))[0]!.n);

describe('exports', () => {
  it('coverage: one row per national task, covered as the graph says, CSV and XLSX alike', async () => {
    const tasks = await count(
      'MATCH (:NationalPlan)-[:HAS_ACTION]->()-[:HAS_MEASURE]->(t) RETURN count(t) AS n',
    );
    const covered = await count(
      `MATCH (:NationalPlan)-[:HAS_ACTION]->()-[:HAS_MEASURE]->(t)
       WHERE EXISTS { (m:Measure {plan: $p})-[r:IMPLEMENTS]->(t) WHERE coalesce(r.review, '') <> 'REJECT' }
       RETURN count(t) AS n`,
      { p: ZJ },
    );
    const c = await csv(url('coverage.csv', ZJ));
    expect(c.rows).toHaveLength(tasks);
    const col = c.header.indexOf('covered');
    expect(c.rows.filter((r) => r[col] === 'yes')).toHaveLength(covered);
    const sheet = await xlsx(url('coverage.xlsx', ZJ));
    expect(sheet[0]).toEqual(c.header);
    expect(sheet).toHaveLength(tasks + 1);
    // Numbers stay numbers in the spreadsheet; the same best scores as the CSV.
    const score = c.header.indexOf('best_score');
    for (const [i, r] of c.rows.entries())
      expect(sheet[i + 1]![score] ?? '').toEqual(r[score] === '' ? '' : Number(r[score]));
  });

  it('matrix: national tasks × local plans with each cell counted from the graph', async () => {
    const plans = await query<{ id: string }>(
      t.driver,
      "MATCH (p:Plan {kind: 'plan'}) WHERE NOT p:NationalPlan RETURN p.id AS id",
    );
    const c = await csv(url('matrix.csv'));
    expect(c.header).toHaveLength(4 + 2 * plans.length);
    for (const p of plans) expect(c.header).toContain(`${p.id} links`);
    const task = c.header.indexOf('task_id');
    const sh = c.header.indexOf(`${SH} links`);
    for (const r of c.rows) {
      const n = await count(
        `MATCH (m:Measure {plan: $p})-[r:IMPLEMENTS]->(:Measure {id: $t})
         WHERE coalesce(r.review, '') <> 'REJECT' RETURN count(r) AS n`,
        { p: SH, t: r[task] },
      );
      expect(Number(r[sh])).toBe(n);
    }
    const sheet = await xlsx(url('matrix.xlsx'));
    expect(sheet).toHaveLength(c.rows.length + 1);
    expect(sheet.slice(1).map((r) => r[task])).toEqual(c.rows.map((r) => r[task]));
  });

  it('correspondence: each link of the plan with score, method and evidence text; measures without one too', async () => {
    const links = await count(
      `MATCH (m:Measure {plan: $p})-[r:IMPLEMENTS]->(:Measure)
       WHERE coalesce(r.review, '') <> 'REJECT' RETURN count(r) AS n`,
      { p: SH },
    );
    const unlinked = await count(
      `MATCH (:Plan {id: $p})-[:HAS_ACTION]->()-[:HAS_MEASURE]->(m)
       WHERE NOT EXISTS { (m)-[r:IMPLEMENTS]->() WHERE coalesce(r.review, '') <> 'REJECT' }
       RETURN count(m) AS n`,
      { p: SH },
    );
    expect(unlinked).toBeGreaterThan(0);
    const c = await csv(url('correspondence.csv', SH));
    expect(c.rows).toHaveLength(links + unlinked);
    const col = (h: string) => c.header.indexOf(h);
    const [measure, taskId, method, evidence] = [
      col('measure_id'),
      col('task_id'),
      col('method'),
      col('evidence'),
    ] as [number, number, number, number];
    const first = c.rows.find((r) => r[measure] === `${SH}/a1/m1` && r[taskId] === '国发-2024-17/a1/m1')!;
    expect(first[method]).toBe('LEXICAL');
    expect(first[evidence]).toContain('户籍');
    expect(c.rows.filter((r) => r[taskId] === '')).toHaveLength(unlinked);
    const sheet = await xlsx(url('correspondence.xlsx', SH));
    expect(sheet).toHaveLength(c.rows.length + 1);
  });

  it('a rejected link leaves the exports at once', async () => {
    const before = await csv(url('correspondence.csv', SH));
    const res = await t.gql(
      `mutation { reviewAlignment(from: "${SH}/a1/m1", to: "国发-2024-17/a1/m1", decision: REJECT, note: "export test") { review { decision } } }`,
      {},
      { 'x-api-key': 'export-test-key' },
    );
    expect(res.errors).toBeUndefined();
    const after = await csv(url('correspondence.csv', SH));
    const taskId = before.header.indexOf('task_id');
    const has = (c: typeof before) =>
      c.rows.some(
        (r) => r[before.header.indexOf('measure_id')] === `${SH}/a1/m1` && r[taskId] === '国发-2024-17/a1/m1',
      );
    expect(has(before)).toBe(true);
    expect(has(after)).toBe(false);
    await t.gql(
      `mutation { reviewAlignment(from: "${SH}/a1/m1", to: "国发-2024-17/a1/m1", decision: CONFIRM) { review { decision } } }`,
      {},
      { 'x-api-key': 'export-test-key' },
    );
  });

  it("plan.graphml: the plan's neighbourhood as GraphML, nodes and edges as in the graph", async () => {
    const res = await get(url('plan.graphml', SH));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    const doc = parseXml(await res.text());
    const nodes = elements(doc, 'node').map((n) => n.getAttribute('id'));
    const ids = new Set(nodes);
    expect(ids.size).toBe(nodes.length);
    const own = await query<{ id: string }>(
      t.driver,
      `MATCH (p:Plan {id: $p}) OPTIONAL MATCH (p)-[:HAS_ACTION]->(a) OPTIONAL MATCH (a)-[:HAS_MEASURE]->(m)
       UNWIND [p.id, a.id, m.id] AS id RETURN DISTINCT id`,
      { p: SH },
    );
    for (const { id } of own) if (id) expect(ids.has(id)).toBe(true);
    // Every national task the plan implements is there, with an IMPLEMENTS edge from each measure.
    const links = await query<{ from: string; to: string }>(
      t.driver,
      `MATCH (m:Measure {plan: $p})-[r:IMPLEMENTS]->(x) WHERE coalesce(r.review, '') <> 'REJECT'
       RETURN m.id AS from, x.id AS to`,
      { p: SH },
    );
    const edges = elements(doc, 'edge');
    const implementsEdges = edges.filter(
      (e) => e.querySelector('data[key="e_type"]')?.textContent === 'IMPLEMENTS',
    );
    for (const l of links) {
      expect(ids.has(l.to)).toBe(true);
      expect(
        implementsEdges.some((e) => e.getAttribute('source') === l.from && e.getAttribute('target') === l.to),
      ).toBe(true);
    }
    for (const e of edges) {
      expect(ids.has(e.getAttribute('source'))).toBe(true);
      expect(ids.has(e.getAttribute('target'))).toBe(true);
    }
    expect(ids.has('国发-2024-17')).toBe(true);
  });

  it('answers 404 JSON for an unknown plan or export, 400 without a plan', async () => {
    for (const path of [
      url('coverage.csv', 'no-such-plan'),
      url('correspondence.xlsx', 'no-such-plan'),
      url('plan.graphml', 'no-such-plan'),
      '/export/nothing.csv',
      '/export/matrix.pdf',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toBe('NOT_FOUND');
    }
    const res = await get('/export/coverage.csv');
    expect(res.status).toBe(400);
  });
});
