// Helpers for integration tests on the real test Neo4j: a driver, an empty graph, counts, a fingerprint.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { loadInputs } from '../../src/pipeline/load.js';

export function testDriver(): { cfg: Config; driver: Driver } {
  const cfg = loadConfig();
  return { cfg, driver: createDriver(cfg) };
}

export async function query<T = Record<string, unknown>>(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const res = await driver.executeQuery(cypher, params);
  return res.records.map((r) => r.toObject() as T);
}

export async function emptyGraph(driver: Driver): Promise<void> {
  await driver.executeQuery('MATCH (n) DETACH DELETE n');
}

/** An empty test graph with these documents loaded (default: the seeds), for tests of the API over it. */
export async function loadedGraph(inputs: string[] = ['seeds']): Promise<void> {
  const { cfg, driver } = testDriver();
  try {
    await emptyGraph(driver);
    await loadInputs(driver, cfg.NEO4J_DATABASE, inputs);
  } finally {
    await driver.close();
  }
}

/**
 * Everything in the graph as one sorted list of strings (labels + properties of nodes, type + ends +
 * properties of relationships), minus load timestamps: two equal fingerprints mean the same graph.
 */
export async function fingerprint(driver: Driver): Promise<string[]> {
  const nodes = await query<{ s: string }>(
    driver,
    `MATCH (n) RETURN apoc.convert.toJson([labels(n), apoc.map.removeKey(properties(n), 'loadedAt')]) AS s`,
  );
  const rels = await query<{ s: string }>(
    driver,
    `MATCH (a)-[r]->(b) RETURN apoc.convert.toJson([a.id, type(r), b.id, properties(r)]) AS s`,
  );
  // Property order depends on the order properties were first set (a re-linked document sets its link
  // properties later): compare with keys sorted.
  return [...nodes, ...rels].map((x) => JSON.stringify(JSON.parse(x.s), sortedKeys)).sort();
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

/** A copy of a seed in a temporary folder, edited by `edit`. */
export function editedCopy(seed: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-edit-'));
  const file = path.join(dir, path.basename(seed));
  writeFileSync(file, edit(readFileSync(seed, 'utf8')));
  return file;
}
