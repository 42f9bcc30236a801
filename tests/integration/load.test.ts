import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { loadInputs, prepareBatch } from '../../src/pipeline/load.js';
import { graphCounts, unloadDocument } from '../../src/graph/writer.js';
import { runCli } from '../support/cli.js';
import { editedCopy, emptyGraph, fingerprint, query, testDriver } from '../support/graph.js';

const SEEDS = 'seeds';
const ZHEJIANG = 'seeds/003_ec6a7881f5664fda.txt';
const ZJ = 'doc-003-ec6a7881f5664fda';

let cfg: Config;
let driver: Driver;
const load = (inputs: string[], options = {}) => loadInputs(driver, cfg.NEO4J_DATABASE, inputs, options);

beforeAll(() => ({ cfg, driver } = testDriver()));
afterAll(async () => driver.close());
beforeEach(async () => emptyGraph(driver));

describe('loading the seeds', () => {
  it('writes the document model as the graph: counts follow from the parsed documents', async () => {
    const batch = await prepareBatch([SEEDS]);
    const summary = await load([SEEDS]);
    expect(summary.loaded).toHaveLength(4);
    expect(summary.rejected).toEqual([]);

    const counts = await graphCounts(driver, cfg.NEO4J_DATABASE);
    const sections = batch.documents.reduce((n, d) => n + d.sections.length, 0);
    const measures = batch.documents.reduce(
      (n, d) => n + d.sections.reduce((k, s) => k + s.measures.length, 0),
      0,
    );
    expect(counts.nodes).toMatchObject({
      Plan: 4,
      NationalPlan: 1,
      Interpretation: 1,
      Action: sections,
      Measure: measures,
    });
    expect(sections).toBe(27); // 6 + 6 + 8 (interpretation) + 7 (national catalog)
    expect(measures).toBe(85); // 20 + 20 + 25 + 20
    expect(counts.relationships).toMatchObject({ HAS_ACTION: 27, HAS_MEASURE: 85, INTERPRETS: 1, COVERS: 3 });
    const links = batch.rows.reduce((n, r) => n + r.implements.length, 0);
    expect(counts.relationships.IMPLEMENTS).toBe(links);
    const targets = batch.rows.reduce((n, r) => n + r.targets.length, 0);
    expect(counts.relationships.TARGETS).toBe(targets);
    const [all] = await query<{ n: number }>(driver, 'MATCH (n) RETURN count(n) AS n');
    expect(summary.counts.nodesCreated).toBe(all!.n); // an empty graph before: everything was created
  });

  it('keeps provenance on measures and links, and the national plan labelled', async () => {
    await load([SEEDS]);
    const [m] = await query<{ m: Record<string, unknown> }>(
      driver,
      'MATCH (m:Measure {id: $id}) RETURN properties(m) AS m',
      {
        id: '沪府发-2024-12/a1/m1',
      },
    );
    expect(m!.m).toMatchObject({ file: '000_c51c4008d2d0f852.txt', line: 27, title: '优化户籍和居住证政策' });
    expect(m!.m.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [link] = await query<{ r: Record<string, unknown>; to: string }>(
      driver,
      'MATCH (:Measure {id: $id})-[r:IMPLEMENTS]->(t) RETURN properties(r) AS r, t.id AS to ORDER BY r.rank LIMIT 1',
      { id: '沪府发-2024-12/a1/m1' },
    );
    expect(link!.to).toBe('国发-2024-17/a1/m1');
    expect(link!.r).toMatchObject({ method: 'lexical', rank: 1, line: 27, file: '000_c51c4008d2d0f852.txt' });
    expect((JSON.parse(link!.r.evidence as string) as unknown[])[0]).toHaveProperty('from');
    const trace = await query<{ path: string[] }>(
      driver,
      `MATCH (m:Measure {id: $id})-[:IMPLEMENTS]->(t:Measure)<-[:HAS_MEASURE]-(a:Action)<-[:HAS_ACTION]-(p:NationalPlan)
       RETURN [m.id, t.id, a.id, p.id] AS path`,
      { id: '沪府发-2024-12/a1/m1' },
    );
    expect(trace[0]!.path).toEqual([
      '沪府发-2024-12/a1/m1',
      '国发-2024-17/a1/m1',
      '国发-2024-17/a1',
      '国发-2024-17',
    ]);
    const explicit = await query<{ n: number }>(
      driver,
      `MATCH (:Action {id: '沪府发-2024-12/a1'})-[r:IMPLEMENTS {method: 'explicit'}]->(:Action {id: '国发-2024-17/a1'}) RETURN count(r) AS n`,
    );
    expect(explicit[0]!.n).toBe(1);
  });

  it('finds Chinese text through the cjk full-text index', async () => {
    await load([SEEDS]);
    const hits = await query<{ id: string }>(
      driver,
      `CALL db.index.fulltext.queryNodes('plantrace_text', '"随迁子女"') YIELD node RETURN node.id AS id`,
    );
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining(['沪府发-2024-12/a1/m4', `${ZJ}/a1/m3`]));
  });
});

