// The load pipeline (orchestration; the CLI calls it): files → parse → extract → align → graph, one transaction per document.
// A document that fails to parse is rejected with its reason; one that fails to write is rolled back
// alone; the others load. An unreachable Neo4j stops the run before anything is written.
import type { Driver } from 'neo4j-driver';
import { alignDocuments, isNational, loadNational } from '../align/index.js';
import { interpretedPlan } from '../align/aligner.js';
import type { PolicyDocument } from '../model/document.js';
import { isServerUnavailable, Neo4jUnavailableError } from '../graph/driver.js';
import { alignmentByDocument, toRows, type DocumentRows } from '../graph/rows.js';
import { readDocuments, type Rejected } from './documents.js';
import {
  addCounts,
  applySchema,
  storedHashes,
  writeDocument,
  zeroCounts,
  type FaultInjection,
  type WriteCounts,
} from '../graph/writer.js';

export interface LoadOptions {
  dryRun?: boolean;
  /** Rewrite documents even when the graph already holds exactly their rows. */
  force?: boolean;
  /** Apply data/curated-links.yaml after the aligner (default true). */
  curated?: boolean;
  /** National document to align against (default: one in the inputs, else the bundled catalog). */
  national?: string;
  /** OCR pages of scanned PDFs (needs Debian tesseract-ocr, tesseract-ocr-chi-sim). */
  ocr?: boolean;
  onProgress?: (done: number, total: number, docId: string) => void;
  /** Tests only: make the write of one document fail midway. */
  fault?: FaultInjection & { docId: string };
}

export interface LoadSummary {
  loaded: string[];
  unchanged: string[];
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
  /** Documents whose write failed and was rolled back. */
  failed: { id: string; file: string; reason: string }[];
  counts: WriteCounts;
  /** What the documents amount to (also in dry runs): rows of nodes and relationships. */
  rows: { documents: number; nodes: number; relationships: number; measures: number; links: number };
  seconds: { prepare: number; write: number };
}

export interface PreparedBatch {
  documents: PolicyDocument[];
  rows: DocumentRows[];
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
}

/** Everything but the write: parse, extract, align, and turn each document into rows. */
export async function prepareBatch(
  inputs: string[],
  options: Pick<LoadOptions, 'curated' | 'national' | 'ocr'> = {},
): Promise<PreparedBatch> {
  const { documents: read, rejected, skipped } = await readDocuments(inputs, { ocr: options.ocr });
  const seen = new Map<string, string>();
  const documents: PolicyDocument[] = [];
  for (const d of read) {
    const first = seen.get(d.id);
    if (first) {
      rejected.push({
        file: d.file,
        line: 1,
        pages: [],
        reason: `has the same id (${d.id}) as ${first}; not loaded twice`,
      });
      continue;
    }
    seen.set(d.id, d.file);
    documents.push(d);
  }
  const national = options.national
    ? await loadNational(options.national)
    : (documents.find(isNational) ?? (await loadNational()));
  const local = documents.filter((d) => !isNational(d));
  const alignment = alignDocuments(local, { national, curated: options.curated ?? true });
  const plans = local.filter((d) => d.kind === 'plan');
  const order = { national: 0, plan: 1, interpretation: 2, catalog: 0 } as const;
  const batch = [national, ...local].sort(
    (a, b) => order[isNational(a) ? 'national' : a.kind] - order[isNational(b) ? 'national' : b.kind],
  );
  const byDocument = alignmentByDocument(alignment);
  const rows = batch.map((doc) =>
    toRows(doc, {
      links: byDocument.get(doc.id)?.links ?? [],
      unaligned: byDocument.get(doc.id)?.unaligned ?? [],
      interprets: doc.kind === 'interpretation' ? (interpretedPlan(doc, plans)?.id ?? null) : null,
    }),
  );
  return { documents: batch, rows, rejected, skipped };
}

export async function loadInputs(
  driver: Driver | null,
  database: string,
  inputs: string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const t0 = performance.now();
  const batch = await prepareBatch(inputs, options);
  const prepare = (performance.now() - t0) / 1000;
  const summary: LoadSummary = {
    loaded: [],
    unchanged: [],
    rejected: batch.rejected,
    skipped: batch.skipped,
    failed: [],
    counts: zeroCounts(),
    rows: rowTotals(batch.rows),
    seconds: { prepare, write: 0 },
  };
  if (options.dryRun || !driver) return summary;

  const t1 = performance.now();
  await applySchema(driver, database);
  const stored = options.force
    ? new Map<string, string>()
    : await storedHashes(
        driver,
        database,
        batch.rows.map((r) => r.docId),
      );
  for (const [i, rows] of batch.rows.entries()) {
    const doc = batch.documents[i]!;
    if (stored.get(rows.docId) === rows.rowsHash) {
      summary.unchanged.push(rows.docId);
    } else {
      try {
        const fault = options.fault?.docId === rows.docId ? options.fault : undefined;
        addCounts(summary.counts, await writeDocument(driver, database, rows, fault));
        summary.loaded.push(rows.docId);
      } catch (err) {
        if (isServerUnavailable(err))
          throw new Neo4jUnavailableError(
            `Neo4j became unreachable while loading ${doc.file}: ${(err as Error).message.split('\n')[0]}`,
          );
        summary.failed.push({
          id: rows.docId,
          file: doc.file,
          reason: (err as Error).message.split('\n')[0]!,
        });
      }
    }
    options.onProgress?.(i + 1, batch.rows.length, rows.docId);
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
      1 + r.actions.length + r.measures.length + r.indicators.length + r.regions.length + r.agencies.length;
    relationships +=
      r.actions.length +
      r.measures.length +
      r.targets.length +
      r.partOf.length +
      r.mentions.length +
      r.covers.length +
      r.involves.length +
      r.implements.length +
      (r.interprets ? 1 : 0);
    measures += r.measures.length;
    links += r.implements.length;
  }
  return { documents: all.length, nodes, relationships, measures, links };
}
