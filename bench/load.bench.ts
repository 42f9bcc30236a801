// npm run bench:load — 1,000 generated plans loaded end to end (parse → extract → align → write) into a
// real Neo4j, on a server of its own (.neo4j-bench, ports 7690/7477) so no user data is touched.
// Write speed is compared in the same run with the fastest honest online write of the same rows: plain
// UNWIND … CREATE into an empty database, about 10,000 rows per transaction (cypher/bench-raw-*.cypher),
// against the loader's writer (CREATE for new documents, else MERGE and stale removal) on the same rows, each
// twice, alternating, the faster of each. The end-to-end load runs in a child process of its own, so its
// peak RSS (VmHWM) is the loader's alone; then the same files again (all unchanged).
// BENCH_PLANS sets the corpus size (bench:scale runs 10,000 and measures only the end-to-end load);
// BENCH_WORKERS the loader's parse workers (default: the loader's own choice). Beside wall time it prints the
// CPU-seconds of each part (the loader's process with its worker threads, and Neo4j's, from /proc): on a
// shared machine wall time moves with the load average, CPU-seconds much less. The last line is the summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig, withLocalPassword } from '../src/config.js';
import { startLocal, stopLocal } from '../src/db/local-neo4j.js';
import { cypherStatements } from '../src/graph/cypher.js';
import { createDriver } from '../src/graph/driver.js';
import { BATCH_ROWS, chunks, loadInputs, prepareBatch } from '../src/pipeline/load.js';
import {
  applySchema,
  awaitSearchIndex,
  batchParams,
  rowCount,
  runAll,
  SharedWritten,
  storedHashes,
  writeBatch,
} from '../src/graph/writer.js';
import type { DocumentRows } from '../src/graph/rows.js';
import { generatePlans } from './corpus.js';

const PLANS = Number(process.env.BENCH_PLANS ?? 1000);
const SCALE = PLANS >= 10_000;
Object.assign(process.env, {
  PLANTRACE_NEO4J_HOME: '.neo4j-bench',
  PLANTRACE_NEO4J_BOLT_PORT: '7690',
  PLANTRACE_NEO4J_HTTP_PORT: '7477',
  PLANTRACE_NEO4J_HEAP: process.env.PLANTRACE_NEO4J_HEAP ?? '1g',
});
delete process.env.NEO4J_URI;
const cfg = loadConfig();
const db = cfg.NEO4J_DATABASE;

interface ChildResult {
  total: number;
  /** CPU-seconds of the end-to-end load: the loader's process (all its threads) and Neo4j's. */
  loaderCpu: number;
  neo4jCpu: number;
  prepare: number;
  write: number;
  loaded: number;
  failed: number;
  measures: number;
  links: number;
  unchanged: number;
  reloadUnchanged: number;
  reloadLoaded: number;
  peakMb: number;
}

/** CPU-seconds (user + system) a process has used so far, from /proc (NaN where there is none). */
function cpuOf(pid: number | null): number {
  if (pid === null) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks: 100 per second on Linux
  } catch {
    return NaN;
  }
}
const neo4jPid = (): number | null => {
  try {
    return Number(readFileSync(path.join(cfg.neo4jHome, 'neo4j.pid'), 'utf8')) || null;
  } catch {
    return null;
  }
};
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** The loader's own peak resident memory (the kernel's high-water mark, worker threads included). */
const peakMb = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

if (process.env.BENCH_CHILD) {
  // The end-to-end load and the unchanged re-load, in a process of their own.
  const driver = createDriver(withLocalPassword(cfg));
  const dir = process.env.BENCH_CHILD;
  const workers = process.env.BENCH_WORKERS;
  const options = { curated: false, ...(workers ? { workers: Number(workers) } : {}) };
  try {
    const pid = neo4jPid();
    const [c0, n0] = [ownCpu(), cpuOf(pid)];
    const t0 = performance.now();
    const s = await loadInputs(driver, db, [dir], options);
    const total = (performance.now() - t0) / 1000;
    const [loaderCpu, neo4jCpu] = [ownCpu() - c0, cpuOf(pid) - n0];
    const peak = peakMb();
    const t1 = performance.now();
    const again = await loadInputs(driver, db, [dir], options);
    const unchanged = (performance.now() - t1) / 1000;
    const out: ChildResult = {
      total,
      loaderCpu,
      neo4jCpu,
      prepare: s.seconds.prepare,
      write: s.seconds.write,
      loaded: s.loaded.length,
      failed: s.failed.length,
      measures: s.rows.measures,
      links: s.rows.links,
      unchanged,
      reloadUnchanged: again.unchanged.length,
      reloadLoaded: again.loaded.length,
      peakMb: Math.max(peak, peakMb()),
    };
    console.log(JSON.stringify(out));
  } finally {
    await driver.close();
  }
  process.exit(0);
}

const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-bench-'));
for (const d of generatePlans(PLANS)) writeFileSync(path.join(dir, d.name), d.text);

rmSync(cfg.neo4jHome, { recursive: true, force: true });
const server = await startLocal(cfg, (l) => process.stderr.write(`[bench neo4j] ${l}\n`));
// The bench server's password file is made by startLocal: read it now.
// (A password read before the start may be a stale folder's: read it again from the new one.)
const driver = createDriver(withLocalPassword({ ...cfg, NEO4J_PASSWORD: '' }));

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
  await applySchema(d, db);
  await awaitSearchIndex(d, db); // the deletions out of the full-text index before anything is timed
}

