// npm run chaos — faults, with figures (issue 16, item 4). On its own Neo4j (.neo4j-chaos, ports
// 7695/7496, removed afterwards), loopback only, bounded in rounds and time; prints a table and exits
// non-zero on any loss. Data: seeds/ and tests/fixtures/corpus/cascade/.
//   a  kill -9 of Neo4j during loads, N rounds → after restart and a re-load, the fingerprint equals a clean load's
//   b  trace/coverage over HTTP while the same files are re-loaded with --force → no failed or mixed answers
//   c  two loads at once → the fingerprint equals a clean load's
//   d  the API (a child process) killed with SIGKILL during reviewAlignment mutations → every acknowledged
//      mutation is in the graph, nothing half-written
//   e  Neo4j restarted under traffic → UNAVAILABLE meanwhile, answers again by itself
// CHAOS_ROUNDS (default 5) and CHAOS_SECONDS (default 900, the whole run) bound it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig, withLocalPassword, type Config } from '../src/config.js';
import { startLocal, stopLocal } from '../src/db/local-neo4j.js';
import { createDriver } from '../src/graph/driver.js';
import { startApi } from '../src/api/server.js';
import { loadInputs } from '../src/pipeline/load.js';
import { fingerprint } from '../tests/support/graph.js';

const INPUTS = ['seeds', 'tests/fixtures/corpus/cascade'];
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 5);
/** Which faults to run (CHAOS_FAULTS=be: b and e only); all five by default. */
const FAULTS = process.env.CHAOS_FAULTS ?? 'abcde';
const DEADLINE = Date.now() + Number(process.env.CHAOS_SECONDS ?? 900) * 1000;
const API_KEY = 'chaos-api-key-0123456789';
const { NEO4J_URI: _uri, NEO4J_PASSWORD: _password, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  PLANTRACE_NEO4J_HOME: '.neo4j-chaos',
  PLANTRACE_NEO4J_BOLT_PORT: '7695',
  PLANTRACE_NEO4J_HTTP_PORT: '7496',
  PLANTRACE_API_KEY: API_KEY,
};
const config = (): Config => withLocalPassword(loadConfig(env));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`[chaos] ${line}\n`);
const timeLeft = () => DEADLINE - Date.now();

interface Row {
  fault: string;
  rounds: number;
  checked: string;
  lost: number;
  figure: string;
}

type Gql = {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
};
async function gql(url: string, query: string, variables: object, key?: string): Promise<Gql> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await res.json()) as Gql;
}

const TRACE = `query($m: ID!) { trace(measureId: $m) { aligned level measure { id title } path { __typename } planChain { __typename } } }`;
const COVERAGE = `query($p: ID!) { coverage(planId: $p) { covered total ratio tasks { task { id } } } }`;
const REVIEW = `mutation($f: ID!, $t: ID!, $n: String) { reviewAlignment(from: $f, to: $t, decision: CONFIRM, note: $n) { review { note } } }`;

function neo4jPid(cfg: Config): number {
  return Number.parseInt(readFileSync(path.join(cfg.neo4jHome, 'neo4j.pid'), 'utf8'), 10);
}

async function withDriver<T>(fn: (driver: Driver, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const driver = createDriver(cfg);
  try {
    return await fn(driver, cfg);
  } finally {
    await driver.close();
  }
}

async function clean(driver: Driver, cfg: Config): Promise<void> {
  await driver
    .executeQuery(
      'MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
      {},
      { database: cfg.NEO4J_DATABASE },
    )
    .catch(async () => {
      await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: cfg.NEO4J_DATABASE });
    });
}

