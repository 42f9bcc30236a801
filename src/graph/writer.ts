// Graph writes: the schema, batches of documents in one transaction each, unloading. All Cypher is in cypher/*.cypher.
import type { Driver, ManagedTransaction, QueryStatistics } from 'neo4j-driver';
import { cypherStatements } from './cypher.js';
import { inTransaction } from './driver.js';
import type { ContentRows, DocumentRows, LinkRows } from './rows.js';

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

/** A document's content rows with their hash: what write-content.cypher writes of it. */
export type ContentOnly = ContentRows & { contentHash: string };

type Props = LinkRows['placement'];

const byKey = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];

/**
 * Documents of a batch that are new to the graph (not in `inGraph`) and whose own nodes and
 * relationships are each named once (within the document and across these documents): nothing of them
 * exists yet, so their nodes and relationships are written with CREATE, not MERGE (no index seek for a
 * node or relationship that cannot be there, no lock on it). Without `inGraph`, none (every document
 * may be in the graph). A document whose rows name something twice stays with MERGE, which merges the
 * repeats as it always did.
 */
export function freshDocuments(contents: ContentOnly[], inGraph?: ReadonlySet<string>): ReadonlySet<string> {
  const fresh = new Set<string>();
  if (!inGraph) return fresh;
  const owner = new Map<string, string>();
  const clash = new Set<string>();
  const once = (xs: string[]) => new Set(xs).size === xs.length;
  for (const r of contents) {
    if (inGraph.has(r.docId)) continue;
    const k = r.keys;
    if (
      !once(k.actions) ||
      !once(k.measures) ||
      !once(k.targets) ||
      !once(k.mentions) ||
      !once(k.involves) ||
      !once(k.obligations) ||
      !once(r.covers)
    )
      continue;
    fresh.add(r.docId);
    for (const id of [r.docId, ...k.actions, ...k.measures, ...k.obligations]) {
      const o = owner.get(id);
      if (o !== undefined && o !== r.docId) clash.add(o).add(r.docId);
      owner.set(id, r.docId);
    }
  }
  for (const id of clash) fresh.delete(id);
  return fresh;
}

/** The content rows of some documents, one list per statement of write-content.cypher. */
function contentLists(contents: ContentOnly[]) {
  const split = <T>(pick: (r: ContentOnly) => T[], isPlan: (r: ContentOnly, x: T) => boolean) => {
    const plan: T[] = [];
    const other: T[] = [];
    for (const r of contents) for (const x of pick(r)) (isPlan(r, x) ? plan : other).push(x);
    return [plan, other] as const;
  };
  const [planMentions, measureMentions] = split(
    (r) => r.mentions,
    (r, m) => m.from === r.docId,
  );
  const [planInvolves, measureInvolves] = split(
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
    plans: contents.map((r) => ({ ...r.plan, contentHash: r.contentHash })),
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
  };
}

/** `plans` → `newPlans`: the lists of the CREATE statements, for documents new to the graph. */
function prefixed<T extends Record<string, unknown>>(lists: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(lists).map(([k, v]) => [`new${k[0]!.toUpperCase()}${k.slice(1)}`, v]),
  );
}

/**
 * The parameters of write-content.cypher and write-links.cypher for a batch: the rows of every document
 * in one list per statement, the shared nodes (regions, agencies, indicators) deduplicated over the
 * batch (the last document's name wins, as when documents are written one after the other), and rows
 * split by the label of the node they start from, so each end is one index seek. `inGraph` says which
 * documents the graph already holds (a plan node with their id): only those can have something stale
 * to remove (without it, every document is treated as one that may); the others are created
 * (freshDocuments: lists named new…). `shared`: what the load already wrote of the shared nodes.
 */
export function batchParams(
  contents: ContentOnly[],
  links: Linked[],
  inGraph?: ReadonlySet<string>,
  shared?: SharedWritten,
): Record<string, unknown> {
  const stored = (id: string) => !inGraph || inGraph.has(id);
  const fresh = freshDocuments(contents, inGraph);
  return {
    docs: contents
      .filter((r) => stored(r.docId))
      .map((r) => ({ docId: r.docId, keys: r.keys, covers: r.covers })),
    ...contentLists(contents.filter((r) => !fresh.has(r.docId))),
    ...prefixed(contentLists(contents.filter((r) => fresh.has(r.docId)))),
    ...sharedLists(contents, shared),
    ...linkParams(links, inGraph, fresh),
  };
}