/** Wall seconds of a write pass, and the CPU-seconds Neo4j and this process spent on it. */
const seconds = async (work: () => Promise<unknown>) => {
  const [c0, n0] = [ownCpu(), cpuOf(server.pid)];
  const t0 = performance.now();
  await work();
  return {
    wall: (performance.now() - t0) / 1000,
    neo4j: cpuOf(server.pid) - n0,
    client: ownCpu() - c0,
  };
};
type Pass = Awaited<ReturnType<typeof seconds>>;
const faster = (a: Pass | null, b: Pass) => (a && a.wall <= b.wall ? a : b);

try {
  let ratio: { raw: Pass; ours: Pass; measures: number } | null = null;
  if (!SCALE) {
    // The same rows for both writers, prepared once (not timed).
    const batch = await prepareBatch([dir], { curated: false });
    const rows = batch.rows;
    const dedupe = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
    const shared = {
      regions: dedupe(rows.flatMap((r) => r.regions)),
      indicators: dedupe(rows.flatMap((r) => r.indicators)),
      agencies: dedupe(rows.flatMap((r) => r.agencies)),
      partOf: [...new Map(rows.flatMap((r) => r.partOf).map((p) => [`${p.child}>${p.parent}`, p])).values()],
    };
    const raw = async () => {
      const session = driver.session({ database: db });
      try {
        await session.executeWrite((tx) => runAll(tx, cypherStatements('bench-raw-shared'), shared));
        for (const chunk of rawChunks(rows, 10_000))
          await session.executeWrite((tx) => runAll(tx, cypherStatements('bench-raw-batch'), flatten(chunk)));
      } finally {
        await session.close();
      }
      // Both writers end when search holds what they wrote (the full-text index is eventually consistent).
      await awaitSearchIndex(driver, db);
    };
    // As the loader writes them: what the graph holds of each group read first (nothing stale to
    // remove for a document new to the graph), then the group in one transaction; the shared nodes an
    // earlier group wrote are not merged again.
    const ours = async () => {
      const shared = new SharedWritten();
      for (const group of chunks(rows, BATCH_ROWS, rowCount)) {
        const stored = await storedHashes(
          driver,
          db,
          group.map((r) => r.docId),
        );
        await writeBatch(driver, db, group, [], undefined, new Set(stored.keys()), shared);
      }
      await awaitSearchIndex(driver, db);
    };
    let best: { raw: Pass | null; ours: Pass | null } = { raw: null, ours: null };
    for (let round = 0; round < 2; round++) {
      await wipe(driver);
      best = { ...best, raw: faster(best.raw, await seconds(raw)) };
      await wipe(driver);
      best = { ...best, ours: faster(best.ours, await seconds(ours)) };
    }
    ratio = { raw: best.raw!, ours: best.ours!, measures: rows.reduce((n, r) => n + r.measures.length, 0) };
  }

  // The real load, end to end, into an empty database, in a child process.
  await wipe(driver);
  const child = spawnSync(process.execPath, [...process.execArgv, path.resolve(import.meta.filename)], {
    env: { ...process.env, BENCH_CHILD: dir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`the load failed (exit ${child.status})`);
  const r = JSON.parse(line) as ChildResult;

  console.log(
    `corpus:     ${PLANS} generated plans, ${r.measures} measures (+ the national catalog), ${r.links} IMPLEMENTS links`,
  );
  console.log(
    `end to end: ${r.total.toFixed(1)} s  ${(r.measures / r.total).toFixed(0)} measures/s  (prepare ${r.prepare.toFixed(1)} s and write ${r.write.toFixed(1)} s, overlapping; ${r.loaded} loaded, ${r.failed} failed)`,
  );
  const cpu = (x: number) => x.toFixed(1);
  console.log(
    `cpu:        ${cpu(r.loaderCpu + r.neo4jCpu)} core-seconds end to end: the loader ${cpu(r.loaderCpu)} (all its threads), Neo4j ${cpu(r.neo4jCpu)}; ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at the end`,
  );
  if (ratio) {
    const pass = (p: Pass) =>
      `${p.wall.toFixed(1)} s  ${(ratio.measures / p.wall).toFixed(0)} measures/s  (Neo4j ${cpu(p.neo4j)} CPU-s, client ${cpu(p.client)})`;
    console.log(
      `write:      ${pass(ratio.ours)}  the loader's writer: CREATE for documents new to the graph, else MERGE with stale removal and review handling; best of 2`,
    );
    console.log(
      `baseline:   ${pass(ratio.raw)}  same rows, plain UNWIND … CREATE, ~10k rows per transaction, empty database; best of 2`,
    );
    console.log(
      `ratio:      the writer runs at ${(ratio.raw.wall / ratio.ours.wall).toFixed(2)}× the raw baseline's speed (target ≥ 0.8)`,
    );
  }
  console.log(
    `reload:     ${r.unchanged.toFixed(1)} s for the same files again (${r.reloadUnchanged} unchanged, ${r.reloadLoaded} written)`,
  );
  console.log(`memory:     peak RSS of the loader ${r.peakMb.toFixed(0)} MB (VmHWM of its process)`);
  const mb = r.peakMb.toFixed(0);
  console.log(
    SCALE || !ratio
      ? `scale: ${PLANS} plans ${r.total.toFixed(1)} s; peak RSS ${mb} MB`
      : `load: ${PLANS} plans ${r.total.toFixed(1)} s end to end; write ${(ratio.raw.wall / ratio.ours.wall).toFixed(2)}× batched raw; unchanged reload ${r.unchanged.toFixed(1)} s; peak RSS ${mb} MB`,
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

/** One chunk's rows as the batched raw statements take them: the loader's own split of the rows. */
function flatten(chunk: DocumentRows[]) {
  const p = batchParams(chunk, chunk);
  return {
    ...p,
    plans: chunk.map((r) => ({ id: r.plan.id, props: { ...r.plan.props, ...r.placement } })),
  };
}