/** a: kill -9 of Neo4j at a random moment of a load, then restart and re-load. */
async function killDuringLoads(reference: string): Promise<Row> {
  let lost = 0;
  let rounds = 0;
  const restarts: number[] = [];
  for (let i = 0; i < ROUNDS && timeLeft() > 120_000; i++) {
    rounds++;
    const cfg = config();
    await withDriver(async (driver) => {
      await clean(driver, cfg);
      const load = loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS, { force: true }).then(
        () => 'finished',
        () => 'interrupted',
      );
      await sleep(500 + Math.floor(Math.random() * 4000));
      process.kill(neo4jPid(cfg), 'SIGKILL');
      log(`a${i + 1}: Neo4j killed, the load ${await load}`);
    });
    const t = performance.now();
    await startLocal(config());
    restarts.push((performance.now() - t) / 1000);
    await withDriver(async (driver, c) => {
      await loadInputs(driver, c.NEO4J_DATABASE, INPUTS);
      const same = JSON.stringify(await fingerprint(driver)) === reference;
      if (!same) lost++;
      log(`a${i + 1}: re-load → ${same ? 'same graph' : 'DIFFERENT graph'}`);
    });
  }
  const mean = restarts.reduce((s, x) => s + x, 0) / Math.max(1, restarts.length);
  return {
    fault: 'a. kill -9 of Neo4j during a load',
    rounds,
    checked: 'fingerprint after restart + re-load = clean load',
    lost,
    figure: `restart ${mean.toFixed(1)} s mean`,
  };
}

/** b: trace and coverage over HTTP while the same files are re-loaded with --force. */
async function queriesDuringReloads(): Promise<Row> {
  return withDriver(async (driver, cfg) => {
    const api = await startApi(cfg, driver, 0);
    try {
      const ids = await driver.executeQuery(
        `MATCH (m:Measure)-[:IMPLEMENTS]->(:Measure) WHERE NOT m.plan STARTS WITH '国发' RETURN m.id AS m, m.plan AS p LIMIT 1`,
      );
      const m = ids.records[0]!.get('m') as string;
      const p = ids.records[0]!.get('p') as string;
      const expected = [
        JSON.stringify(await gql(api.url, TRACE, { m })),
        JSON.stringify(await gql(api.url, COVERAGE, { p })),
      ];
      // The reference answers must be data, or an unchanged error would pass for a stable answer.
      if (expected.some((e) => !(JSON.parse(e) as Gql).data || e.includes('"errors"')))
        throw new Error(`b: the reference answers are not data: ${expected.join(' ').slice(0, 300)}`);
      let answers = 0;
      let bad = 0;
      let reloads = 0;
      let done = false;
      const queries = (async () => {
        while (!done) {
          const got = [
            JSON.stringify(await gql(api.url, TRACE, { m })),
            JSON.stringify(await gql(api.url, COVERAGE, { p })),
          ];
          answers += 2;
          got.forEach((g, i) => {
            if (g !== expected[i]) {
              bad++;
              if (bad <= 3) log(`b: answer differs: ${g.slice(0, 200)}`);
            }
          });
        }
      })();
      for (let i = 0; i < ROUNDS && timeLeft() > 60_000; i++) {
        await loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS, { force: true });
        reloads++;
      }
      done = true;
      await queries;
      return {
        fault: 'b. queries during re-loads (--force)',
        rounds: reloads,
        checked: `${answers} trace/coverage answers = the answer before`,
        lost: bad,
        figure: `${answers} answers, ${bad} failed or mixed`,
      };
    } finally {
      await api.close();
    }
  });
}

/** c: two loads at once into an empty graph. */
async function twoLoadsAtOnce(reference: string): Promise<Row> {
  let lost = 0;
  let rounds = 0;
  let errors = 0;
  for (let i = 0; i < ROUNDS && timeLeft() > 60_000; i++) {
    rounds++;
    await withDriver(async (driver, cfg) => {
      await clean(driver, cfg);
      const results = await Promise.allSettled([
        loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS, { force: true }),
        loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS, { force: true }),
      ]);
      errors += results.filter((r) => r.status === 'rejected').length;
      // A load that lost a race is run again, as a user would.
      if (results.some((r) => r.status === 'rejected')) await loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS);
      const same = JSON.stringify(await fingerprint(driver)) === reference;
      if (!same) lost++;
      log(`c${i + 1}: ${same ? 'same graph' : 'DIFFERENT graph'}`);
    });
  }
  return {
    fault: 'c. two loads at once',
    rounds,
    checked: 'fingerprint = clean load',
    lost,
    figure: `${errors} of ${2 * rounds} loads failed (re-run)`,
  };
}

