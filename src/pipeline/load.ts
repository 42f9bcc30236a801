// The load pipeline (orchestration; the CLI calls it): files → prepare (scan, then chunks of a few hundred
// documents aligned and turned into rows; src/pipeline/prepare.ts) → write, several documents per
// transaction, each statement once for all of them (src/graph/writer.ts). The next chunk is prepared
// while the last one is written. A document that fails to parse is rejected with its reason; when a
// transaction fails, its documents are written again in halves until the culprit is alone, and only it
// is rolled back; the others load. Documents already in the graph that the run concerns are re-linked.
// An unreachable Neo4j stops the run before anything is written.
import type { Driver } from 'neo4j-driver';
import { isServerUnavailable, Neo4jUnavailableError } from '../graph/driver.js';
import type { DocumentRows, LinkRows } from '../graph/rows.js';
import { storedDocuments, storedPlans } from '../graph/stored.js';
import {
  addCounts,
  applySchema,
  linkRowCount,
  rowCount,
  storedHashes,
  writeBatch,
  zeroCounts,
  type FaultInjection,
  type WriteCounts,
} from '../graph/writer.js';
import type { PlanPlacement } from '../model/alignment.js';
import type { Rejected } from './documents.js';
import { prepareRun, type GraphView, type PreparedChunk, type PrepareOptions } from './prepare.js';

export { prepareBatch } from './prepare.js';

export interface LoadOptions extends PrepareOptions {
  dryRun?: boolean;
  /** Rewrite documents even when the graph already holds exactly their rows. */
  force?: boolean;
  onProgress?: (done: number, total: number, docId: string) => void;
  /** Tests only: make the write of one document fail midway. */
  fault?: FaultInjection & { docId: string };
  /** Rows per write transaction (several documents each); default BATCH_ROWS. */
  batchRows?: number;
}

/** About this many rows go into one write transaction (documents are never split). */
export const BATCH_ROWS = 5000;

/** Consecutive groups of items of at most `limit` rows each (a larger item alone). */
export function chunks<T>(all: T[], limit: number, count: (x: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const x of all) {
    const n = count(x);
    if (current.length && size + n > limit) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(x);
    size += n;
  }
  if (current.length) out.push(current);
  return out;
}

export interface LoadSummary {
  loaded: string[];
  unchanged: string[];
  /** Documents already in the graph whose links were rewritten (a plan above them arrived). */
  relinked: string[];
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
  /** Documents whose write failed and was rolled back. */
  failed: { id: string; file: string; reason: string }[];
  /** Where each plan of the batch stands: its parent, national plan, and a cited parent not loaded. */
  placements: PlanPlacement[];
  counts: WriteCounts;
  /** What the documents amount to (also in dry runs): rows of nodes and relationships. */
  rows: { documents: number; nodes: number; relationships: number; measures: number; links: number };
  /** Time in prepare (scan, align, rows) and in writes; they overlap (a chunk is written while the next is prepared). */
  seconds: { prepare: number; write: number };
}

export function graphView(driver: Driver, database: string): GraphView {
  return {
    plans: () => storedPlans(driver, database),
    documents: (ids) => storedDocuments(driver, database, ids),
  };
}

type Linked = LinkRows & { linksHash: string };

