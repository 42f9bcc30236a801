// `plantrace start` (the main job: local Neo4j, load the seeds, GraphQL) and `plantrace serve` (GraphQL only).
import type { Command } from 'commander';
import { loadConfig, withLocalPassword, type Config } from '../config.js';
import { startLocal } from '../db/local-neo4j.js';
import { createDriver, verifyNeo4j } from '../graph/driver.js';
import { describeSummary, loadWithProgress, withDriver } from './load.js';
import { say } from './errors.js';
import { pipelineOptions } from './pipeline-options.js';

export function registerServeCommands(program: Command): void {
  program
    .command('start')
    .description('start the local Neo4j if needed, load the seed documents, and serve GraphQL')
    .action(async () => {
      let cfg = loadConfig();
      if (cfg.localNeo4j) {
        const server = await startLocal(cfg, say);
        say(
          `Neo4j ${server.started ? 'started' : 'reused'} at ${server.boltUri}; Browser at ${server.browserUrl} ` +
            `(user neo4j, password in ${server.passwordFile})`,
        );
        cfg = withLocalPassword(cfg); // the first start has just created the password file
      }
      const summary = await withDriver(cfg, (driver) =>
        loadWithProgress(driver, cfg, [cfg.PLANTRACE_SEEDS], pipelineOptions(cfg, { curated: true })),
      );
      say(`seeds (${cfg.PLANTRACE_SEEDS}):\n${describeSummary(summary, false).trimEnd()}`);
      await serve(cfg);
    });

  program
    .command('serve')
    .description('serve GraphQL against the configured Neo4j (starts nothing, loads nothing)')
    .action(async () => serve(loadConfig()));
}

async function serve(cfg: Config): Promise<void> {
  const driver = createDriver(cfg);
  await verifyNeo4j(driver, cfg.neo4jUri);
  // Serving is production unless told otherwise: graphql-js outside production checks on every type
  // lookup that the schema's classes come from one copy of graphql (about 2% of the API's CPU). What
  // NODE_ENV would change in Apollo is set explicitly in src/api/server.ts (introspection, landing
  // page, errors formatted without stacks). Set before the API (and graphql) is first imported.
  process.env.NODE_ENV ??= 'production';
  // The API (Apollo, Express, the schema) is loaded only to serve, not for every command.
  const { startApi } = await import('../api/server.js');
  const api = await startApi(cfg, driver);
  say(`GraphQL at ${api.url}`);
  say(`View at ${api.url.replace(/\/graphql$/, '/view/')}`);
  const shutdown = async () => {
    await api.close();
    await driver.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