/** d: the API in a child process, killed with SIGKILL during mutations. */
async function apiKilledDuringMutations(): Promise<Row> {
  return withDriver(async (driver) => {
    const links = (
      await driver.executeQuery(
        `MATCH (f:Measure)-[r:IMPLEMENTS]->(t:Measure) RETURN f.id AS f, t.id AS t ORDER BY f.id, t.id LIMIT 400`,
      )
    ).records.map((r) => ({ f: r.get('f') as string, t: r.get('t') as string }));
    const acknowledged: { f: string; t: string; n: string }[] = [];
    let sent = 0;
    let next = 0;
    let rounds = 0;
    for (let i = 0; i < ROUNDS && timeLeft() > 60_000 && next < links.length; i++) {
      rounds++;
      const port = 4690 + i;
      const child = spawnApi(port);
      await waitFor(`http://127.0.0.1:${port}/graphql`);
      const url = `http://127.0.0.1:${port}/graphql`;
      let stop = false;
      const killer = sleep(300 + Math.floor(Math.random() * 1500)).then(() => {
        child.kill('SIGKILL');
        stop = true;
      });
      const workers = [0, 1, 2, 3].map(async () => {
        while (!stop && next < links.length) {
          const link = links[next++]!;
          const n = `chaos ${i}.${next}`;
          sent++;
          try {
            const res = await gql(url, REVIEW, { f: link.f, t: link.t, n }, API_KEY);
            if (res.data?.reviewAlignment) acknowledged.push({ ...link, n });
          } catch {
            // no answer: not acknowledged
          }
        }
      });
      await Promise.all([killer, ...workers]);
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode ? r(null) : child.once('exit', r),
      );
    }
    let missing = 0;
    for (const a of acknowledged) {
      const r = await driver.executeQuery(
        `MATCH (:Measure {id: $f})-[r:IMPLEMENTS]->(:Measure {id: $t}) RETURN r.review AS d, r.reviewNote AS n, r.reviewedAt IS NOT NULL AS at`,
        a,
      );
      const rec = r.records[0];
      if (!rec || rec.get('d') !== 'CONFIRM' || rec.get('n') !== a.n || rec.get('at') !== true) missing++;
    }
    // Nothing half-written: a review has all three of decision, note and time, or none.
    const half: unknown = (
      await driver.executeQuery(
        `MATCH ()-[r:IMPLEMENTS]->() WHERE (r.review IS NULL) <> (r.reviewedAt IS NULL) RETURN count(r) AS c`,
      )
    ).records[0]!.get('c');
    const halfCount = Number(half);
    return {
      fault: 'd. API killed (SIGKILL) during mutations',
      rounds,
      checked: `${acknowledged.length} acknowledged of ${sent} sent are in the graph`,
      lost: missing + halfCount,
      figure: `${missing} missing, ${halfCount} half-written`,
    };
  });
}

function spawnApi(port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/chaos.ts', '--api-child', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const r = await gql(url, '{ health { neo4jVersion } }', {});
      if (r.data) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`the API at ${url} did not start`);
}

