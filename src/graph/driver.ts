// One neo4j-driver per process. Connection failures become one-line errors that name the URI.
import neo4j, { type Driver } from 'neo4j-driver';
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
