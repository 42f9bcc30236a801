// The only place the API touches Neo4j: each method runs one parameterized Cypher file from cypher/
// in a read (or write) transaction, with a time limit, and returns plain objects. Resolvers and loaders
// call these and nothing else. Driver failures become typed GraphQL errors (UNAVAILABLE) without the
// database's message; the driver reconnects by itself when Neo4j comes back.
import type { Driver, ManagedTransaction, RecordShape } from 'neo4j-driver';
import { cypher } from '../graph/cypher.js';
import { inTransaction } from '../graph/driver.js';
import { log } from '../log.js';
import { isUnavailable, unavailable } from './errors.js';

export class GraphStore {
  /** Queries run so far (tests use it to check that a request costs a few queries, not one per row). */
  queryCount = 0;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly timeoutMs = 15_000,
  ) {}

  read<T extends RecordShape>(file: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.run<T>('READ', file, params);
  }

  write<T extends RecordShape>(file: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.run<T>('WRITE', file, params);
  }

  private async run<T extends RecordShape>(
    mode: 'READ' | 'WRITE',
    file: string,
    params: Record<string, unknown>,
  ): Promise<T[]> {
    this.queryCount++;
    const work = async (tx: ManagedTransaction) => {
      const res = await tx.run<T>(cypher(file), params);
      return res.records.map((r) => r.toObject());
    };
    const config = { timeout: this.timeoutMs, metadata: { app: 'plantrace-api', query: file } };
    try {
      return await inTransaction(this.driver, this.database, mode, work, config);
    } catch (err) {
      if (isUnavailable(err)) throw unavailable();
      log.error(
        { query: file, code: (err as { code?: string }).code, err: (err as Error).message },
        'query failed',
      );
      throw err;
    }
  }

  async health(): Promise<{ version: string; edition: string; nodeCount: number }> {
    const [row] = await this.read<{ version: string; edition: string; nodeCount: number }>('health');
    if (!row) throw new Error('health query returned no row');
    return row;
  }
}
