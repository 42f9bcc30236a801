// Graph writes: the schema, batches of documents in one transaction each, unloading. All Cypher is in cypher/*.cypher.
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

/** The list a statement starts by unwinding (`UNWIND $rows AS …`), if it does. */
const leadingList = new Map<string, string | null>();
function unwound(statement: string): string | null {
  let name = leadingList.get(statement);
  if (name === undefined) {
    name = /^UNWIND \$([A-Za-z_]\w*) AS /.exec(statement)?.[1] ?? null;
    leadingList.set(statement, name);
  }
  return name;
}

/**
 * Runs the statements of one write inside the transaction. They are sent back to back without waiting
 * for each result (the driver pipelines them over the connection), then awaited in order. A statement
 * that starts by unwinding an empty list does nothing and is not sent (no round trip, and on a fresh
 * server no planning of a statement that has nothing to write).
 */
export async function runAll(
  tx: ManagedTransaction,
  statements: string[],
  params: Record<string, unknown>,
  fault?: FaultInjection,
) {
  const empty = (s: string) => {
    const list = unwound(s);
    const rows = list === null ? undefined : params[list];
    return Array.isArray(rows) && rows.length === 0;
  };
  const sent = (fault ? statements.slice(0, fault.afterStatement) : statements)
    .filter((s) => !empty(s))
    .map((s) => tx.run(s, paramsFor(s, params)));
  const counts = zeroCounts();
  for (const result of sent) addCounts(counts, countsOf((await result).summary.counters));
  if (fault) throw new Error(`injected failure after statement ${fault.afterStatement}`);
  return counts;
}

type Linked = LinkRows & { linksHash: string };

const byKey = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];

/**
 * The parameters of write-content.cypher and write-links.cypher for a batch: the rows of every document
 * in one list per statement, the shared nodes (regions, agencies, indicators) deduplicated over the
 * batch (the last document's name wins, as when documents are written one after the other), and rows
 * split by the label of the node they start from, so each end is one index seek. `inGraph` says which
 * documents the graph already holds (a plan node with their id): only those can have something stale
 * to remove (without it, every document is treated as one that may).
 */
export function batchParams(
  contents: DocumentRows[],
  links: Linked[],
  inGraph?: ReadonlySet<string>,
): Record<string, unknown> {
  const stored = (id: string) => !inGraph || inGraph.has(id);
  const split = <T>(
    rows: DocumentRows[],
    pick: (r: DocumentRows) => T[],
    isPlan: (r: DocumentRows, x: T) => boolean,
  ) => {
    const plan: T[] = [];
    const other: T[] = [];
    for (const r of rows) for (const x of pick(r)) (isPlan(r, x) ? plan : other).push(x);
    return [plan, other] as const;
  };
  const [planMentions, measureMentions] = split(
    contents,
    (r) => r.mentions,
    (r, m) => m.from === r.docId,
  );
  const [planInvolves, measureInvolves] = split(
    contents,
    (r) => r.involves,
    (r, i) => i.from === r.docId,
  );
  const planTargets: DocumentRows['targets'] = [];
  const actionTargets: DocumentRows['targets'] = [];
  const measureTargets: DocumentRows['targets'] = [];
  for (const r of contents) {
    const actions = new Set(r.keys.actions);
    for (const t of r.targets)
      (t.owner === r.docId ? planTargets : actions.has(t.owner) ? actionTargets : measureTargets).push(t);
  }
  return {
    docs: contents
      .filter((r) => stored(r.docId))
      .map((r) => ({ docId: r.docId, keys: r.keys, covers: r.covers })),
    plans: contents.map((r) => ({ ...r.plan, contentHash: r.contentHash })),
    regions: byKey(
      contents.flatMap((r) => r.regions),
      (x) => x.id,
    ),
    partOf: byKey(
      contents.flatMap((r) => r.partOf),
      (x) => `${x.child}>${x.parent}`,
    ),
    agencies: byKey(
      contents.flatMap((r) => r.agencies),
      (x) => x.id,
    ),
    indicators: byKey(
      contents.flatMap((r) => r.indicators),
      (x) => x.id,
    ),
    actions: contents.flatMap((r) => r.actions.map((a) => ({ ...a, plan: r.docId }))),
    measures: contents.flatMap((r) => r.measures),
    planMentions,
    measureMentions,
    covers: contents.flatMap((r) => r.covers.map((regionId) => ({ plan: r.docId, regionId }))),
    planInvolves,
    measureInvolves,
    planTargets,
    actionTargets,
    measureTargets,
    obligations: contents.flatMap((r) => r.obligations.map((o) => ({ ...o, plan: r.docId }))),
    ...linkParams(links, inGraph),
  };
}

/** The parameters of write-links.cypher for a batch of documents' links (`inGraph`: as batchParams). */
export function linkParams(links: Linked[], inGraph?: ReadonlySet<string>): Record<string, unknown> {
  const implementsBy: Record<'MM' | 'AA' | 'PP' | 'Any', LinkRows['implements']> = {
    MM: [],
    AA: [],
    PP: [],
    Any: [],
  };
  const pair = (i: LinkRows['implements'][number]) =>
    i.fromLabel !== i.toLabel || i.fromLabel === 'Any'
      ? 'Any'
      : i.fromLabel === 'Measure'
        ? 'MM'
        : i.fromLabel === 'Action'
          ? 'AA'
          : 'PP';
  for (const l of links) for (const i of l.implements) implementsBy[pair(i)].push(i);
  const linkDocs = links.map((l) => ({
    docId: l.docId,
    placement: l.placement,
    linksHash: l.linksHash,
    implements: l.linkKeys.implements,
    interprets: l.interprets,
  }));
  return {
    linkDocs,
    storedLinkDocs: inGraph ? linkDocs.filter((d) => inGraph.has(d.docId)) : linkDocs,
    candidates: links.flatMap((l) => l.candidates),
    implementsMM: implementsBy.MM,
    implementsAA: implementsBy.AA,
    implementsPP: implementsBy.PP,
    implementsAny: implementsBy.Any,
  };
}

const contentStatements = () => cypherStatements('write-content');
const linkStatements = () => cypherStatements('write-links');

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

/** Rows a re-link writes. */
export const linkRowCount = (rows: LinkRows): number => 1 + rows.candidates.length + rows.implements.length;

/**
 * Writes a batch in one transaction: the content and links of `contents` (whole documents), then the
 * links of `relinks` (documents already in the graph), each statement once for the whole batch — all
 * of it, or (on any error) none of it. Parents come before the children that link to them because all
 * content is written before any link. `inGraph`: the documents of the batch the graph holds, read in
 * this load (storedHashes); the others have nothing stale to remove. Without it, all may have.
 */
export async function writeBatch(
  driver: Driver,
  database: string,
  contents: DocumentRows[],
  relinks: Linked[] = [],
  fault?: FaultInjection,
  inGraph?: ReadonlySet<string>,
): Promise<WriteCounts> {
  const statements = [...(contents.length ? contentStatements() : []), ...linkStatements()];
  const params = batchParams(contents, [...contents, ...relinks], inGraph);
  return inTransaction(driver, database, 'WRITE', (tx) => runAll(tx, statements, params, fault), {
    metadata: { app: 'plantrace', op: 'load', docs: contents.length + relinks.length },
  });
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
