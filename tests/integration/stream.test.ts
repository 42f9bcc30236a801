// A streamed load: files scanned, then aligned and written in chunks (src/pipeline/prepare.ts). However
// small the chunks — one document each, read back from the run's temporary file, a county aligned to a
// city written in an earlier chunk, an interpretation with the plan it explains — and whether files are
// parsed and aligned on worker threads or not, the graph is the graph of loading everything at once.
import { readdirSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { loadInputs, type LoadOptions } from '../../src/pipeline/load.js';
import { CORPUS } from '../support/cascade-labels.js';
import { emptyGraph, fingerprint, testDriver } from '../support/graph.js';

const INPUTS = ['seeds', `${CORPUS}/cascade`];
const cascadeFiles = () => readdirSync(`${CORPUS}/cascade`).map((f) => `${CORPUS}/cascade/${f}`);

let cfg: Config;
let driver: Driver;
const load = (options: LoadOptions) =>
  loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS, { curated: false, ...options });

beforeAll(() => ({ cfg, driver } = testDriver()));
afterAll(async () => driver.close());

async function loadedWith(options: LoadOptions) {
  await emptyGraph(driver);
  const summary = await load(options);
  expect(summary.failed).toEqual([]);
  return { summary, graph: await fingerprint(driver) };
}

describe('a streamed load', () => {
  it('gives the same graph in chunks of one document as in one chunk', async () => {
    const one = await loadedWith({ chunkDocuments: 1000 });
    const tiny = await loadedWith({ chunkDocuments: 1, batchRows: 50 });
    expect(tiny.summary.loaded.length).toBeGreaterThan(10);
    expect([...tiny.summary.loaded].sort()).toEqual([...one.summary.loaded].sort());
    expect(tiny.summary.relinked).toEqual([]); // parents come first: nothing to re-link
    const placed = (s: typeof one.summary) =>
      s.placements.map((p) => `${p.plan}>${p.parent}>${p.national}`).sort();
    expect(placed(tiny.summary)).toEqual(placed(one.summary));
    expect(tiny.graph).toEqual(one.graph);
  }, 600_000);

  it('gives the same graph when files are parsed and chunks aligned on worker threads', async () => {
    const one = await loadedWith({ chunkDocuments: 1000 });
    const workers = await loadedWith({ chunkDocuments: 3, workers: 2 });
    expect(workers.graph).toEqual(one.graph);
    // And loading again changes nothing: every file is found unchanged before it is parsed.
    const again = await load({ chunkDocuments: 3, workers: 2 });
    expect(again.loaded).toEqual([]);
    expect(again.unchanged.length).toBe(one.summary.loaded.length);
  }, 600_000);

  it('writes content during the scan, and a document whose links then fail is removed again, alone', async () => {
    // On workers, the content of documents new to the graph is written while files are still parsed;
    // their regions and links come with their chunks. A county plan whose links write fails is not left
    // half loaded: the graph is the graph of the same load without its file.
    const county = `${CORPUS}/cascade/yidu.txt`;
    await emptyGraph(driver);
    const without = await loadInputs(
      driver,
      cfg.NEO4J_DATABASE,
      [...INPUTS.filter((i) => i !== `${CORPUS}/cascade`), ...cascadeFiles().filter((f) => f !== county)],
      { curated: false, chunkDocuments: 3, workers: 2 },
    );
    const graph = await fingerprint(driver);
    const whole = await loadedWith({ chunkDocuments: 3, workers: 2 });
    const id = whole.summary.loaded.find((d) => !without.loaded.includes(d))!;
    await emptyGraph(driver);
    const summary = await load({ chunkDocuments: 3, workers: 2, fault: { docId: id, afterStatement: 2 } });
    expect(summary.failed.map((f) => f.id)).toEqual([id]);
    expect(summary.failed[0]!.reason).toMatch(/injected failure/);
    expect([...summary.loaded].sort()).toEqual([...without.loaded].sort());
    expect(await fingerprint(driver)).toEqual(graph);
  }, 600_000);
});
