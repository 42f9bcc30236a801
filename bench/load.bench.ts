// npm run bench:load — 1,000 generated plans loaded end to end (parse → extract → align → write) into a
// real Neo4j, on a server of its own (.neo4j-bench, ports 7690/7477) so no user data is touched.
// Baseline in the same run: the fastest honest online write of the same rows — plain UNWIND … CREATE
// into an empty database, about 10,000 rows per transaction (cypher/bench-raw-*.cypher).
// BENCH_PLANS sets the corpus size (bench:scale runs 10,000); the last line is the summary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig, withLocalPassword } from '../src/config.js';
import { startLocal, stopLocal } from '../src/db/local-neo4j.js';
import { cypherStatements } from '../src/graph/cypher.js';
import { createDriver } from '../src/graph/driver.js';
import { loadInputs, prepareBatch } from '../src/pipeline/load.js';
import { applySchema, rowCount, runAll } from '../src/graph/writer.js';
import type { DocumentRows } from '../src/graph/rows.js';
import { generatePlans } from './corpus.js';

const PLANS = Number(process.env.BENCH_PLANS ?? 1000);
Object.assign(process.env, {
  PLANTRACE_NEO4J_HOME: '.neo4j-bench',
  PLANTRACE_NEO4J_BOLT_PORT: '7690',
  PLANTRACE_NEO4J_HTTP_PORT: '7477',
  PLANTRACE_NEO4J_HEAP: process.env.PLANTRACE_NEO4J_HEAP ?? '1g',
});
delete process.env.NEO4J_URI;
const cfg = loadConfig();
const db = cfg.NEO4J_DATABASE;

const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-bench-'));
for (const d of generatePlans(PLANS)) writeFileSync(path.join(dir, d.name), d.text);

rmSync(cfg.neo4jHome, { recursive: true, force: true });
const server = await startLocal(cfg, (l) => process.stderr.write(`[bench neo4j] ${l}\n`));
// The bench server's password file is made by startLocal: read it now.
const driver = createDriver(withLocalPassword(cfg));

async function wipe(d: Driver) {
  // CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.run, not executeQuery.
  const session = d.session({ database: db });
  try {
    // Relationships first, then nodes: a DETACH DELETE batch can meet relationships another batch
    // already removed (seen as a failed commit on a large graph).
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

try {
  // Baseline: the rows prepared once (not timed), then written with plain CREATE.
  const batch = await prepareBatch([dir]);
  const measures = batch.rows.reduce((n, r) => n + r.measures.length, 0);
  await wipe(driver);
  await applySchema(driver, db);
  const dedupe = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  const shared = {
    regions: dedupe(batch.rows.flatMap((r) => r.regions)),
    indicators: dedupe(batch.rows.flatMap((r) => r.indicators)),
    agencies: dedupe(batch.rows.flatMap((r) => r.agencies)),
    partOf: [
      ...new Map(batch.rows.flatMap((r) => r.partOf).map((p) => [`${p.child}>${p.parent}`, p])).values(),
    ],
  };
  const raw0 = performance.now();
  const session = driver.session({ database: db });
  try {
    await session.executeWrite((tx) => runAll(tx, cypherStatements('bench-raw-shared'), shared));
    for (const chunk of rawChunks(batch.rows, 10_000))
      await session.executeWrite((tx) => runAll(tx, cypherStatements('bench-raw-batch'), flatten(chunk)));
  } finally {
    await session.close();
  }
  const raw = (performance.now() - raw0) / 1000;

  // The real load, end to end, into an empty database.
  await wipe(driver);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const summary = await loadInputs(driver, db, [dir], { curated: false });
  const total = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const again0 = performance.now();
  const again = await loadInputs(driver, db, [dir], { curated: false });
  const unchanged = (performance.now() - again0) / 1000;

  const write = summary.seconds.write;
  console.log(
    `corpus:     ${PLANS} generated plans, ${measures} measures (+ the national catalog), ${summary.rows.links} IMPLEMENTS links`,
  );
  console.log(
    `end to end: ${total.toFixed(1)} s  ${(measures / total).toFixed(0)} measures/s  (prepare ${summary.seconds.prepare.toFixed(1)} s, write ${write.toFixed(1)} s)`,
  );
  console.log(
    `write:      ${(measures / write).toFixed(0)} measures/s with MERGE, stale removal and review handling`,
  );
  console.log(
    `baseline:   ${raw.toFixed(1)} s  ${(measures / raw).toFixed(0)} measures/s  (same rows, plain UNWIND … CREATE, empty database)`,
  );
  console.log(
    `ratio:      write phase runs at ${(raw / write).toFixed(2)}× the raw baseline's speed (target ≥ 0.8)`,
  );
  console.log(
    `reload:     ${unchanged.toFixed(1)} s for the same files again (${again.unchanged.length} unchanged, ${again.loaded.length} written)`,
  );
  console.log(`memory:     peak RSS of the loader ${(peakRss / 1048576).toFixed(0)} MB`);
  const mb = (peakRss / 1048576).toFixed(0);
  console.log(
    PLANS >= 10_000
      ? `scale: ${PLANS} plans ${total.toFixed(1)} s; peak RSS ${mb} MB`
      : `load: ${PLANS} plans ${total.toFixed(1)} s end to end; write ${(raw / write).toFixed(2)}× batched raw; unchanged reload ${unchanged.toFixed(1)} s; peak RSS ${mb} MB`,
  );
} finally {
  await driver.close();
  if (server.started) await stopLocal(cfg);
  rmSync(cfg.neo4jHome, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/** Documents in groups of about `limit` rows, as the raw baseline writes them. */
function rawChunks(all: DocumentRows[], limit: number): DocumentRows[][] {
  const out: DocumentRows[][] = [[]];
  let size = 0;
  for (const rows of all) {
    if (size > 0 && size + rowCount(rows) > limit) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1]!.push(rows);
    size += rowCount(rows);
  }
  return out;
}

/** One chunk's rows as the batched raw statements take them, each row with its document's id. */
function flatten(chunk: DocumentRows[]) {
  return {
    plans: chunk.map((r) => ({ id: r.plan.id, props: { ...r.plan.props, ...r.placement } })),
    actions: chunk.flatMap((r) => r.actions.map((a) => ({ ...a, planId: r.docId }))),
    measures: chunk.flatMap((r) => r.measures),
    mentions: chunk.flatMap((r) => r.mentions),
    covers: chunk.flatMap((r) => r.covers.map((regionId) => ({ planId: r.docId, regionId }))),
    involves: chunk.flatMap((r) => r.involves),
    targets: chunk.flatMap((r) => r.targets),
    obligations: chunk.flatMap((r) => r.obligations.map((o) => ({ ...o, planId: r.docId }))),
    implements: chunk.flatMap((r) => r.implements),
  };
}
