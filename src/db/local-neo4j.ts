// The local Neo4j 5.26 Community server, assembled from Maven Central jars (see neo4j/pom.xml and
// neo4j/src/Launcher.java). `start` is idempotent: a server that already answers is reused.
// Locked down: authentication on with a password generated at first start and kept in
// <home>/auth/password (0600, folder 0700), CORS only for the plantrace origin, no LOAD CSV from files,
// loopback listeners only.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { localPasswordFile, type Config } from '../config.js';
import { neo4jBuildDir } from '../paths.js';

const libDir = path.join(neo4jBuildDir, 'target', 'lib');
const classesDir = path.join(neo4jBuildDir, 'target', 'classes');
// APOC bundles old copies of commons-* classes: it must come after Neo4j's own jars on the classpath.
const apocDir = path.join(neo4jBuildDir, 'target', 'apoc');
const readyMarker = path.join(neo4jBuildDir, 'target', 'ready.sha256');

export interface LocalServer {
  boltUri: string;
  browserUrl: string;
  pid: number | null;
  /** True when this call started the process, false when a running one was reused. */
  started: boolean;
  /** The password of user neo4j (from the password file) and where it is kept. */
  password: string;
  passwordFile: string;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

const pidFile = (cfg: Config) => path.join(cfg.neo4jHome, 'neo4j.pid');
const logFile = (cfg: Config) => path.join(cfg.neo4jHome, 'neo4j.log');
export const browserUrlOf = (cfg: Config) => `http://127.0.0.1:${cfg.PLANTRACE_NEO4J_HTTP_PORT}/browser/`;

/** Resolve the jars with Maven and compile the launcher, once per pom/launcher version. */
export function ensureInstalled(report: (line: string) => void = () => {}): void {
  const pom = readFileSync(path.join(neo4jBuildDir, 'pom.xml'));
  const launcher = readFileSync(path.join(neo4jBuildDir, 'src', 'Launcher.java'));
  const digest = createHash('sha256').update(pom).update(launcher).digest('hex');
  if (existsSync(readyMarker) && readFileSync(readyMarker, 'utf8') === digest) return;

  report('Resolving Neo4j 5.26 jars from Maven Central (first run only)…');
  rmSync(libDir, { recursive: true, force: true });
  rmSync(apocDir, { recursive: true, force: true });
  run('mvn', ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`], neo4jBuildDir);
  mkdirSync(apocDir, { recursive: true });
  for (const jar of readdirSync(libDir).filter((f) => f.startsWith('apoc-'))) {
    renameSync(path.join(libDir, jar), path.join(apocDir, jar));
  }
  report('Compiling the launcher…');
  mkdirSync(classesDir, { recursive: true });
  run(
    'javac',
    ['-cp', `${libDir}/*`, '-d', classesDir, path.join(neo4jBuildDir, 'src', 'Launcher.java')],
    neo4jBuildDir,
  );
  writeFileSync(readyMarker, digest);
}

function run(cmd: string, args: string[], cwd: string): void {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.error) throw new LocalNeo4jError(`${cmd} could not run: ${res.error.message}`);
  if (res.status !== 0) {
    const tail = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new LocalNeo4jError(`${cmd} ${args[0]} failed (exit ${res.status}):\n${tail}`);
  }
}

/**
 * The local server's password: read from the password file, which is created at first start with 32
 * random bytes (base64url) and readable only by the user. The folder is 0700, the file 0600 (fixed on every
 * start if someone loosened them).
 */
export function ensureLocalPassword(cfg: Config): string {
  const file = localPasswordFile(cfg.neo4jHome);
  mkdirSync(cfg.neo4jHome, { recursive: true, mode: 0o700 });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  chmodSync(cfg.neo4jHome, 0o700);
  chmodSync(path.dirname(file), 0o700);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another start wrote it first
    }
  }
  chmodSync(file, 0o600);
  const password = readFileSync(file, 'utf8').trim();
  if (password.length < 8) throw new LocalNeo4jError(`${file} holds no usable password (8+ characters)`);
  return password;
}

type Probe = { state: 'up'; agent: string } | { state: 'refused' } | { state: 'down' };

/** Asks a Bolt server for its agent string with the given credentials. */
async function probe(
  uri: string,
  timeoutMs: number,
  auth: { user: string; password: string },
): Promise<Probe> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(auth.user, auth.password), {
    connectionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    const info = await driver.getServerInfo();
    return { state: 'up', agent: info.agent ?? 'Neo4j' };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Neo.ClientError.Security.')) return { state: 'refused' };
    return { state: 'down' };
  } finally {
    await driver.close();
  }
}

/**
 * The server's agent string when a Bolt server answers at the URI, else null. A server that refuses the
 * credentials still answers: it says so instead of its version.
 */
export async function boltAnswers(
  uri: string,
  timeoutMs = 2000,
  auth: { user: string; password: string } = { user: 'neo4j', password: '' },
): Promise<string | null> {
  const p = await probe(uri, timeoutMs, auth);
  return p.state === 'up' ? p.agent : p.state === 'refused' ? 'Neo4j (credentials refused)' : null;
}

