// Graph writes: the schema, one document per transaction, unloading. All Cypher is in cypher/*.cypher.
import type { Driver, ManagedTransaction, QueryStatistics } from 'neo4j-driver';
import { cypherStatements } from './cypher.js';
import { inTransaction } from './driver.js';
import type { DocumentRows, LinkRows } from './rows.js';

export interface WriteCounts {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export const zeroCounts = (): WriteCounts => ({
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
});

export function addCounts(into: WriteCounts, c: WriteCounts): WriteCounts {
  for (const k of Object.keys(into) as (keyof WriteCounts)[]) into[k] += c[k];
  return into;
}

function countsOf(stats: QueryStatistics): WriteCounts {
  const u = stats.updates();
  return {
    nodesCreated: u.nodesCreated,
    nodesDeleted: u.nodesDeleted,
    relationshipsCreated: u.relationshipsCreated,
    relationshipsDeleted: u.relationshipsDeleted,
    propertiesSet: u.propertiesSet,
  };
}

/** Constraints and indexes (idempotent: IF NOT EXISTS), then wait until the indexes are online. */
export async function applySchema(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const statement of cypherStatements('schema')) await session.run(statement);
    await session.run('CALL db.awaitIndexes(60)');
  } finally {
    await session.close();
  }
}

/** Test hook: fail inside the transaction after this many statements have run (the write rolls back). */
export interface FaultInjection {
  afterStatement: number;
}

/** The parameters a statement uses ($name), so each statement ships only its own rows. */
const paramNames = new Map<string, string[]>();
function paramsFor(statement: string, params: Record<string, unknown>): Record<string, unknown> {
  let names = paramNames.get(statement);
  if (!names) {
    names = [...new Set([...statement.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
    paramNames.set(statement, names);
  }
  return Object.fromEntries(names.map((n) => [n, params[n]]));
}

/**
 * Runs the statements of one write inside the transaction. They are sent back to back without waiting
 * for each result (the driver pipelines them over the connection), then awaited in order.
 */
export async function runAll(
  tx: ManagedTransaction,
  statements: string[],
  params: Record<string, unknown>,
  fault?: FaultInjection,
) {
  const sent = (fault ? statements.slice(0, fault.afterStatement) : statements).map((s) =>
    tx.run(s, paramsFor(s, params)),
  );
  const counts = zeroCounts();
  for (const result of sent) addCounts(counts, countsOf((await result).summary.counters));
  if (fault) throw new Error(`injected failure after statement ${fault.afterStatement}`);
  return counts;
}

export const rowParams = (rows: DocumentRows): Record<string, unknown> => ({ ...rows });

const documentStatements = () => [...cypherStatements('write-content'), ...cypherStatements('write-links')];

/** Rows a document writes: what batching counts to fill a transaction. */
export function rowCount(rows: DocumentRows): number {
  return (
    1 +
    rows.actions.length +
    rows.measures.length +
    rows.targets.length +
    rows.mentions.length +
    rows.involves.length +
    rows.implements.length +
    rows.obligations.length
  );
}

/**
 * Writes several documents in one transaction (the statements of all of them pipelined, in order: a
 * parent before the children that link to it): all of them, or (on any error) none.
 */
export async function writeDocuments(
  driver: Driver,
  database: string,
  batch: DocumentRows[],
): Promise<WriteCounts> {
  const statements = documentStatements();
  return inTransaction(
    driver,
    database,
    'WRITE',
    async (tx) => {
      const sent = batch.flatMap((rows) => {
        const params = rowParams(rows);
        return statements.map((s) => tx.run(s, paramsFor(s, params)));
      });
      const counts = zeroCounts();
      for (const result of sent) addCounts(counts, countsOf((await result).summary.counters));
      return counts;
    },
    { metadata: { app: 'plantrace', op: 'load', docs: batch.length } },
  );
}

/** Writes one document in one transaction: all of it, or (on any error) nothing. */
export async function writeDocument(
  driver: Driver,
  database: string,
  rows: DocumentRows,
  fault?: FaultInjection,
): Promise<WriteCounts> {
  return inTransaction(
    driver,
    database,
    'WRITE',
    (tx) => runAll(tx, documentStatements(), rowParams(rows), fault),
    { metadata: { app: 'plantrace', op: 'load', doc: rows.docId } },
  );
}

/** Rewrites only what alignment made of a document already in the graph (its parent arrived). */
export async function relinkDocument(
  driver: Driver,
  database: string,
  rows: LinkRows & { linksHash: string },
) {
  return inTransaction(
    driver,
    database,
    'WRITE',
    (tx) => runAll(tx, cypherStatements('write-links'), { ...rows }),
    { metadata: { app: 'plantrace', op: 'relink', doc: rows.docId } },
  );
}

export async function unloadDocument(
  driver: Driver,
  database: string,
  id: string,
): Promise<{ found: boolean; counts: WriteCounts }> {
  return inTransaction(driver, database, 'WRITE', async (tx) => {
    const res = await tx.run(cypherStatements('unload-document')[0]!, { id });
    const counts = countsOf(res.summary.counters);
    return { found: counts.nodesDeleted > 0, counts };
  });
}

export interface StoredState {
  contentHash: string | null;
  linksHash: string | null;
}

/** The hashes stored for each of these documents (absent: not in the graph). */
export async function storedHashes(
  driver: Driver,
  database: string,
  ids: string[],
): Promise<Map<string, StoredState>> {
  const res = await inTransaction(driver, database, 'READ', (tx) =>
    tx.run(cypherStatements('document-state')[0]!, { ids }),
  );
  return new Map(
    res.records.map((r) => [
      r.get('id') as string,
      {
        contentHash: r.get('contentHash') as string | null,
        linksHash: r.get('linksHash') as string | null,
      },
    ]),
  );
}

export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export async function graphCounts(driver: Driver, database: string): Promise<GraphCounts> {
  const res = await inTransaction(driver, database, 'READ', (tx) =>
    tx.run(cypherStatements('graph-counts')[0]!),
  );
  const out: GraphCounts = { nodes: {}, relationships: {} };
  for (const r of res.records)
    (r.get('what') === 'node' ? out.nodes : out.relationships)[r.get('name') as string] = r.get(
      'count',
    ) as number;
  return out;
}