/**
 * Shared nodes (regions and their PART_OF, agencies, indicators) that one load has written in
 * transactions that committed: a later batch of the same load does not merge them again. Their
 * properties follow from their ids (a gazetteer entry, a name), so merging again would change nothing.
 * Cleared when the load removes a document again (an agency or indicator only it used goes with it).
 */
export class SharedWritten {
  private readonly keys = new Set<string>();

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(keys: Iterable<string>): void {
    for (const k of keys) this.keys.add(k);
  }

  clear(): void {
    this.keys.clear();
  }
}

const SHARED = {
  regions: (x: { id: string }) => `r:${x.id}`,
  partOf: (x: { child: string; parent: string }) => `p:${x.child}>${x.parent}`,
  agencies: (x: { id: string }) => `a:${x.id}`,
  indicators: (x: { id: string }) => `i:${x.id}`,
};

/** The shared nodes of a batch, deduplicated, without those `shared` says the load already wrote. */
function sharedLists(contents: ContentOnly[], shared?: SharedWritten) {
  const fresh = <T>(xs: T[], key: (x: T) => string) => byKey(xs, key).filter((x) => !shared?.has(key(x)));
  return {
    regions: fresh(
      contents.flatMap((r) => r.regions),
      SHARED.regions,
    ),
    partOf: fresh(
      contents.flatMap((r) => r.partOf),
      SHARED.partOf,
    ),
    agencies: fresh(
      contents.flatMap((r) => r.agencies),
      SHARED.agencies,
    ),
    indicators: fresh(
      contents.flatMap((r) => r.indicators),
      SHARED.indicators,
    ),
  };
}

/** The keys (SharedWritten) of the shared nodes a statement map writes. */
function sharedKeysOf(params: Record<string, unknown>): string[] {
  const list = <T>(name: keyof typeof SHARED, key: (x: T) => string) =>
    ((params[name] as T[] | undefined) ?? []).map(key);
  return [
    ...list('regions', SHARED.regions),
    ...list('partOf', SHARED.partOf),
    ...list('agencies', SHARED.agencies),
    ...list('indicators', SHARED.indicators),
  ];
}

type Implements = LinkRows['implements'][number];

/**
 * The parameters of write-links.cypher for a batch of documents' links (`inGraph`: as batchParams).
 * `fresh`: documents none of whose nodes has an IMPLEMENTS link yet (new to the graph, written in this
 * transaction or just before by the same load). Their links between two nodes of known labels are
 * created (lists named new…); each pair once, with the properties the MERGE statement would leave after
 * its rows for the pair, in order. A pair that also comes from a row of another document stays with
 * MERGE.
 */
export function linkParams(
  links: Linked[],
  inGraph?: ReadonlySet<string>,
  fresh: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const implementsBy: Record<'MM' | 'AA' | 'PP' | 'Any', Implements[]> = {
    MM: [],
    AA: [],
    PP: [],
    Any: [],
  };
  const pair = (i: Implements) =>
    i.fromLabel !== i.toLabel || i.fromLabel === 'Any'
      ? 'Any'
      : i.fromLabel === 'Measure'
        ? 'MM'
        : i.fromLabel === 'Action'
          ? 'AA'
          : 'PP';
  const key = (i: Implements) => `${i.from}\u0000${i.to}`;
  const merged = new Set<string>();
  for (const l of links)
    for (const i of l.implements) if (!fresh.has(l.docId) || pair(i) === 'Any') merged.add(key(i));
  const created = new Map<string, { from: string; to: string; kind: 'MM' | 'AA' | 'PP'; props: Props }>();
  for (const l of links)
    for (const i of l.implements) {
      const k = key(i);
      const kind = pair(i);
      if (merged.has(k) || kind === 'Any') {
        implementsBy[kind].push(i);
        continue;
      }
      // As the MERGE statement's SET leaves the relationship after each of its rows.
      const c = created.get(k) ?? { from: i.from, to: i.to, kind, props: {} };
      c.props = {
        ...c.props,
        ...(c.props.method === 'analyst' ? {} : i.props),
        autoScore: i.props.score ?? null,
        autoMethod: i.props.method ?? null,
      };
      created.set(k, c);
    }
  const newImplements = (kind: 'MM' | 'AA' | 'PP') =>
    [...created.values()].filter((c) => c.kind === kind).map(({ from, to, props }) => ({ from, to, props }));
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
    newImplementsMM: newImplements('MM'),
    newImplementsAA: newImplements('AA'),
    newImplementsPP: newImplements('PP'),
  };
}