function readPid(cfg: Config): number | null {
  if (!existsSync(pidFile(cfg))) return null;
  const pid = Number.parseInt(readFileSync(pidFile(cfg), 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function logTail(cfg: Config, lines = 20): string {
  if (!existsSync(logFile(cfg))) return '';
  return readFileSync(logFile(cfg), 'utf8').trim().split('\n').slice(-lines).join('\n');
}

/** Where the API serves the Neo4j Browser style sheet (browser/plantrace.grass). */
export function browserStyleUrl(cfg: Config): string {
  return `http://${cfg.HOST}:${cfg.PORT}/browser/plantrace.grass`;
}

/** The origin of plantrace's own HTTP server: the only web origin Neo4j's HTTP API allows (CORS). */
export function plantraceOrigin(cfg: Config): string {
  return `http://${cfg.HOST}:${cfg.PORT}`;
}

export async function startLocal(
  cfg: Config,
  report: (line: string) => void = () => {},
): Promise<LocalServer> {
  const boltUri = cfg.neo4jUri;
  const browserUrl = browserUrlOf(cfg);
  const existingPid = readPid(cfg);
  const password = ensureLocalPassword(cfg);
  const passwordFile = localPasswordFile(cfg.neo4jHome);
  const result = (pid: number | null, started: boolean): LocalServer => ({
    boltUri,
    browserUrl,
    pid,
    started,
    password,
    passwordFile,
  });
  const running = await probe(boltUri, 2000, { user: 'neo4j', password });
  if (running.state === 'up') return result(existingPid, false);
  if (running.state === 'refused' && !(existingPid !== null && alive(existingPid)))
    throw new LocalNeo4jError(
      `a Neo4j answers at ${boltUri} but refuses the password in ${passwordFile} (another server on this port?)`,
    );
  if (existingPid !== null && alive(existingPid)) {
    // Started by someone else a moment ago (or still recovering): wait for it rather than start a twin.
    report(`Waiting for the Neo4j process ${existingPid} that is already starting…`);
    await waitForBolt(cfg, existingPid, password);
    return result(existingPid, false);
  }

  ensureInstalled(report);
  const plugins = path.join(cfg.neo4jHome, 'plugins');
  mkdirSync(plugins, { recursive: true });
  for (const jar of readdirSync(apocDir)) {
    copyFileSync(path.join(apocDir, jar), path.join(plugins, jar));
  }

  const out = openSync(logFile(cfg), 'a');
  const child = spawn(
    'java',
    [
      `-Xmx${cfg.PLANTRACE_NEO4J_HEAP}`,
      // The throughput collector, not G1: on this 2-core class of machine G1's barriers and concurrent
      // threads cost 4–5 CPU-seconds per 1,000 plans written (ParallelGC ~1.5) and compete with the
      // loader for the cores; the heap is small (1g), so its stop-the-world pauses stay short.
      '-XX:+UseParallelGC',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dfile.encoding=UTF-8',
      '-cp',
      [`${libDir}/*`, classesDir, `${apocDir}/*`].join(path.delimiter),
      'Launcher',
      cfg.neo4jHome,
      String(cfg.PLANTRACE_NEO4J_BOLT_PORT),
      String(cfg.PLANTRACE_NEO4J_HTTP_PORT),
      plantraceOrigin(cfg),
      // Neo4j Browser runs this after connecting: plantrace's style sheet, served by the API.
      `style ${browserStyleUrl(cfg)}`,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  if (child.pid === undefined) throw new LocalNeo4jError('java could not be started (is Java 17 installed?)');
  writeFileSync(pidFile(cfg), String(child.pid));
  child.unref();
  report(`Starting Neo4j (pid ${child.pid}), log in ${logFile(cfg)}…`);
  await waitForBolt(cfg, child.pid, password);
  return result(child.pid, true);
}

async function waitForBolt(cfg: Config, pid: number, password: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Only a login with the password counts: the launcher aligns the stored password just after opening.
    if ((await probe(cfg.neo4jUri, 1000, { user: 'neo4j', password })).state === 'up') return;
    if (!alive(pid)) {
      rmSync(pidFile(cfg), { force: true });
      throw new LocalNeo4jError(
        `Neo4j exited while starting; last lines of ${logFile(cfg)}:\n${logTail(cfg)}`,
      );
    }
    await sleep(500);
  }
  throw new LocalNeo4jError(
    `Neo4j did not answer on ${cfg.neo4jUri} within ${timeoutMs / 1000}s; see ${logFile(cfg)}`,
  );
}

/** Stop the server recorded in the pid file. Returns false when none was running. */
export async function stopLocal(cfg: Config, timeoutMs = 60_000): Promise<boolean> {
  const pid = readPid(cfg);
  if (pid === null || !alive(pid)) {
    rmSync(pidFile(cfg), { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM'); // the launcher's shutdown hook closes the store cleanly
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(cfg), { force: true });
  return true;
}

export interface LocalStatus {
  answering: boolean;
  version: string | null;
  pid: number | null;
  running: boolean;
}

export async function statusLocal(cfg: Config): Promise<LocalStatus> {
  const pid = readPid(cfg);
  const file = localPasswordFile(cfg.neo4jHome);
  const password = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const version = await boltAnswers(cfg.neo4jUri, 2000, { user: 'neo4j', password });
  return { answering: version !== null, version, pid, running: pid !== null && alive(pid) };
}