/** e: Neo4j restarted (stopped, started) under traffic. */
async function restartUnderTraffic(): Promise<Row> {
  const cfg = config();
  const driver = createDriver(cfg);
  const api = await startApi(cfg, driver, 0);
  const codes = new Map<string, number>();
  let stop = false;
  let recoveredAfter = NaN;
  let up = 0;
  // A request already waiting on Neo4j when its shutdown began may wait out its whole time limit (the
  // server neither answers nor refuses while it shuts down): its TIMEOUT is typed and loses nothing, and
  // is counted apart. Any other TIMEOUT (the database already known to be away) is a failure.
  let stopBegan = Infinity;
  let inFlightAtStop = 0;
  try {
    const traffic = (async () => {
      while (!stop) {
        try {
          const sent = performance.now();
          const r = await gql(api.url, '{ plans(first: 5) { totalCount } }', {});
          let code = r.errors?.[0]?.extensions?.code ?? (r.data ? 'data' : 'empty');
          if (code === 'TIMEOUT' && sent <= stopBegan && performance.now() > stopBegan) {
            inFlightAtStop++;
            code = 'in-flight TIMEOUT';
          }
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (code !== 'data' && code !== 'UNAVAILABLE') {
            const at = (x: number) => `${((x - stopBegan) / 1000).toFixed(1)} s`;
            log(
              `e: ${code} (sent ${at(sent)}, answered ${at(performance.now())} after the stop began): ${r.errors?.[0]?.message ?? ''}`,
            );
          }
        } catch {
          codes.set('no answer', (codes.get('no answer') ?? 0) + 1);
        }
        await sleep(100);
      }
    })();
    await sleep(2000);
    stopBegan = performance.now();
    await stopLocal(cfg);
    await sleep(3000);
    const t = performance.now();
    log(`e: start called ${((t - stopBegan) / 1000).toFixed(1)} s after the stop began`);
    await startLocal(config());
    log(`e: started ${((performance.now() - stopBegan) / 1000).toFixed(1)} s after the stop began`);
    // Recovered by itself: the same API and driver answer with data again, no restart of either.
    for (let i = 0; i < 600 && Number.isNaN(recoveredAfter); i++) {
      const r = await gql(api.url, '{ plans(first: 5) { totalCount } }', {}).catch(() => null);
      if (r?.data) recoveredAfter = (performance.now() - t) / 1000;
      else await sleep(100);
    }
    up = codes.get('data') ?? 0;
    stop = true;
    await traffic;
  } finally {
    await api.close();
    await driver.close();
  }
  const other = [...codes.entries()].filter(
    ([c]) => c !== 'data' && c !== 'UNAVAILABLE' && c !== 'in-flight TIMEOUT',
  );
  const unavailable = codes.get('UNAVAILABLE') ?? 0;
  return {
    fault: 'e. Neo4j restarted under traffic',
    rounds: 1,
    checked:
      'only data or UNAVAILABLE (TIMEOUT only for a request in flight at the stop); recovers by itself',
    lost: other.reduce((s, [, n]) => s + n, 0) + (unavailable === 0 || Number.isNaN(recoveredAfter) ? 1 : 0),
    figure: `${up} data, ${unavailable} UNAVAILABLE, ${inFlightAtStop} in-flight TIMEOUT, ${other.map(([c, n]) => `${n} ${c}`).join(', ') || 'no other'}; data again ${recoveredAfter.toFixed(1)} s after start`,
  };
}

function table(rows: Row[]): string {
  const head = ['fault', 'rounds', 'checked', 'lost', 'figures'];
  const lines = rows.map((r) => [r.fault, String(r.rounds), r.checked, String(r.lost), r.figure]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

async function main(): Promise<number> {
  const cfg0 = loadConfig(env);
  rmSync(cfg0.neo4jHome, { recursive: true, force: true });
  await startLocal(cfg0, (line) => log(`neo4j: ${line}`));
  const rows: Row[] = [];
  try {
    const reference = await withDriver(async (driver, cfg) => {
      await clean(driver, cfg);
      await loadInputs(driver, cfg.NEO4J_DATABASE, INPUTS);
      return JSON.stringify(await fingerprint(driver));
    });
    log(`clean load: ${(JSON.parse(reference) as string[]).length} nodes and relationships`);
    const faults: [string, () => Promise<Row>][] = [
      ['b', queriesDuringReloads],
      ['d', apiKilledDuringMutations],
      ['e', restartUnderTraffic],
      ['c', () => twoLoadsAtOnce(reference)],
      ['a', () => killDuringLoads(reference)],
    ];
    for (const [, run] of faults.filter(([f]) => FAULTS.includes(f))) {
      const row = await run();
      log(`${row.fault}: lost ${row.lost}; ${row.figure}`);
      rows.push(row);
    }
  } finally {
    await stopLocal(config()).catch(() => false);
    rmSync(cfg0.neo4jHome, { recursive: true, force: true });
  }
  console.log(table(rows));
  const lost = rows.reduce((s, r) => s + r.lost, 0);
  console.log(lost === 0 ? 'no loss' : `LOSS: ${lost}`);
  return lost === 0 ? 0 : 1;
}

if (process.argv[2] === '--api-child') {
  const cfg = config();
  const driver = createDriver(cfg);
  await startApi(cfg, driver, Number(process.argv[3]));
} else {
  process.exitCode = await main().catch((err: unknown) => {
    console.error(`chaos: ${(err as Error).stack ?? String(err)}`);
    return 2;
  });
}