const contentStatements = () => cypherStatements('write-content');
const linkStatements = () => cypherStatements('write-links');

/** Rows a document writes: what batching counts to fill a transaction. */
export function rowCount(rows: DocumentRows): number {
  return contentRowCount(rows) + rows.implements.length;
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
  shared?: SharedWritten,
): Promise<WriteCounts> {
  const statements = [...(contents.length ? contentStatements() : []), ...linkStatements()];
  const params = batchParams(contents, [...contents, ...relinks], inGraph, shared);
  return committed(
    shared,
    params,
    await inTransaction(driver, database, 'WRITE', (tx) => runAll(tx, statements, params, fault), {
      metadata: { app: 'plantrace', op: 'load', docs: contents.length + relinks.length },
    }),
  );
}

/** After a commit: the shared nodes it wrote are written. */
function committed(shared: SharedWritten | undefined, params: Record<string, unknown>, counts: WriteCounts) {
  shared?.add(sharedKeysOf(params));
  return counts;
}

/**
 * The lists of write-content.cypher a document's content write leaves to its links write
 * (writeContent, writeLinksOf): the regions it names or covers, with their parents. Regions are the
 * shared nodes that removing a document (unload-document.cypher) does not take back; written with the
 * links, a document whose links fail is removed as if it had never been written.
 */
const REGIONAL = [
  'regions',
  'partOf',
  'planMentions',
  'measureMentions',
  'covers',
  'newPlanMentions',
  'newMeasureMentions',
  'newCovers',
];

/**
 * Writes the content of documents new to the graph in one transaction, without their regions and links
 * (writeLinksOf, later in the same load), so that content is written while the rest of a run is
 * prepared.
 */
export async function writeContent(
  driver: Driver,
  database: string,
  contents: ContentOnly[],
  shared?: SharedWritten,
): Promise<WriteCounts> {
  const params = batchParams(contents, [], new Set(), shared);
  for (const name of REGIONAL) params[name] = [];
  return committed(
    shared,
    params,
    await inTransaction(driver, database, 'WRITE', (tx) => runAll(tx, contentStatements(), params), {
      metadata: { app: 'plantrace', op: 'load-content', docs: contents.length },
    }),
  );
}

/** What writeLinksOf sends: the regional lists of the documents' rows and their links. */
export function linksWriteParams(docs: DocumentRows[], shared?: SharedWritten): Record<string, unknown> {
  const all = batchParams(docs, docs, new Set(), shared);
  return {
    ...Object.fromEntries(REGIONAL.map((name) => [name, all[name]])),
    ...linkParams(docs, new Set(), new Set(docs.map((d) => d.docId))),
  };
}

/**
 * The rest of documents writeContent wrote, in one transaction: their regions, mentions and covers,
 * and their links (created: nothing links from them yet).
 */
export async function writeLinksOf(
  driver: Driver,
  database: string,
  docs: DocumentRows[],
  fault?: FaultInjection,
  shared?: SharedWritten,
): Promise<WriteCounts> {
  const regional = contentStatements().filter((st) => REGIONAL.includes(unwound(st) ?? ''));
  const params = linksWriteParams(docs, shared);
  return committed(
    shared,
    params,
    await inTransaction(
      driver,
      database,
      'WRITE',
      (tx) => runAll(tx, [...regional, ...linkStatements()], params, fault),
      { metadata: { app: 'plantrace', op: 'load-links', docs: docs.length } },
    ),
  );
}

/** Rows of a document's content: what batching counts to fill a transaction. */
export function contentRowCount(rows: ContentRows): number {
  return (
    1 +
    rows.actions.length +
    rows.measures.length +
    rows.targets.length +
    rows.mentions.length +
    rows.involves.length +
    rows.obligations.length
  );
}

export async function unloadDocument(
  driver: Driver,
  database: string,
  id: string,
): Promise<{ found: boolean; counts: WriteCounts }> {
  const out = await inTransaction(driver, database, 'WRITE', async (tx) => {
    const res = await tx.run(cypherStatements('unload-document')[0]!, { id });
    const counts = countsOf(res.summary.counters);
    return { found: counts.nodesDeleted > 0, counts };
  });
  await awaitSearchIndex(driver, database);
  return out;
}

/** Waits until the full-text index (eventually consistent) holds every write committed so far. */
export async function awaitSearchIndex(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run(cypherStatements('search-refresh')[0]!);
  } finally {
    await session.close();
  }
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
