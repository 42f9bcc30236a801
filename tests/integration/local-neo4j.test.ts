// The local server's lifecycle through the real CLI, on its own folder and ports so that it never
// touches the shared test database.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApi } from '../support/api.js';
import { runCli } from '../support/cli.js';

const env = {
  NEO4J_URI: undefined,
  PLANTRACE_NEO4J_HOME: '.neo4j-test-lifecycle',
  PLANTRACE_NEO4J_BOLT_PORT: '7689',
  PLANTRACE_NEO4J_HTTP_PORT: '7476',
};
const uri = 'bolt://127.0.0.1:7689';

function launchers(): number {
  try {
    return execFileSync('pgrep', ['-f', 'Launcher .*neo4j-test-lifecycle'], { encoding: 'utf8' })
      .trim()
      .split('\n').length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

async function query<T>(cypher: string): Promise<T[]> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  try {
    const res = await driver.executeQuery(cypher);
    return res.records.map((r) => r.toObject() as T);
  } finally {
    await driver.close();
  }
}

describe('plantrace db start|stop|status', () => {
  afterAll(() => {
    runCli(['db', 'stop'], env);
    rmSync('.neo4j-test-lifecycle', { recursive: true, force: true });
  });

  it('starts once, reuses the running server, and prints the Bolt and Browser URLs', () => {
    const first = runCli(['db', 'start'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`bolt:    ${uri}`);
    expect(first.stdout).toContain('browser: http://127.0.0.1:7476/browser/');
    const second = runCli(['db', 'start'], env);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('already running');
    expect(launchers()).toBe(1);
    expect(runCli(['db', 'status'], env).stdout).toMatch(/answering at .* \(Neo4j\/5\.26\.\d+\)/);
  });

  it('serves Neo4j Browser over HTTP on loopback', async () => {
    const res = await fetch('http://127.0.0.1:7476/browser/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('keeps data across a stop and the next start', async () => {
    await query("MERGE (:LifecycleProbe {id: 'kept'})");
    const stop = runCli(['db', 'stop'], env);
    expect(stop.stdout).toContain('Neo4j stopped.');
    expect(launchers()).toBe(0);
    const down = runCli(['db', 'status'], env);
    expect(down.status).toBe(3);
    expect(down.stdout).toContain('not answering');
    expect(runCli(['db', 'start'], env).status).toBe(0);
    expect(await query<{ n: number }>('MATCH (p:LifecycleProbe) RETURN count(p) AS n')).toEqual([{ n: 1 }]);
  });

  it("applies plantrace's style sheet when Neo4j Browser connects", async () => {
    const rows = await query<{ value: string }>(
      "CALL dbms.listConfig('browser.post_connect_cmd') YIELD value RETURN value",
    );
    expect(rows[0]?.value).toBe('style http://127.0.0.1:4000/browser/plantrace.grass');
  });

  it('the API keeps running while Neo4j restarts, says UNAVAILABLE meanwhile, and recovers by itself', async () => {
    const api = await startTestApi({ NEO4J_URI: uri });
    try {
      const ask = () => api.gql<{ plans: { totalCount: number } }>('{ plans { totalCount } }');
      expect((await ask()).errors).toBeUndefined();
      expect(runCli(['db', 'stop'], env).status).toBe(0);
      const during = await ask();
      expect(during.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
      expect((await fetch(`${api.base}/health`)).status).toBe(503);
      expect(runCli(['db', 'start'], env).status).toBe(0);
      const after = await ask();
      expect(after.errors).toBeUndefined();
      expect(after.data?.plans.totalCount).toBe(0);
    } finally {
      await api.close();
    }
  }, 120_000);

  it('loads APOC Core', async () => {
    const [row] = await query<{ v: string }>('RETURN apoc.version() AS v');
    expect(row?.v).toMatch(/^5\.26\./);
  });

  it('reports a stopped server in one line naming the URI', () => {
    const res = runCli(['serve'], { NEO4J_URI: 'bolt://127.0.0.1:7699' });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(
      /^plantrace: Neo4j is not reachable at bolt:\/\/127\.0\.0\.1:7699: .*ECONNREFUSED/,
    );
  });
});
