// npm run bench:api — trace, coverage and search side by side in one run, at concurrency 1, 16 and 64:
//   (a) plantrace's GraphQL API (its own process, over HTTP, autocannon);
//   (b) the same Cypher, with the same parameters, sent to Neo4j's own HTTP API (the Query API,
//       POST /db/neo4j/query/v2, else /db/neo4j/tx/commit; basic auth) — what a user could call instead;
//   (c) the same Cypher through neo4j-driver in this process — the limit, no HTTP at all: in a managed
//       read transaction as the API runs it (R is against this), and, for reference, as one auto-commit
//       transaction (one round trip instead of two);
// and the peer: @neo4j/graphql (its own process) against plantrace on the same nested read
// (plan → actions → measures → the titles of what they IMPLEMENT). The graph: the seeds and BENCH_PLANS
// generated plans in a Neo4j of the bench's own (.neo4j-bench-api, ports 7694/7481; API on 4092, peer on 4093;
// not 4190, which fetch refuses as a "bad port").
// The last line: `api: trace c64 N req/s; p50 H× neo4j-http, R× raw; peer P×`, where N is plantrace's
// GraphQL req/s on trace at c = 64; H and R are the medians over the nine cells (3 questions × 3
// concurrencies) of GraphQL p50 ÷ Neo4j HTTP p50 and GraphQL p50 ÷ raw driver p50 (below 1: plantrace is
// faster); P is the median over c = 1, 16, 64 of plantrace req/s ÷ @neo4j/graphql req/s on the nested read
// (above 1: plantrace serves more). BENCH_SECONDS (default 3) per cell; progress goes to stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { luceneQuery } from '../src/api/search.js';
import { cypher } from '../src/graph/cypher.js';
import { inTransaction } from '../src/graph/driver.js';
import { packageRoot } from '../src/paths.js';
import { benchGraph } from './api-graph.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = Math.min(SECONDS, 1);
const started = performance.now();
const progress = (what: string) =>
  process.stderr.write(`[bench:api ${((performance.now() - started) / 1000).toFixed(0)} s] ${what}\n`);
const PLANS = Number(process.env.BENCH_PLANS ?? 100);
const CONCURRENCY = [1, 16, 64];
const API_PORT = 4092;
const PEER_PORT = 4093;

const PLAN = '沪府发-2024-12';
// Each question: the GraphQL document, and the Cypher file with the parameters the resolver sends for it
// (the projection flags the selection gives: the trace shows its links' evidence, nothing shows texts,
// and its nodes only ids and titles).
const QUESTIONS = [
  {
    name: 'trace',
    graphql: `{ trace(measureId: "${PLAN}/a1/m1") { aligned path { kind node { id title } link { score method evidence { kind text } } } } }`,
    cypher: 'api/trace',
    params: { measureId: `${PLAN}/a1/m1`, withText: false, withEvidence: true, allFields: false },
  },
  {
    name: 'coverage',
    graphql: `{ coverage(planId: "doc-003-ec6a7881f5664fda") { covered total tasks { task { id title } covered linkCount best { score } } } }`,
    cypher: 'api/coverage',
    params: { planId: 'doc-003-ec6a7881f5664fda', of: null, withText: false, withEvidence: false },
  },
  {
    name: 'search',
    graphql: `{ search(text: "随迁子女", first: 10) { totalCount nodes { kind score snippet } } }`,
    cypher: 'api/search',
    params: { query: luceneQuery('随迁子女'), kinds: null, offset: 0, limit: 10 },
  },
];
const NESTED_OURS = `{ plan(id: "${PLAN}") { id title actions { id title measures { id title implements { to { id title } } } } } }`;
const NESTED_PEER = `{ plans(where: { id: { eq: "${PLAN}" } }) { id title actions { id title measures { id title implements { id title } } } } }`;

interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
/** The median of the finite values (a cell where no request completed counts as not measured). */
const median = (xs: number[]) =>
  percentile(
    xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b),
    50,
  );

async function waitFor(url: string, init?: RequestInit): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const up = await fetch(url, init).then(
      (r) => {
        if (r.status >= 500 && i % 50 === 49)
          void r.text().then((t) => process.stderr.write(`${url}: ${r.status} ${t}\n`));
        return r.status < 500;
      },
      (err: unknown) => {
        if (i % 50 === 49) process.stderr.write(`${url}: ${String((err as Error).cause ?? err)}\n`);
        return false;
      },
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function load(
  url: string,
  body: string,
  headers: Record<string, string>,
  connections: number,
  duration = SECONDS,
) {
  const r = await autocannon({ url, method: 'POST', connections, duration, headers, body });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  // No request completed within the cell (each took longer than BENCH_SECONDS): not measured, not 0 ms.
  if (r.requests.total === 0) return { p50: NaN, p99: NaN, rps: 0 } satisfies Figures;
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average } satisfies Figures;
}

