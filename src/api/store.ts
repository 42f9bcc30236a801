// The only place the API touches Neo4j: each method runs one parameterized Cypher file from cypher/
// in a read (or write) transaction and returns plain objects. Resolvers call these and nothing else.
import type { Driver, ManagedTransaction, RecordShape } from 'neo4j-driver';
import { cypher } from '../graph/cypher.js';

export class GraphStore {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  async read<T extends RecordShape>(file: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      return await session.executeRead(async (tx: ManagedTransaction) => {
        const res = await tx.run<T>(cypher(file), params);
        return res.records.map((r) => r.toObject());
      });
    } finally {
      await session.close();
    }
  }

  async write<T extends RecordShape>(file: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(async (tx: ManagedTransaction) => {
        const res = await tx.run<T>(cypher(file), params);
        return res.records.map((r) => r.toObject());
      });
    } finally {
      await session.close();
    }
  }

  async health(): Promise<{ version: string; edition: string; nodeCount: number }> {
    const [row] = await this.read<{ version: string; edition: string; nodeCount: number }>('health');
    if (!row) throw new Error('health query returned no row');
    return row;
  }
}
