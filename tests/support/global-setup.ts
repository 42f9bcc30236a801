// Starts the test Neo4j (unless NEO4J_URI is given) before the integration and e2e tests, and stops
// it afterwards, so a test run leaves no server behind. Tests find it as plantrace does: the local
// server's folder and ports from the environment, and its generated password from its password file
// (loadConfig), never from a value written here.
import { rmSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { startLocal, stopLocal } from '../../src/db/local-neo4j.js';

// PLANTRACE_TEST_PORTS=7700,7701 moves the test server (and its folder) so two checkouts can test at once.
const [bolt = '7688', http = '7475'] = (process.env.PLANTRACE_TEST_PORTS ?? '').split(',').filter(Boolean);
export const testEnv = {
  PLANTRACE_NEO4J_HOME: bolt === '7688' ? '.neo4j-test' : `.neo4j-test-${bolt}`,
  PLANTRACE_NEO4J_BOLT_PORT: bolt,
  PLANTRACE_NEO4J_HTTP_PORT: http,
};

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) return async () => {};
  Object.assign(process.env, testEnv);
  const cfg = loadConfig();
  rmSync(cfg.neo4jHome, { recursive: true, force: true }); // a fresh database for every run
  const server = await startLocal(cfg, (line) => process.stderr.write(`[test neo4j] ${line}\n`));
  return async () => {
    if (server.started) await stopLocal(cfg);
    rmSync(cfg.neo4jHome, { recursive: true, force: true });
  };
}
