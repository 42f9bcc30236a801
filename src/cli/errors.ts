// Known failures end the program with one line on stderr; unknown ones keep their stack for debugging.
import { ConfigError } from '../config.js';
import { LocalNeo4jError } from '../db/local-neo4j.js';
import { Neo4jUnavailableError } from '../graph/driver.js';

const oneLine = [ConfigError, LocalNeo4jError, Neo4jUnavailableError];

export class CliError extends Error {
  override name = 'CliError';
}

export function reportFatal(err: unknown): never {
  if (err instanceof CliError || oneLine.some((cls) => err instanceof cls)) {
    process.stderr.write(`plantrace: ${(err as Error).message}\n`);
  } else {
    process.stderr.write(
      `plantrace: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
}

/** Progress and notices go to stderr, so stdout carries only results. */
export const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
