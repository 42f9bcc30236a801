// One neo4j-driver per process. Connection failures become one-line errors that name the URI.
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';

/** The driver does not export its transaction config type; this is it (timeout, metadata). */
type TransactionConfig = Parameters<Session['executeRead']>[1];
import type { Config } from '../config.js';

export class Neo4jUnavailableError extends Error {
  override name = 'Neo4jUnavailableError';
}

export function createDriver(cfg: Config): Driver {
  // A server with authentication off (the local one) accepts any basic credentials.
  const auth = neo4j.auth.basic(cfg.NEO4J_USER, cfg.NEO4J_PASSWORD);
  return neo4j.driver(cfg.neo4jUri, auth, {
    // Plain JS numbers for counts and ids; the graph holds no integers beyond 2^53.
    disableLosslessIntegers: true,
    connectionTimeout: 5000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 5000,
    logging: { level: 'error', logger: () => {} },
  });
}

/** Fails with a one-line error naming the URI when the server does not answer. */
export async function verifyNeo4j(driver: Driver, uri: string): Promise<void> {
  try {
    await driver.verifyConnectivity();
  } catch (err) {
    // The driver's message is a paragraph; its "Caused by" part is the useful bit.
    const message = (err as Error).message;
    const reason = /Caused by: (.*)$/m.exec(message)?.[1] ?? message.split('\n')[0];
    throw new Neo4jUnavailableError(`Neo4j is not reachable at ${uri}: ${reason}`);
  }
}

/** Runs `work` in one managed read or write transaction (retried on transient errors) of its own session. */
export async function inTransaction<T>(
  driver: Driver,
  database: string,
  mode: 'READ' | 'WRITE',
  work: (tx: ManagedTransaction) => Promise<T>,
  config?: TransactionConfig,
): Promise<T> {
  const session = driver.session({ database, defaultAccessMode: mode });
  try {
    return await (mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config));
  } finally {
    await session.close();
  }
}

/** Driver errors that mean the server cannot be reached (down, restarting, connection lost). */
export function isServerUnavailable(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ServiceUnavailable' || code === 'SessionExpired';
}
