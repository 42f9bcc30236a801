// The load pipeline (orchestration; the CLI calls it): files → prepare (scan, then chunks of a few hundred
// documents aligned and turned into rows; src/pipeline/prepare.ts) → write, several documents per
// transaction, each statement once for all of them (src/graph/writer.ts). The next chunk is prepared
// while the last one is written. In a run parsed on workers, the content of documents new to the graph
// (text, structure, extractions: independent of parents and alignment) is written during the scan,
// while the rest of the files are parsed; their links follow with their chunks. A document that fails to parse is rejected with its reason; when a
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
  awaitSearchIndex,
  contentRowCount,
  linkRowCount,
  rowCount,
  storedHashes,
  unloadDocument,
  writeBatch,
  writeContent,
  writeLinksOf,
  zeroCounts,
  SharedWritten,
  type ContentOnly,
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
  const summary: LoadSummary = {
    loaded: [],
    unchanged: [],
    relinked: [],
    rejected: [],
    skipped: [],
    failed: [],
    placements: [],
    counts: zeroCounts(),
    rows: { documents: 0, nodes: 0, relationships: 0, measures: 0, links: 0 },
    seconds: { prepare: 0, write: 0 },
  };
  const fileOf = new Map<string, string>();
  const limit = options.batchRows ?? BATCH_ROWS;

  // Content written during the scan (documents new to the graph), in groups of about `limit` rows, one
  // transaction each, one at a time; the scan waits while a group is full and the last one is still
  // being written. A failed group is halved until the culprit is alone: it is not loaded (its links
  // are not written either). Their links are written with their chunks (`prewritten`).
  const prewritten = new Set<string>();
  // Regions, agencies and indicators this load has written: later batches do not merge them again.
  const shared = new SharedWritten();
  const prefailed = new Set<string>();
  let preWriteMs = 0;
  const writeContents = async (group: ContentOnly[]): Promise<void> => {
    try {
      addCounts(summary.counts, await writeContent(driver!, database, group, shared));
      for (const r of group) prewritten.add(r.docId);
    } catch (err) {
      const id = group[0]!.docId;
      if (isServerUnavailable(err)) throw unavailable(fileOf.get(id) ?? id, err);
      if (group.length === 1) {
        prefailed.add(id);
        summary.failed.push({
          id,
          file: fileOf.get(id) ?? id,
          reason: (err as Error).message.split('\n')[0]!,
        });
        return;
      }
      const mid = Math.ceil(group.length / 2);
      await writeContents(group.slice(0, mid));
      await writeContents(group.slice(mid));
    }
  };
  let queued: ContentOnly[] = [];
  let queuedRows = 0;
  const contentWrite: { inFlight: Promise<void> | null } = { inFlight: null };
  const sendQueued = async () => {
    if (!queued.length) return;
    const group = queued;
    queued = [];
    queuedRows = 0;
    if (contentWrite.inFlight) await contentWrite.inFlight;
    const w0 = performance.now();
    const inFlight = writeContents(group).finally(() => (preWriteMs += performance.now() - w0));
    inFlight.catch(() => undefined); // awaited before the next group and after the scan
    contentWrite.inFlight = inFlight;
  };
  const prewrite = async (rows: ContentOnly) => {
    fileOf.set(rows.docId, String(rows.plan.props.file ?? rows.docId));
    queued.push(rows);
    queuedRows += contentRowCount(rows);
    if (queuedRows >= limit) await sendQueued();
  };

  const run = await prepareRun(
    inputs,
    { ...options, skipUnchanged: !options.force, ...(writing ? { prewrite } : {}) },
    writing ? graphView(driver, database) : null,
  );
  summary.unchanged.push(...run.unchanged);
  summary.rejected = run.rejected;
  summary.skipped = run.skipped;
  const total = run.unchanged.length + run.total;
  let done = summary.unchanged.length;
  function unavailable(file: string, err: unknown) {
    return new Neo4jUnavailableError(
      `Neo4j became unreachable while loading ${file}: ${(err as Error).message.split('\n')[0]}`,
    );
  }

  // One transaction for a group of documents; when it fails, each half again, until the culprit is
  // alone (rolled back, and said), so one bad document costs a few transactions, not one per document.
  // `linksOf`: the relinks are whole documents whose content was written during the scan: their
  // regions and links now (they count as loaded; one whose write fails is removed again, as if its one
  // transaction had failed).
  const write = async (
    contents: DocumentRows[],
    relinks: Linked[],
    inGraph: ReadonlySet<string>,
    linksOf = false,
  ): Promise<void> => {
    const ids = [...contents, ...relinks].map((r) => r.docId);
    const faulty = ids.length === 1 && options.fault?.docId === ids[0] ? options.fault : undefined;
    try {
      addCounts(
        summary.counts,
        linksOf
          ? await writeLinksOf(driver!, database, relinks as DocumentRows[], faulty, shared)
          : await writeBatch(driver!, database, contents, relinks, faulty, inGraph, shared),
      );
      summary.loaded.push(...contents.map((r) => r.docId));
      (linksOf ? summary.loaded : summary.relinked).push(...relinks.map((r) => r.docId));
    } catch (err) {
      if (isServerUnavailable(err)) throw unavailable(fileOf.get(ids[0]!) ?? ids[0]!, err);
      if (ids.length === 1) {
        if (linksOf) {
          addCounts(summary.counts, (await unloadDocument(driver!, database, ids[0]!)).counts);
          shared.clear(); // an agency or indicator only it used went with it
        }
        summary.failed.push({
          id: ids[0]!,
          file: fileOf.get(ids[0]!) ?? ids[0]!,
          reason: (err as Error).message.split('\n')[0]!,
        });
        return;
      }
      const [a, b] = halves(contents, relinks);
      await write(a.contents, a.relinks, inGraph, linksOf);
      await write(b.contents, b.relinks, inGraph, linksOf);
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
    // Documents whose content was written during the scan: their links now (one whose content failed
    // is not loaded at all).
    const linksOnly: DocumentRows[] = [];
    for (const rows of chunk.rows)
      if (prefailed.has(rows.docId)) continue;
      else if (prewritten.has(rows.docId)) linksOnly.push(rows);
      else if (same(rows, rows.contentHash)) summary.unchanged.push(rows.docId);
      else pending.push(rows);
    const relinks = chunk.relinks.filter((r) => !same(r));
    // Documents the graph held before this load (a plan node with their id): only they can have stale
    // parts to remove. Read just now; a failed write changes nothing, so it stays true while the chunk
    // is written.
    const inGraph = new Set([...stored.keys()].filter((id) => !prewritten.has(id)));
    // Tests inject a fault into one document's write: that document is written alone.
    const isFaulty = (r: DocumentRows) => r.docId === options.fault?.docId;
    for (const rows of pending.filter(isFaulty)) await write([rows], [], inGraph);
    for (const rows of linksOnly.filter(isFaulty)) await write([], [rows], inGraph, true);
    const rest = pending.filter((r) => !isFaulty(r));
    for (const group of chunks(rest, limit, rowCount)) await write(group, [], inGraph);
    const links = linksOnly.filter((r) => !isFaulty(r));
    for (const group of chunks(links, limit, rowCount)) await write([], group, inGraph, true);
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
    // The content written during the scan is all in the graph before the first link is.
    await sendQueued();
    if (contentWrite.inFlight) await contentWrite.inFlight;
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
    // Search answers what was just loaded (the full-text index is eventually consistent).
    if (writing) await awaitSearchIndex(driver, database);
  } finally {
    await run.close();
  }
  summary.seconds = { prepare: prepareMs / 1000, write: (writeMs + preWriteMs) / 1000 };
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
