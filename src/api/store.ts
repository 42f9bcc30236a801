// The only place the API touches Neo4j: each method runs one parameterized Cypher file from cypher/
// in a read (or write) transaction and returns plain objects. Resolvers call these and nothing else.
import type { Driver, ManagedTransaction, RecordShape } from 'neo4j-driver';
import { cypher } from '../graph/cypher.js';

export class GraphStore {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
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
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    const work = async (tx: ManagedTransaction) => {
      const res = await tx.run<T>(cypher(file), params);
      return res.records.map((r) => r.toObject());
    };
    try {
      return await (mode === 'READ' ? session.executeRead(work) : session.executeWrite(work));
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
