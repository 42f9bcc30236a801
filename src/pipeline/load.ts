// The load pipeline (orchestration; the CLI calls it): files → prepare (parse, extract, parents, align,
// rows; src/pipeline/prepare.ts) → write, one transaction per document. A document that fails to parse
// is rejected with its reason; one that fails to write is rolled back alone; the others load. Documents
// already in the graph that the batch concerns are re-linked. An unreachable Neo4j stops the run before
// anything is written.
import type { Driver } from 'neo4j-driver';
import { isServerUnavailable, Neo4jUnavailableError } from '../graph/driver.js';
import type { DocumentRows } from '../graph/rows.js';
import { storedDocuments, storedPlans } from '../graph/stored.js';
import {
  addCounts,
  applySchema,
  relinkDocument,
  rowCount,
  storedHashes,
  writeDocument,
  writeDocuments,
  zeroCounts,
  type FaultInjection,
  type WriteCounts,
} from '../graph/writer.js';
import type { PlanPlacement } from '../model/alignment.js';
import type { Rejected } from './documents.js';
import { prepareBatch, type GraphView, type PrepareOptions } from './prepare.js';

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

/** Consecutive groups of documents of at most `limit` rows each (a larger document alone). */
export function chunks(all: DocumentRows[], limit: number): DocumentRows[][] {
  const out: DocumentRows[][] = [];
  let current: DocumentRows[] = [];
  let size = 0;
  for (const rows of all) {
    const n = rowCount(rows);
    if (current.length && size + n > limit) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(rows);
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
  seconds: { prepare: number; write: number };
}

export function graphView(driver: Driver, database: string): GraphView {
  return {
    plans: () => storedPlans(driver, database),
    documents: (ids) => storedDocuments(driver, database, ids),
  };
}

export async function loadInputs(
  driver: Driver | null,
  database: string,
  inputs: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const t0 = performance.now();
  if (driver && !options.dryRun) await applySchema(driver, database);
  const batch = await prepareBatch(
    inputs,
    { ...options, skipUnchanged: !options.force },
    driver && !options.dryRun ? graphView(driver, database) : null,
  );
  const prepare = (performance.now() - t0) / 1000;
  const summary: LoadSummary = {
    loaded: [],
    unchanged: [...batch.unchanged],
    relinked: [],
    rejected: batch.rejected,
    skipped: batch.skipped,
    failed: [],
    placements: batch.alignment.plans,
    counts: zeroCounts(),
    rows: rowTotals(batch.rows),
    seconds: { prepare, write: 0 },
  };
  if (options.dryRun || !driver) return summary;

  const t1 = performance.now();
  const ids = [...batch.rows.map((r) => r.docId), ...batch.relinks.map((r) => r.docId)];
  const stored = options.force ? new Map() : await storedHashes(driver, database, ids);
  const total = batch.unchanged.length + batch.rows.length + batch.relinks.length;
  const unavailable = (file: string, err: unknown) =>
    new Neo4jUnavailableError(
      `Neo4j became unreachable while loading ${file}: ${(err as Error).message.split('\n')[0]}`,
    );
  // Documents to write, in write order, in transactions of about BATCH_ROWS rows. A failed transaction
  // is written again document by document, so only the culprit is rolled back.
  const fileOf = new Map(batch.documents.map((d) => [d.id, d.file]));
  const pending: DocumentRows[] = [];
  for (const rows of batch.rows) {
    const state = stored.get(rows.docId);
    if (state?.contentHash === rows.contentHash && state.linksHash === rows.linksHash)
      summary.unchanged.push(rows.docId);
    else pending.push(rows);
  }
  let done = summary.unchanged.length;
  const writeAlone = async (rows: DocumentRows) => {
    try {
      const fault = options.fault?.docId === rows.docId ? options.fault : undefined;
      addCounts(summary.counts, await writeDocument(driver, database, rows, fault));
      summary.loaded.push(rows.docId);
    } catch (err) {
      if (isServerUnavailable(err)) throw unavailable(fileOf.get(rows.docId) ?? rows.docId, err);
      summary.failed.push({
        id: rows.docId,
        file: fileOf.get(rows.docId) ?? rows.docId,
        reason: (err as Error).message.split('\n')[0]!,
      });
    }
  };
  for (const chunk of chunks(pending, options.batchRows ?? BATCH_ROWS)) {
    // Tests inject a fault into one document's write: that document is written alone.
    const faulty = chunk.some((r) => r.docId === options.fault?.docId);
    if (chunk.length > 1 && !faulty) {
      try {
        addCounts(summary.counts, await writeDocuments(driver, database, chunk));
        summary.loaded.push(...chunk.map((r) => r.docId));
      } catch (err) {
        if (isServerUnavailable(err)) throw unavailable(fileOf.get(chunk[0]!.docId) ?? '', err);
        for (const rows of chunk) await writeAlone(rows);
      }
    } else for (const rows of chunk) await writeAlone(rows);
    done += chunk.length;
    options.onProgress?.(done, total, chunk[chunk.length - 1]!.docId);
  }
  for (const [i, rows] of batch.relinks.entries()) {
    if (!options.force && stored.get(rows.docId)?.linksHash === rows.linksHash) continue;
    try {
      addCounts(summary.counts, await relinkDocument(driver, database, rows));
      summary.relinked.push(rows.docId);
    } catch (err) {
      if (isServerUnavailable(err)) throw unavailable(rows.docId, err);
      summary.failed.push({
        id: rows.docId,
        file: rows.docId,
        reason: (err as Error).message.split('\n')[0]!,
      });
    }
    options.onProgress?.(batch.rows.length + i + 1, total, rows.docId);
  }
  summary.seconds.write = (performance.now() - t1) / 1000;
  return summary;
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