export async function loadInputs(
  driver: Driver | null,
  database: string,
  inputs: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const t0 = performance.now();
  const writing = !!driver && !options.dryRun;
  if (writing) await applySchema(driver, database);
  const run = await prepareRun(
    inputs,
    { ...options, skipUnchanged: !options.force },
    writing ? graphView(driver, database) : null,
  );
  const summary: LoadSummary = {
    loaded: [],
    unchanged: [...run.unchanged],
    relinked: [],
    rejected: run.rejected,
    skipped: run.skipped,
    failed: [],
    placements: [],
    counts: zeroCounts(),
    rows: { documents: 0, nodes: 0, relationships: 0, measures: 0, links: 0 },
    seconds: { prepare: 0, write: 0 },
  };
  const total = run.unchanged.length + run.total;
  let done = summary.unchanged.length;
  const fileOf = new Map<string, string>();
  const unavailable = (file: string, err: unknown) =>
    new Neo4jUnavailableError(
      `Neo4j became unreachable while loading ${file}: ${(err as Error).message.split('\n')[0]}`,
    );

  // One transaction for a group of documents; when it fails, each half again, until the culprit is
  // alone (rolled back, and said), so one bad document costs a few transactions, not one per document.
  const write = async (
    contents: DocumentRows[],
    relinks: Linked[],
    inGraph: ReadonlySet<string>,
  ): Promise<void> => {
    const ids = [...contents, ...relinks].map((r) => r.docId);
    const faulty = ids.length === 1 && options.fault?.docId === ids[0] ? options.fault : undefined;
    try {
      addCounts(summary.counts, await writeBatch(driver!, database, contents, relinks, faulty, inGraph));
      summary.loaded.push(...contents.map((r) => r.docId));
      summary.relinked.push(...relinks.map((r) => r.docId));
    } catch (err) {
      if (isServerUnavailable(err)) throw unavailable(fileOf.get(ids[0]!) ?? ids[0]!, err);
      if (ids.length === 1) {
        summary.failed.push({
          id: ids[0]!,
          file: fileOf.get(ids[0]!) ?? ids[0]!,
          reason: (err as Error).message.split('\n')[0]!,
        });
        return;
      }
      const [a, b] = halves(contents, relinks);
      await write(a.contents, a.relinks, inGraph);
      await write(b.contents, b.relinks, inGraph);
    }
  };

  const writeChunk = async (chunk: PreparedChunk) => {
    const ids = [...chunk.rows.map((r) => r.docId), ...chunk.relinks.map((r) => r.docId)];
    const stored = await storedHashes(driver!, database, ids);
    const same = (r: { docId: string; linksHash: string }, content?: string) => {
      const s = stored.get(r.docId);
      return (
        !options.force &&
        !!s &&
        s.linksHash === r.linksHash &&
        (content === undefined || s.contentHash === content)
      );
    };
    const pending: DocumentRows[] = [];
    for (const rows of chunk.rows)
      if (same(rows, rows.contentHash)) summary.unchanged.push(rows.docId);
      else pending.push(rows);
    const relinks = chunk.relinks.filter((r) => !same(r));
    // Documents the graph holds (a plan node with their id): only they can have stale parts to remove.
    // Read just now; a failed write changes nothing, so it stays true while the chunk is written.
    const inGraph = new Set(stored.keys());
    // Tests inject a fault into one document's write: that document is written alone.
    const faulty = pending.filter((r) => r.docId === options.fault?.docId);
    for (const rows of faulty) await write([rows], [], inGraph);
    const rest = pending.filter((r) => !faulty.includes(r));
    const limit = options.batchRows ?? BATCH_ROWS;
    for (const group of chunks(rest, limit, rowCount)) await write(group, [], inGraph);
    for (const group of chunks(relinks, limit, linkRowCount)) await write([], group, inGraph);
    done += chunk.rows.length + chunk.relinks.length;
    const last = ids[ids.length - 1];
    if (last) options.onProgress?.(done, total, last);
  };

  // The previous chunk's write must be done before the next starts (parents before children), but the
  // next chunk is prepared while it runs.
  let writeMs = 0;
  let prepareMs = performance.now() - t0;
  let inFlight: Promise<void> | null = null;
  const timed = async (chunk: PreparedChunk) => {
    const w0 = performance.now();
    await writeChunk(chunk);
    writeMs += performance.now() - w0;
  };
  try {
    const chunks = run.chunks();
    for (;;) {
      const p0 = performance.now();
      const next = await chunks.next();
      prepareMs += performance.now() - p0;
      if (next.done) break;
      const chunk = next.value;
      for (const d of chunk.documents) fileOf.set(d.id, d.file);
      summary.placements.push(...chunk.alignment.plans);
      addTotals(summary.rows, chunk.rows);
      if (!writing) continue;
      if (inFlight) await inFlight;
      inFlight = timed(chunk);
      inFlight.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      // Let the driver send the statements before the next chunk is prepared on this thread.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (inFlight) await inFlight;
  } finally {
    await run.close();
  }
  summary.seconds = { prepare: prepareMs / 1000, write: writeMs / 1000 };
  return summary;
}

/** A failed group split in two (documents first, then re-links), for isolating the culprit. */
function halves(contents: DocumentRows[], relinks: Linked[]) {
  const all: ({ c: DocumentRows } | { l: Linked })[] = [
    ...contents.map((c) => ({ c })),
    ...relinks.map((l) => ({ l })),
  ];
  const mid = Math.ceil(all.length / 2);
  const part = (xs: typeof all) => ({
    contents: xs.flatMap((x) => ('c' in x ? [x.c] : [])),
    relinks: xs.flatMap((x) => ('l' in x ? [x.l] : [])),
  });
  return [part(all.slice(0, mid)), part(all.slice(mid))] as const;
}

function addTotals(into: LoadSummary['rows'], all: DocumentRows[]): void {
  const t = rowTotals(all);
  for (const k of Object.keys(into) as (keyof LoadSummary['rows'])[]) into[k] += t[k];
}

function rowTotals(all: DocumentRows[]): LoadSummary['rows'] {
  let nodes = 0;
  let relationships = 0;
  let measures = 0;
  let links = 0;
  for (const r of all) {
    nodes +=
      1 +
      r.actions.length +
      r.measures.length +
      r.indicators.length +
      r.regions.length +
      r.agencies.length +
      r.obligations.length;
    relationships +=
      r.actions.length +
      r.measures.length +
      r.targets.length +
      r.partOf.length +
      r.mentions.length +
      r.covers.length +
      r.involves.length +
      r.implements.length +
      r.obligations.length +
      (r.interprets ? 1 : 0);
    measures += r.measures.length;
    links += r.implements.length;
  }
  return { documents: all.length, nodes, relationships, measures, links };
}
