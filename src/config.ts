// Configuration: read once from the environment, validated with zod, with documented defaults.
// An invalid value stops the program with a message that names the variable (see ConfigError).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { packageRoot } from './paths.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(1).max(65535);

/** Every variable plantrace reads, with its default. README's configuration table mirrors this. */
export const ConfigSchema = z.object({
  /** A Neo4j to use instead of the local one (Docker, Aura, a cluster). When set, nothing is started. */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  /**
   * Password of NEO4J_USER. Empty with the local server: the one generated at its first start, read from
   * <PLANTRACE_NEO4J_HOME>/auth/password. An explicit value always wins.
   */
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** GraphQL server. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  /** Key required by the mutations (header `x-api-key`); mutations are refused when unset. */
  PLANTRACE_API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  PLANTRACE_INTROSPECTION: bool.default(true),
  PLANTRACE_LANDING_PAGE: bool.default(true),
  /** Milliseconds a GraphQL request may run before it is answered with a timeout error. */
  PLANTRACE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  /**
   * Neo4j queries the API runs at a time; more wait their turn (within their request's time limit). Bounds
   * the load a burst of requests puts on Neo4j, so that the time limit holds under concurrency.
   */
  PLANTRACE_MAX_CONCURRENT_QUERIES: z.coerce.number().int().min(1).max(1000).default(8),
  /** Apply the hand-curated links of seeds/curated-links.yaml after automatic alignment. */
  PLANTRACE_CURATED: bool.default(true),
  /**
   * Link threshold as a probability (a link's score estimates the chance an expert accepts it); unset:
   * the calibration file's own threshold.
   */
  PLANTRACE_LINK_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** Fitted calibration parameters the aligner reads (written by `plantrace calibrate`). */
  PLANTRACE_CALIBRATION_FILE: z.string().min(1).optional(),
  /**
   * The date obligations are judged against (ISO, e.g. 2025-07-01): a plan due before it and not issued is
   * overdue. Unset: the current date.
   */
  PLANTRACE_TODAY: z.iso.date().optional(),
  /** Folder of documents that `plantrace start` loads before serving. */
  PLANTRACE_SEEDS: z.string().min(1).default('seeds'),
  /** Local Neo4j (used only when NEO4J_URI is unset). */
  PLANTRACE_NEO4J_HOME: z.string().min(1).default('.neo4j'),
  PLANTRACE_NEO4J_BOLT_PORT: port.default(7687),
  PLANTRACE_NEO4J_HTTP_PORT: port.default(7474),
  PLANTRACE_NEO4J_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'must look like 512m or 2g')
    .default('1g'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config extends RawConfig {
  /** The Bolt URI in use: NEO4J_URI, or the local server's. */
  neo4jUri: string;
  /** True when plantrace manages (starts/stops) the Neo4j server itself. */
  localNeo4j: boolean;
  /** Absolute folder of the local server's data, logs and pid file. */
  neo4jHome: string;
}

/** Where the local server's generated password is kept (0600, in a 0700 folder). */
export const localPasswordFile = (neo4jHome: string) => path.join(neo4jHome, 'auth', 'password');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(
      `invalid configuration: ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`,
    );
  }
  const raw = parsed.data;
  const localNeo4j = raw.NEO4J_URI === undefined;
  return withLocalPassword({
    ...raw,
    localNeo4j,
    neo4jUri: raw.NEO4J_URI ?? `bolt://127.0.0.1:${raw.PLANTRACE_NEO4J_BOLT_PORT}`,
    neo4jHome: path.resolve(packageRoot, raw.PLANTRACE_NEO4J_HOME),
  });
}

/**
 * The configuration with the local server's password filled in from its password file, when plantrace
 * manages the server and no NEO4J_PASSWORD was given. Only reads: the file is created by the first
 * `db start` (src/db/local-neo4j.ts); before that the password stays empty. Call it again after starting
 * the server for the first time.
 */
export function withLocalPassword(cfg: Config): Config {
  if (!cfg.localNeo4j || cfg.NEO4J_PASSWORD !== '') return cfg;
  const file = localPasswordFile(cfg.neo4jHome);
  if (!existsSync(file)) return cfg;
  return { ...cfg, NEO4J_PASSWORD: readFileSync(file, 'utf8').trim() };
}
