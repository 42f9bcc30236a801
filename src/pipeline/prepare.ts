// Preparing a batch (orchestration, no writes): read → parse → extract the files; decide which national
// plans and parents every plan has (from the batch and from what the graph already holds); align each
// plan to its parent; and turn documents into graph rows. Documents already in the graph that the batch
// concerns — children of a plan in the batch, the plan an interpretation explains — are re-linked, so
// the graph is the same whatever order or batches the documents come in.
import { alignCascade } from '../align/cascade.js';
import { interpretedPlan } from '../align/aligner.js';
import { defaultCuratedFile, isNational, loadNational } from '../align/index.js';
import { readCalibration } from '../align/calibration.js';
import { readCuratedLinks } from '../align/curated.js';
import { LEVEL_RANK, planRef, resolveParents, type PlanRef } from '../align/parents.js';
import type { CascadeResult } from '../model/alignment.js';
import type { PolicyDocument } from '../model/document.js';
import {
  alignmentByDocument,
  contentRows,
  hashRows,
  linkRows,
  toRows,
  type DocumentRows,
  type LinkRows,
} from '../graph/rows.js';
import type { StoredPlan } from '../graph/stored.js';
import { readDocuments, type Rejected } from './documents.js';

/** What the pipeline needs of the graph; null when there is none (parse, align, dry runs without Neo4j). */
export interface GraphView {
  plans(): Promise<StoredPlan[]>;
  documents(ids: string[]): Promise<PolicyDocument[]>;
}

export interface PrepareOptions {
  /** Apply data/curated-links.yaml after the aligner (default true). */
  curated?: boolean;
  /** A national plan file: loaded with the batch, and the default for plans that cite none. */
  national?: string;
  ocr?: boolean;
  /** Link threshold as a probability (PLANTRACE_LINK_THRESHOLD); default: the calibration file's. */
  threshold?: number;
  /** Calibration parameters file (PLANTRACE_CALIBRATION_FILE); default: data/calibration.json. */
  calibrationFile?: string;
}

export interface PreparedBatch {
  /** The batch's documents, in write order: national plans, then plans by level, then interpretations. */
  documents: PolicyDocument[];
  rows: DocumentRows[];
  /** Documents already in the graph whose links change with this batch. */
  relinks: (LinkRows & { linksHash: string })[];
  alignment: CascadeResult;
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
}

const byWriteOrder = (a: PolicyDocument, b: PolicyDocument) =>
  order(a) - order(b) || a.id.localeCompare(b.id);
const order = (d: PolicyDocument) => (d.kind === 'interpretation' ? 9 : LEVEL_RANK[d.level]);

