// `plantrace db start|stop|status`: the local Neo4j server (ignored when NEO4J_URI names another one).
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { boltAnswers, browserStyleUrl, startLocal, statusLocal, stopLocal } from '../db/local-neo4j.js';
import { say } from './errors.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('manage the local Neo4j 5.26 Community server');

  db.command('start')
    .description('start the local Neo4j (fetching its jars on first use); reuse it when already running')
    .action(async () => {
      const cfg = loadConfig();
      if (!cfg.localNeo4j) return externalNotice(cfg);
      const server = await startLocal(cfg, say);
      say(server.started ? 'Neo4j started.' : 'Neo4j is already running.');
      console.log(`bolt:    ${server.boltUri}`);
      console.log(`browser: ${server.browserUrl}`);
      console.log(`style:   ${browserStyleUrl(cfg)} (applied on connect while the API runs)`);
      console.log('login:   user neo4j (Browser: "Username / Password" authentication)');
      // The password itself only on a terminal: logs and pipes get the file it is kept in.
      if (process.stdout.isTTY) console.log(`password: ${server.password} (kept in ${server.passwordFile})`);
      else console.log(`password: in ${server.passwordFile} (readable only by you)`);
    });

  db.command('stop')
    .description('stop the local Neo4j')
    .action(async () => {
      const cfg = loadConfig();
      if (!cfg.localNeo4j) return externalNotice(cfg);
      console.log((await stopLocal(cfg)) ? 'Neo4j stopped.' : 'Neo4j was not running.');
    });

  db.command('status')
    .description('say whether Neo4j answers')
    .action(async () => {
      const cfg = loadConfig();
      if (!cfg.localNeo4j) {
        const agent = await boltAnswers(cfg.neo4jUri, 2000, {
          user: cfg.NEO4J_USER,
          password: cfg.NEO4J_PASSWORD,
        });
        console.log(agent ? `answering at ${cfg.neo4jUri} (${agent})` : `not answering at ${cfg.neo4jUri}`);
        process.exitCode = agent ? 0 : 3;
        return;
      }
      const s = await statusLocal(cfg);
      if (s.answering) console.log(`answering at ${cfg.neo4jUri} (${s.version}), pid ${s.pid ?? 'unknown'}`);
      else console.log(`not answering at ${cfg.neo4jUri}${s.running ? ` (pid ${s.pid} is starting)` : ''}`);
      process.exitCode = s.answering ? 0 : 3;
    });
}

function externalNotice(cfg: Config): void {
  say(`NEO4J_URI is set (${cfg.neo4jUri}): plantrace uses that server and manages none.`);
}