progress(`starting Neo4j and loading the seeds + ${PLANS} generated plans`);
const g = await benchGraph('.neo4j-bench-api', 7694, 7481, PLANS);
progress('graph loaded; starting the API');
const children: ChildProcess[] = [];
try {
  const env = {
    ...process.env,
    NEO4J_URI: g.boltUri,
    NEO4J_USER: g.cfg.NEO4J_USER,
    NEO4J_PASSWORD: g.cfg.NEO4J_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  // plantrace's API in its own process, as in production, so autocannon does not share its event loop.
  children.push(
    spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'src/cli/main.ts'), 'serve'], {
      env: { ...env, PORT: String(API_PORT) },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const apiUrl = `http://127.0.0.1:${API_PORT}/graphql`;
  await waitFor(`http://127.0.0.1:${API_PORT}/health`);
  const gqlHeaders = { 'content-type': 'application/json' };

  // Neo4j's HTTP API: the Query API where the server has it, else the transactional endpoint.
  const base = `http://127.0.0.1:${g.httpPort}/db/${g.cfg.NEO4J_DATABASE}`;
  const neoHeaders = {
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Basic ${Buffer.from(`${g.cfg.NEO4J_USER}:${g.cfg.NEO4J_PASSWORD}`).toString('base64')}`,
  };
  const probe = await fetch(`${base}/query/v2`, {
    method: 'POST',
    headers: neoHeaders,
    body: JSON.stringify({ statement: 'RETURN 1 AS one' }),
  });
  const queryApi = probe.ok;
  const neoUrl = queryApi ? `${base}/query/v2` : `${base}/tx/commit`;
  const neoBody = (file: string, params: Record<string, unknown>) =>
    JSON.stringify(
      queryApi
        ? { statement: cypher(file), parameters: params }
        : { statements: [{ statement: cypher(file), parameters: params }] },
    );
  // The transactional endpoint answers 200 with errors in the body: check each question once.
  for (const q of QUESTIONS) {
    const r = (await (
      await fetch(neoUrl, { method: 'POST', headers: neoHeaders, body: neoBody(q.cypher, q.params) })
    ).json()) as { errors?: unknown[] };
    if (r.errors?.length) throw new Error(`Neo4j HTTP ${q.name}: ${JSON.stringify(r.errors)}`);
    const a = (await (
      await fetch(apiUrl, { method: 'POST', headers: gqlHeaders, body: JSON.stringify({ query: q.graphql }) })
    ).json()) as { errors?: unknown[] };
    if (a.errors?.length) throw new Error(`GraphQL ${q.name}: ${JSON.stringify(a.errors)}`);
  }

  async function viaDriver(
    file: string,
    params: Record<string, unknown>,
    connections: number,
    seconds = SECONDS,
    autoCommit = false,
  ): Promise<Figures> {
    const text = cypher(file);
    const db = g.cfg.NEO4J_DATABASE;
    // The API's way (a managed read transaction: BEGIN, RUN + PULL, COMMIT), or one auto-commit
    // transaction (RUN + PULL, one round trip), the fastest the driver offers.
    const once = autoCommit
      ? async () => {
          const session = g.driver.session({ database: db, defaultAccessMode: 'READ' });
          try {
            await session.run(text, params);
          } finally {
            await session.close();
          }
        }
      : () => inTransaction(g.driver, db, 'READ', (tx) => tx.run(text, params));
    const times: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          await once();
          times.push(performance.now() - t);
        }
      }),
    );
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99), rps: times.length / seconds };
  }

  const viaGraphql = (query: string, c: number, s = SECONDS) =>
    load(apiUrl, JSON.stringify({ query }), gqlHeaders, c, s);
  const viaHttp = (file: string, params: Record<string, unknown>, c: number, s = SECONDS) =>
    load(neoUrl, neoBody(file, params), neoHeaders, c, s);

  // Warm-up: JIT on every side, query plans cached in Neo4j.
  for (const q of QUESTIONS) {
    progress(`warm-up ${q.name}`);
    await viaGraphql(q.graphql, 4, WARMUP_SECONDS);
    await viaHttp(q.cypher, q.params, 4, WARMUP_SECONDS);
    await viaDriver(q.cypher, q.params, 4, WARMUP_SECONDS);
    await viaDriver(q.cypher, q.params, 4, WARMUP_SECONDS, true);
  }

  const f = (x: number, w: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a').padStart(w);
  console.log(
    `graph: seeds + ${g.plans} generated plans; each cell ${SECONDS} s of load; p50/p99 in ms; Neo4j HTTP = ${queryApi ? 'Query API (/query/v2)' : 'transactional endpoint (/tx/commit)'}`,
  );
  console.log(
    'question  conc | GraphQL p50   p99  req/s | Neo4j HTTP p50   p99  req/s | raw driver p50   p99  req/s | p50 ×http  ×raw | raw auto-commit p50  req/s',
  );
  const httpRatios: number[] = [];
  const rawRatios: number[] = [];
  let traceRps64 = 0;
  for (const q of QUESTIONS)
    for (const c of CONCURRENCY) {
      progress(`${q.name} c=${c}`);
      const a = await viaGraphql(q.graphql, c);
      const b = await viaHttp(q.cypher, q.params, c);
      const r = await viaDriver(q.cypher, q.params, c);
      const u = await viaDriver(q.cypher, q.params, c, SECONDS, true);
      const h = a.p50 / Math.max(b.p50, 0.01);
      const x = a.p50 / Math.max(r.p50, 0.01);
      httpRatios.push(h);
      rawRatios.push(x);
      if (q.name === 'trace' && c === 64) traceRps64 = a.rps;
      console.log(
        `${q.name.padEnd(9)} ${String(c).padStart(4)} | ${f(a.p50, 11)} ${f(a.p99, 5)} ${f(a.rps, 6, 0)} |` +
          ` ${f(b.p50, 14)} ${f(b.p99, 5)} ${f(b.rps, 6, 0)} | ${f(r.p50, 14)} ${f(r.p99, 5)} ${f(r.rps, 6, 0)} |` +
          ` ${f(h, 8, 2)}× ${f(x, 4, 2)}× | ${f(u.p50, 19)} ${f(u.rps, 6, 0)}`,
      );
    }

  // The peer, on the nested read.
  let peer = 'n/a';
  // Its package.json is not in its `exports`: read from node_modules.
  const peerPkg = JSON.parse(
    readFileSync(path.join(packageRoot, 'node_modules/@neo4j/graphql/package.json'), 'utf8'),
  ) as { version: string; engines?: { node?: string } };
  console.log(`peer: @neo4j/graphql ${peerPkg.version}, engines node ${peerPkg.engines?.node ?? '(none)'}`);
  try {
    children.push(
      spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'bench/peer-server.ts')], {
        env: { ...env, PORT: String(PEER_PORT) },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    const peerUrl = `http://127.0.0.1:${PEER_PORT}/`;
    await waitFor(peerUrl, { method: 'POST', headers: gqlHeaders, body: '{"query":"{__typename}"}' });
    const check = async (url: string, query: string) => {
      const r = (await (
        await fetch(url, { method: 'POST', headers: gqlHeaders, body: JSON.stringify({ query }) })
      ).json()) as { data?: unknown; errors?: unknown[] };
      if (r.errors?.length || !r.data) throw new Error(`${url}: ${JSON.stringify(r.errors)}`);
      return r.data as Record<string, unknown>;
    };
    const ours = (await check(apiUrl, NESTED_OURS)).plan as { actions: { measures: unknown[] }[] };
    const theirs = ((await check(peerUrl, NESTED_PEER)).plans as (typeof ours)[])[0]!;
    const count = (p: typeof ours) => p.actions.reduce((s, a) => s + a.measures.length, 0);
    console.log(
      `nested read: ${PLAN}, ${ours.actions.length} actions, ${count(ours)} measures (peer: ${theirs.actions.length}, ${count(theirs)})`,
    );
    progress('warm-up nested read');
    await viaGraphql(NESTED_OURS, 4, WARMUP_SECONDS);
    await load(peerUrl, JSON.stringify({ query: NESTED_PEER }), gqlHeaders, 4, WARMUP_SECONDS);
    console.log(
      'nested    conc | plantrace p50   p99  req/s | @neo4j/graphql p50   p99  req/s | req/s ÷peer  p50 ÷peer',
    );
    const peerRatios: number[] = [];
    for (const c of CONCURRENCY) {
      progress(`nested c=${c}`);
      const a = await viaGraphql(NESTED_OURS, c);
      const b = await load(peerUrl, JSON.stringify({ query: NESTED_PEER }), gqlHeaders, c);
      peerRatios.push(a.rps > 0 && b.rps > 0 ? a.rps / b.rps : NaN);
      console.log(
        `nested    ${String(c).padStart(4)} | ${f(a.p50, 13)} ${f(a.p99, 5)} ${f(a.rps, 6, 0)} | ${f(b.p50, 18)} ${f(b.p99, 5)} ${f(b.rps, 6, 0)} |` +
          ` ${f(peerRatios.at(-1)!, 10, 2)}× ${f(a.p50 / Math.max(b.p50, 0.01), 9, 2)}×`,
      );
    }
    peer = `${median(peerRatios).toFixed(2)}×`;
  } catch (err) {
    console.log(`peer: not measured: ${(err as Error).message}`);
  }

  console.log(
    'H, R: median over the nine cells of GraphQL p50 ÷ Neo4j HTTP p50 and ÷ raw driver p50 (lower is better); P: median over c = 1, 16, 64 of plantrace req/s ÷ @neo4j/graphql req/s on the nested read (higher is better)',
  );
  console.log(
    `api: trace c64 ${traceRps64.toFixed(0)} req/s; p50 ${median(httpRatios).toFixed(2)}× neo4j-http, ${median(rawRatios).toFixed(2)}× raw; peer ${peer}`,
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await g.close();
}
