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
import { loadKey, pipelineKey } from './keys.js';

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
  /** Skip files whose bytes, pipeline and upper plans are those of their last load (default true). */
  skipUnchanged?: boolean;
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
  /** Documents the graph holds exactly as they would be loaded now: their files were not even read. */
  unchanged: string[];
}

const byWriteOrder = (a: PolicyDocument, b: PolicyDocument) =>
  order(a) - order(b) || a.id.localeCompare(b.id);
const order = (d: PolicyDocument) => (d.kind === 'interpretation' ? 9 : LEVEL_RANK[d.level]);

export async function prepareBatch(
  inputs: string[],
  options: PrepareOptions = {},
  graph: GraphView | null = null,
): Promise<PreparedBatch> {
  // The --national file or else the bundled catalog: the default for plans that cite none.
  const fallback = options.national ? await loadNational(options.national) : await loadNational();
  const defaultNational = fallback.id;
  const pipeline = pipelineKey({ ...options, curated: options.curated !== false, defaultNational });
  const allStored = graph ? await graph.plans() : [];
  const storedById = new Map(allStored.map((p) => [p.id, p]));
  const dependencyOf = (id: string | null, hashOf: (id: string) => string | null | undefined) =>
    id ? [`${id}:${hashOf(id) ?? ''}`] : [];
  // A file whose bytes, pipeline and upper plans are those of its last load is not read again.
  const bySha = new Map(allStored.filter((p) => p.sha256).map((p) => [p.sha256!, p]));
  const unchangedId = (sha256: string) => {
    const p = bySha.get(sha256);
    if (!p?.loadKey || options.skipUnchanged === false) return null;
    const upper = p.kind === 'interpretation' ? p.interprets : p.parent;
    const key = loadKey(
      pipeline,
      sha256,
      dependencyOf(upper, (id) => storedById.get(id)?.contentHash),
    );
    return key === p.loadKey ? p.id : null;
  };

  const {
    documents: read,
    rejected,
    skipped,
    unchanged,
  } = await readDocuments(inputs, {
    ocr: options.ocr,
    unchangedId,
  });
  const documents = uniqueIds(read, rejected);

  // National plans: the batch's, and the fallback (a national plan of the batch with its id wins).
  // The fallback is written with the batch unless its file was just found unchanged (it is still the
  // upper plan of what cites it).
  const nationals = documents.filter(isNational);
  if (!nationals.some((n) => n.id === fallback.id) && !unchanged.some((u) => u.id === fallback.id))
    nationals.unshift(fallback);
  const batchIds = new Set([fallback, ...documents, ...nationals].map((d) => d.id));

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
    ...[fallback, ...nationals.filter((n) => n.id !== fallback.id)].map(planRef),
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
  for (const d of [fallback, ...nationals, ...fromGraph, ...batchPlans]) uppers.set(d.id, d);

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
  const contentHashOf = (id: string) => {
    const rows = content.get(id);
    return rows ? hashRows(rows) : storedById.get(id)?.contentHash;
  };
  const context = (doc: PolicyDocument) => {
    const interprets =
      doc.kind === 'interpretation' ? (interpretedPlan(doc, plansForInterpretations)?.id ?? null) : null;
    const placement = placements.get(doc.id) ?? null;
    const upper = doc.kind === 'interpretation' ? interprets : (placement?.parent ?? null);
    return {
      links: byDocument.get(doc.id)?.links ?? [],
      unaligned: byDocument.get(doc.id)?.unaligned ?? [],
      interprets,
      placement,
      loadKey: loadKey(pipeline, doc.sha256, dependencyOf(upper, contentHashOf)),
    };
  };
  const batch = [...nationals, ...local].sort(byWriteOrder);
  const rows = batch.map((doc) => toRows(doc, context(doc), content.get(doc.id)));
  const relinks = relinked.sort(byWriteOrder).map((doc) => {
    const links = linkRows(doc, context(doc));
    return { ...links, linksHash: hashRows(links) };
  });
  return {
    documents: batch,
    rows,
    relinks,
    alignment,
    rejected,
    skipped,
    unchanged: unchanged.map((u) => u.id),
  };
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