export async function prepareBatch(
  inputs: string[],
  options: PrepareOptions = {},
  graph: GraphView | null = null,
): Promise<PreparedBatch> {
  const { documents: read, rejected, skipped } = await readDocuments(inputs, { ocr: options.ocr });
  const documents = uniqueIds(read, rejected);

  // National plans: the batch's, and the --national file or else the bundled catalog, which is also the
  // default for plans that cite none (a national plan of the batch with the same id wins over it).
  const nationals = documents.filter(isNational);
  const fallback = options.national ? await loadNational(options.national) : await loadNational();
  if (!nationals.some((n) => n.id === fallback.id)) nationals.unshift(fallback);
  const defaultNational = fallback.id;
  const batchIds = new Set([...documents, ...nationals].map((d) => d.id));

  const allStored = graph ? await graph.plans() : [];
  const stored = allStored.filter((p) => !batchIds.has(p.id));
  // Plans of the batch whose content is new to the graph: their children must be re-linked.
  const storedContent = new Map(allStored.map((p) => [p.id, p.contentHash]));
  const content = new Map([...nationals, ...documents].map((d) => [d.id, contentRows(d)]));
  const changed = new Set(
    [...content].filter(([id, rows]) => storedContent.get(id) !== hashRows(rows)).map(([id]) => id),
  );
  const local = documents.filter((d) => !isNational(d));
  const batchPlans = local.filter((d) => d.kind === 'plan');
  const interpretations = local.filter((d) => d.kind === 'interpretation');
  const storedPlans = stored.filter((p) => p.kind === 'plan' && p.level !== 'national');
  const nationalRefs: PlanRef[] = [
    ...nationals.map(planRef),
    ...stored.filter((p) => p.level === 'national'),
  ];
  const parents = resolveParents([...batchPlans.map(planRef), ...storedPlans], nationalRefs, defaultNational);

  // Stored documents the batch concerns: plans whose parent changed (another plan, or new content);
  // the plans of the regions of the batch's interpretations (an interpretation explains a plan of its
  // own region); and the interpretations of the regions of every plan aligned, so that their explicit
  // statements stay on the plan's links.
  const relinkIds = new Set<string>();
  for (const p of storedPlans) {
    const c = parents.get(p.id)!;
    if (changed.has(c.parent.id) || c.parent.id !== p.parent || c.national !== p.nationalPlan)
      relinkIds.add(p.id);
  }
  const interpretationRegions = new Set(interpretations.map((i) => i.regionCode).filter(Boolean));
  for (const p of storedPlans)
    if (p.regionCode && interpretationRegions.has(p.regionCode)) relinkIds.add(p.id);
  const planRegions = new Set(
    [...batchPlans, ...storedPlans.filter((p) => relinkIds.has(p.id))]
      .map((p) => p.regionCode)
      .filter(Boolean),
  );
  for (const p of stored)
    if (p.kind === 'interpretation' && p.regionCode && planRegions.has(p.regionCode)) relinkIds.add(p.id);

  // Documents from the graph: those re-linked, and the parents and national plans they and the batch need.
  const needed = new Set(relinkIds);
  for (const id of [...batchPlans.map((p) => p.id), ...relinkIds]) {
    const c = parents.get(id);
    if (!c) continue;
    if (!batchIds.has(c.parent.id)) needed.add(c.parent.id);
    if (!batchIds.has(c.national)) needed.add(c.national);
  }
  const fromGraph = graph ? await graph.documents([...needed]) : [];
  const relinked = fromGraph.filter((d) => relinkIds.has(d.id));
  const uppers = new Map<string, PolicyDocument>();
  for (const d of [...nationals, ...fromGraph, ...batchPlans]) uppers.set(d.id, d);

  const curated = options.curated === false ? null : readCuratedLinks(defaultCuratedFile);
  const aligned = [...local, ...relinked];
  const plansForInterpretations = [
    ...batchPlans,
    ...fromGraph.filter((d) => d.kind === 'plan' && !isNational(d)),
  ];
  const scoring = {
    threshold: options.threshold,
    ...(options.calibrationFile ? { calibration: readCalibration(options.calibrationFile) } : {}),
  };
  const alignment = alignCascade({
    documents: aligned,
    uppers,
    parents,
    plansForInterpretations,
    curated,
    scoring,
  });

  const byDocument = alignmentByDocument(alignment);
  const placements = new Map(alignment.plans.map((p) => [p.plan, p]));
  const context = (doc: PolicyDocument) => ({
    links: byDocument.get(doc.id)?.links ?? [],
    unaligned: byDocument.get(doc.id)?.unaligned ?? [],
    interprets:
      doc.kind === 'interpretation' ? (interpretedPlan(doc, plansForInterpretations)?.id ?? null) : null,
    placement: placements.get(doc.id) ?? null,
  });
  const batch = [...nationals, ...local].sort(byWriteOrder);
  const rows = batch.map((doc) => toRows(doc, context(doc), content.get(doc.id)));
  const relinks = relinked.sort(byWriteOrder).map((doc) => {
    const links = linkRows(doc, context(doc));
    return { ...links, linksHash: hashRows(links) };
  });
  return { documents: batch, rows, relinks, alignment, rejected, skipped };
}

/** The first document with an id wins; a second is rejected, naming the first. */
function uniqueIds(read: PolicyDocument[], rejected: Rejected[]): PolicyDocument[] {
  const seen = new Map<string, string>();
  const out: PolicyDocument[] = [];
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
    out.push(d);
  }
  return out;
}
