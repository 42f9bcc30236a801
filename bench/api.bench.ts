// npm run bench:api — latency and throughput of trace, coverage and search over GraphQL (autocannon,
// loopback) at concurrency 1, 16 and 64, and in the same run the same questions asked as raw Cypher
// through neo4j-driver (the same cypher/api files, no HTTP, no GraphQL). Uses a Neo4j of its own
// (.neo4j-bench, ports 7690/7477) loaded with the seeds.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { luceneQuery } from '../src/api/search.js';
import { loadConfig, withLocalPassword } from '../src/config.js';
import { startLocal, stopLocal } from '../src/db/local-neo4j.js';
import { cypher } from '../src/graph/cypher.js';
import { createDriver, inTransaction } from '../src/graph/driver.js';
import { loadInputs } from '../src/pipeline/load.js';
import { packageRoot } from '../src/paths.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = [1, 16, 64];
Object.assign(process.env, {
  PLANTRACE_NEO4J_HOME: '.neo4j-bench',
  PLANTRACE_NEO4J_BOLT_PORT: '7690',
  PLANTRACE_NEO4J_HTTP_PORT: '7477',
  LOG_LEVEL: 'warn',
});
delete process.env.NEO4J_URI;
const cfg = loadConfig();

const QUESTIONS = [
  {
    name: 'trace',
    graphql: `{ trace(measureId: "沪府发-2024-12/a1/m1") { aligned path { kind node { id title } link { score method evidence { kind text } } } } }`,
    cypher: 'api/trace',
    params: { measureId: '沪府发-2024-12/a1/m1' },
  },
  {
    name: 'coverage',
    graphql: `{ coverage(planId: "doc-003-ec6a7881f5664fda") { covered total tasks { task { id title } covered linkCount best { score } } } }`,
    cypher: 'api/coverage',
    params: { planId: 'doc-003-ec6a7881f5664fda' },
  },
  {
    name: 'search',
    graphql: `{ search(text: "随迁子女", first: 10) { totalCount nodes { kind score snippet } } }`,
    cypher: 'api/search',
    params: { query: luceneQuery('随迁子女'), kinds: null, offset: 0, limit: 10 },
  },
];

interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

rmSync(cfg.neo4jHome, { recursive: true, force: true });
const server = await startLocal(cfg, (l) => process.stderr.write(`[bench neo4j] ${l}\n`));
// The bench server's password file is made by startLocal: read it now.
const driver = createDriver(withLocalPassword(cfg));
try {
  await loadInputs(driver, cfg.NEO4J_DATABASE, ['seeds']);
  // The API runs in its own process, as in production, so autocannon does not share its event loop.
  const port = 4090;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(packageRoot, 'src/cli/main.ts'), 'serve'],
    {
      env: { ...process.env, NEO4J_URI: server.boltUri, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    },
  );
  const api = { url: `http://127.0.0.1:${port}/graphql`, close: async () => void child.kill('SIGTERM') };
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  async function viaGraphql(query: string, connections: number): Promise<Figures> {
    const r = await autocannon({
      url: api.url,
      method: 'POST',
      connections,
      duration: SECONDS,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    if (r.non2xx > 0 || r.errors > 0)
      throw new Error(`GraphQL errors: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average };
  }

  async function viaCypher(
    file: string,
    params: Record<string, unknown>,
    connections: number,
  ): Promise<Figures> {
    const text = cypher(file);
    const times: number[] = [];
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          await inTransaction(driver, cfg.NEO4J_DATABASE, 'READ', (tx) => tx.run(text, params));
          times.push(performance.now() - t);
        }
      }),
    );
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99), rps: times.length / SECONDS };
  }

  // Warm-up: JIT on both sides, query plans cached in Neo4j.
  for (const q of QUESTIONS) {
    await viaGraphql(q.graphql, 4);
    await viaCypher(q.cypher, q.params, 4);
  }

  console.log(
    `each cell: ${SECONDS} s of load; latency in ms; ratio = GraphQL p50 / raw Cypher p50 (target ≤ 1.3)`,
  );
  console.log('question   conc | GraphQL p50   p99    req/s | raw Cypher p50   p99    req/s | p50 ratio');
  for (const q of QUESTIONS)
    for (const c of CONCURRENCY) {
      const g = await viaGraphql(q.graphql, c);
      const r = await viaCypher(q.cypher, q.params, c);
      console.log(
        `${q.name.padEnd(10)} ${String(c).padStart(4)} | ${g.p50.toFixed(1).padStart(9)} ${g.p99.toFixed(1).padStart(6)} ${g.rps.toFixed(0).padStart(8)} |` +
          ` ${r.p50.toFixed(1).padStart(12)} ${r.p99.toFixed(1).padStart(6)} ${r.rps.toFixed(0).padStart(8)} | ${(g.p50 / Math.max(r.p50, 0.01)).toFixed(2).padStart(6)}×`,
      );
    }
  await api.close();
} finally {
  await driver.close();
  if (server.started) await stopLocal(cfg);
  rmSync(cfg.neo4jHome, { recursive: true, force: true });
}
