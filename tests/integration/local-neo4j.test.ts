// The local server's lifecycle through the real CLI, on its own folder and ports so that it never
// touches the shared test database.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, localPasswordFile } from '../../src/config.js';
import { startTestApi } from '../support/api.js';
import { runCli, runCliAsync } from '../support/cli.js';

const env = {
  NEO4J_URI: undefined,
  PLANTRACE_NEO4J_HOME: '.neo4j-test-lifecycle',
  PLANTRACE_NEO4J_BOLT_PORT: '7689',
  PLANTRACE_NEO4J_HTTP_PORT: '7476',
};
const uri = 'bolt://127.0.0.1:7689';
const http = 'http://127.0.0.1:7476';
// Found as plantrace finds it: loadConfig reads the password file of the local server's folder.
const localConfig = () => loadConfig({ ...process.env, ...env });
const passwordFile = () => localPasswordFile(localConfig().neo4jHome);

/** The Neo4j error code of a failed promise (or 'none' when it did not fail). */
async function failureCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
}

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
  const cfg = localConfig();
  const driver = neo4j.driver(uri, neo4j.auth.basic(cfg.NEO4J_USER, cfg.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
  });
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
  }, 300_000);

  it('generates a password at first start, readable only by the user, and says how to log in', () => {
    const file = passwordFile();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const again = runCli(['db', 'start'], env);
    expect(again.stdout).toContain('login:   user neo4j');
    // Not a terminal: the file is named, the password itself is not printed.
    expect(again.stdout).toContain(`password: in ${file}`);
    expect(again.stdout).not.toContain(password);
  });

  it('refuses Bolt without the password', async () => {
    const tryWith = async (auth: ReturnType<typeof neo4j.auth.basic>) => {
      const driver = neo4j.driver(uri, auth, { logging: { level: 'error', logger: () => {} } });
      try {
        return await failureCode(driver.executeQuery('RETURN 1'));
      } finally {
        await driver.close();
      }
    };
    expect(await tryWith(neo4j.auth.basic('neo4j', ''))).toBe('Neo.ClientError.Security.Unauthorized');
    expect(await tryWith(neo4j.auth.basic('neo4j', 'neo4j'))).toBe('Neo.ClientError.Security.Unauthorized');
    expect(await tryWith(neo4j.auth.basic('nobody', 'x'))).toBe('Neo.ClientError.Security.Unauthorized');
    // The same call with the configured password works (so the refusals above are about credentials).
    const cfg = localConfig();
    expect(await tryWith(neo4j.auth.basic(cfg.NEO4J_USER, cfg.NEO4J_PASSWORD))).toBe('none');
  });

  it('refuses the HTTP API without the password', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${http}/db/neo4j/tx/commit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ statements: [{ statement: 'CREATE (:HttpProbe) RETURN 1' }] }),
      });
    expect((await post({})).status).toBe(401);
    const wrong = Buffer.from('neo4j:neo4j').toString('base64');
    expect((await post({ authorization: `Basic ${wrong}` })).status).toBe(401);
    const cfg = localConfig();
    const right = Buffer.from(`${cfg.NEO4J_USER}:${cfg.NEO4J_PASSWORD}`).toString('base64');
    const ok = await post({ authorization: `Basic ${right}` });
    expect(ok.status).toBe(200);
    expect(await query<{ n: number }>('MATCH (p:HttpProbe) DETACH DELETE p RETURN count(*) AS n')).toEqual([
      { n: 1 },
    ]);
  });

  it('gives no CORS allowance to another web origin', async () => {
    for (const method of ['OPTIONS', 'POST'] as const) {
      const res = await fetch(`${http}/db/neo4j/tx/commit`, {
        method,
        headers: {
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
          'content-type': 'application/json',
        },
        ...(method === 'POST' ? { body: '{"statements":[]}' } : {}),
      });
      const allowed = res.headers.get('access-control-allow-origin');
      expect(allowed, method).not.toBe('*');
      expect(allowed, method).not.toBe('http://evil.example');
    }
    // The plantrace origin is the one allowed.
    const own = await fetch(`${http}/db/neo4j/tx/commit`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:4000', 'access-control-request-method': 'POST' },
    });
    expect(own.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4000');
  });

  it('runs on the throughput collector (ParallelGC), as src/db/local-neo4j.ts starts it', async () => {
    // G1 costs this class of machine a third more of Neo4j's CPU during loads (README, Benchmarks).
    const rows = await query<{ gc: string }>(
      "CALL dbms.queryJmx('java.lang:type=GarbageCollector,*') YIELD attributes RETURN attributes.Name.value AS gc",
    );
    expect(rows.map((r) => r.gc).sort()).toEqual(['PS MarkSweep', 'PS Scavenge']);
  });

  it('refuses LOAD CSV from file URLs', async () => {
    const code = await failureCode(query('LOAD CSV FROM "file:///etc/passwd" AS row RETURN count(row) AS n'));
    expect(code).toBe('Neo.ClientError.Statement.ExternalResourceFailed');
  });

  it('listens on loopback only', () => {
    const pid = readFileSync(path.join(localConfig().neo4jHome, 'neo4j.pid'), 'utf8').trim();
    const lines = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(`pid=${pid},`));
    expect(lines.length).toBeGreaterThanOrEqual(2); // Bolt and HTTP at least
    // IPv4 loopback, possibly written as an IPv4-mapped IPv6 address.
    for (const l of lines) expect(l.split(/\s+/)[3], l).toMatch(/^(\[::ffff:)?127\.0\.0\.1\]?:/);
  });

  it('serves Neo4j Browser over HTTP on loopback', async () => {
    const res = await fetch('http://127.0.0.1:7476/browser/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('keeps data and the password across a stop and the next start', async () => {
    const password = readFileSync(passwordFile(), 'utf8');
    await query("MERGE (:LifecycleProbe {id: 'kept'})");
    const stop = runCli(['db', 'stop'], env);
    expect(stop.stdout).toContain('Neo4j stopped.');
    expect(launchers()).toBe(0);
    const down = runCli(['db', 'status'], env);
    expect(down.status).toBe(3);
    expect(down.stdout).toContain('not answering');
    expect(runCli(['db', 'start'], env).status).toBe(0);
    expect(readFileSync(passwordFile(), 'utf8')).toBe(password);
    expect(await query<{ n: number }>('MATCH (p:LifecycleProbe) RETURN count(p) AS n')).toEqual([{ n: 1 }]);
  }, 300_000); // a stop and a start: minutes on a busy 2-core machine

  it("applies plantrace's style sheet when Neo4j Browser connects", async () => {
    const rows = await query<{ value: string }>(
      "CALL dbms.listConfig('browser.post_connect_cmd') YIELD value RETURN value",
    );
    expect(rows[0]?.value).toBe('style http://127.0.0.1:4000/browser/plantrace.grass');
  });

  it('the API keeps running while Neo4j restarts, says UNAVAILABLE meanwhile, and recovers by itself', async () => {
    // Local configuration, no password given: plantrace finds it by itself.
    const api = await startTestApi({ ...env, NEO4J_URI: '', NEO4J_PASSWORD: '' });
    try {
      const ask = () => api.gql<{ plans: { totalCount: number } }>('{ plans { totalCount } }');
      expect((await ask()).errors).toBeUndefined();
      // The CLI runs beside the API, not blocking it: the API keeps serving while Neo4j restarts.
      expect((await runCliAsync(['db', 'stop'], env)).status).toBe(0);
      const during = await ask();
      expect(during.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
      expect((await fetch(`${api.base}/health`)).status).toBe(503);
      expect((await runCliAsync(['db', 'start'], env)).status).toBe(0);
      // Until the database answers again, every request is UNAVAILABLE (not TIMEOUT: the store knows
      // the database is away); within a minute the same API answers with data.
      let after = await ask();
      for (let i = 0; i < 6 && after.errors; i++) {
        expect(after.errors[0]?.extensions?.code).toBe('UNAVAILABLE');
        await new Promise((r) => setTimeout(r, 5000));
        after = await ask();
      }
      expect(after.errors).toBeUndefined();
      expect(after.data?.plans.totalCount).toBe(0);
    } finally {
      await api.close();
    }
  }, 300_000);

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