describe('idempotent, transactional loads', () => {
  it('loading the same files three times changes nothing', async () => {
    await load([SEEDS]);
    const first = await fingerprint(driver);
    const again = await load([SEEDS]);
    expect(again.unchanged).toHaveLength(4);
    const forced = await load([SEEDS], { force: true });
    expect(forced.loaded).toHaveLength(4);
    expect(forced.counts).toMatchObject({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
    });
    expect(await fingerprint(driver)).toEqual(first);
  });

  it('a failure in the middle of a document’s write leaves the graph exactly as it was', async () => {
    await load([SEEDS]);
    const before = await fingerprint(driver);
    const edited = editedCopy(ZHEJIANG, (t) => t.replace(/\n（二十）[^\n]*\n/, '\n'));
    const summary = await load([edited], { fault: { docId: ZJ, afterStatement: 8 } });
    expect(summary.failed).toEqual([expect.objectContaining({ id: ZJ })]);
    expect(summary.failed[0]!.reason).toMatch(/injected failure/);
    expect(await fingerprint(driver)).toEqual(before);
  });

  it('a bad document is rejected with file and line, and the others load', async () => {
    const summary = await load(['tests/fixtures/docs/broken-numbering.txt', ZHEJIANG]);
    expect(summary.rejected).toEqual([
      expect.objectContaining({ file: 'tests/fixtures/docs/broken-numbering.txt', line: 7 }),
    ]);
    expect(summary.loaded).toContain(ZJ);
  });
});

describe('re-loading an edited document', () => {
  it('removes what is gone (a measure, its links and targets) and keeps analysts’ reviews', async () => {
    await load([SEEDS]);
    // An analyst confirms one link and rejects another (what the API's reviewAlignment stores).
    await driver.executeQuery(
      `MATCH (:Measure {id: $a})-[r:IMPLEMENTS]->(:Measure {id: $t}) SET r.review = 'CONFIRM', r.reviewNote = 'ok', r.reviewedAt = datetime()`,
      { a: `${ZJ}/a1/m6`, t: '国发-2024-17/a1/m1' },
    );
    const gone = `${ZJ}/s1/m2`;
    expect(
      (await query(driver, 'MATCH (m:Measure {id: $id})-[:IMPLEMENTS]->() RETURN m', { id: gone })).length,
    ).toBeGreaterThan(0);

    const edited = editedCopy(ZHEJIANG, (t) =>
      t
        .replace(/\n（二十）[^\n]*\n/, '\n')
        .replace('每年新增制造业技能人才20万人', '每年新增制造业技能人才25万人'),
    );
    const summary = await load([edited]);
    expect(summary.loaded).toEqual([ZJ]);
    expect(summary.counts.nodesDeleted).toBe(1);

    expect(await query(driver, 'MATCH (m:Measure {id: $id}) RETURN m', { id: gone })).toEqual([]);
    const [target] = await query<{ value: number }>(
      driver,
      'MATCH (:Measure {id: $id})-[t:TARGETS]->(:Indicator) RETURN t.value AS value',
      { id: `${ZJ}/a1/m2` },
    );
    expect(target!.value).toBe(250000);
    const [review] = await query<{ review: string; note: string }>(
      driver,
      `MATCH (:Measure {id: $a})-[r:IMPLEMENTS]->(:Measure {id: $t}) RETURN r.review AS review, r.reviewNote AS note`,
      { a: `${ZJ}/a1/m6`, t: '国发-2024-17/a1/m1' },
    );
    expect(review).toEqual({ review: 'CONFIRM', note: 'ok' });
  });

  it('in one transaction with documents new to the graph: the same graph as loading them in any order', async () => {
    // The writer removes stale parts only for documents the graph holds: in a batch of an edited
    // document and new ones, the edited one still loses what is gone.
    const edited = editedCopy(ZHEJIANG, (t) => t.replace(/\n（二十）[^\n]*\n/, '\n'));
    const others = ['seeds/000_c51c4008d2d0f852.txt', 'seeds/001_cfc62b0174b6011a.txt'];
    await load([edited, ...others]);
    const direct = await fingerprint(driver);

    await emptyGraph(driver);
    await load([ZHEJIANG]);
    const mixed = await load([edited, ...others], { batchRows: 1_000_000 });
    expect(mixed.loaded).toEqual(expect.arrayContaining([ZJ]));
    expect(mixed.counts.nodesDeleted).toBe(1);
    expect(await query(driver, 'MATCH (m:Measure {id: $id}) RETURN m', { id: `${ZJ}/s1/m2` })).toEqual([]);
    expect(await fingerprint(driver)).toEqual(direct);
  });

  it('unload removes one document and nothing else', async () => {
    await load([SEEDS]);
    const before = await graphCounts(driver, cfg.NEO4J_DATABASE);
    const { found } = await unloadDocument(driver, cfg.NEO4J_DATABASE, ZJ);
    expect(found).toBe(true);
    const after = await graphCounts(driver, cfg.NEO4J_DATABASE);
    expect(after.nodes.Measure).toBe(before.nodes.Measure! - 20);
    expect(after.nodes.Action).toBe(before.nodes.Action! - 6);
    expect(after.nodes.Plan).toBe(3);
    expect(await query(driver, 'MATCH (n {plan: $id}) RETURN n', { id: ZJ })).toEqual([]);
    expect((await unloadDocument(driver, cfg.NEO4J_DATABASE, ZJ)).found).toBe(false);
  });
});

describe('plantrace load / unload (CLI)', () => {
  it('loads with a summary, dry-runs without writing, and unloads', () => {
    const dry = runCli(['load', '--dry-run', SEEDS]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/dry run: 4 documents would be written \(85 measures/);
    const res = runCli(['load', SEEDS]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/documents: 4 loaded, 0 unchanged, 0 re-linked, 0 rejected, 0 failed/);
    const again = runCli(['load', SEEDS]);
    expect(again.stdout).toMatch(/documents: 0 loaded, 4 unchanged/);
    const un = runCli(['unload', ZJ]);
    expect(un.status).toBe(0);
    expect(un.stdout).toMatch(/unloaded doc-003-ec6a7881f5664fda: \d+ nodes/);
  });

  it('exits non-zero with one line when Neo4j is unreachable', () => {
    const res = runCli(['load', SEEDS], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(res.status).not.toBe(0);
    expect(res.stderr.trim()).toMatch(/^plantrace: Neo4j is not reachable at bolt:\/\/127\.0\.0\.1:1/);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });
});
