// Preparing a run (orchestration, no writes), in two passes so that memory is bounded by a chunk:
//   1. scan: read → parse → extract every file (skipping unchanged ones before parsing), keeping of each
//      document only what parent resolution needs (its PlanRef, its content hash); the documents
//      themselves go to a DocumentStore (a temporary file when the run is larger than one chunk);
//   2. chunks: national plans and parents decided for the whole run (from the run and from what the
//      graph already holds); then, in write order (national plans, provinces, cities, counties,
//      interpretations; children of one parent together), chunks of a few hundred documents are read
//      back, aligned to their parents (the national index and each parent indexed once, not the batch)
//      and turned into graph rows.
// Documents already in the graph that the run concerns — children of a plan in the run, the plan an
// interpretation explains — are re-linked, so the graph is the same whatever order, batches or chunks the
// documents come in. An interpretation is aligned together with the plan it explains.
import { alignCascade, type CascadeInput } from '../align/cascade.js';
import { interpretedPlan } from '../align/aligner.js';
import { defaultCuratedFile, isNational, loadNational } from '../align/index.js';
import { readCalibration } from '../align/calibration.js';
import { readCuratedLinks } from '../align/curated.js';
import { LEVEL_RANK, planRef, resolveParents, type ParentChoice, type PlanRef } from '../align/parents.js';
import type { CascadeResult, PlanPlacement } from '../model/alignment.js';
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
import { fileBytesOf, parseBytes, type Rejected, type ScanItem } from './documents.js';
import { expandInputs } from './inputs.js';
import { loadKey, pipelineKey } from './keys.js';
import { DocumentStore } from './store.js';
import { defaultWorkers, workerParser } from './workers.js';

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
  /** Documents per chunk (aligned and written together); default CHUNK_DOCUMENTS. */
  chunkDocuments?: number;
  /**
   * Read → parse → extract files on this many worker threads (0: on the main thread). Default: none
   * for runs of one chunk, else one per core (src/pipeline/workers.ts).
   */
  workers?: number;
}

/** Documents aligned and written together: bounds the loader's memory (a few MB per hundred plans). */
export const CHUNK_DOCUMENTS = 250;

/** Parsed documents read back at once for the parents of a chunk: the last ones used are kept. */
const UPPER_CACHE = 32;

type Linked = LinkRows & { linksHash: string };

export interface PreparedChunk {
  /** The chunk's documents of the run, in write order. */
  documents: PolicyDocument[];
  rows: DocumentRows[];
  /** Documents already in the graph whose links change with this run. */
  relinks: Linked[];
  alignment: CascadeResult;
}

export interface PreparedBatch extends PreparedChunk {
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
  /** Documents the graph holds exactly as they would be loaded now: their files were not even read. */
  unchanged: string[];
}

/** What the scan kept of a document of the run. */
interface Scanned {
  id: string;
  kind: PolicyDocument['kind'];
  level: PolicyDocument['level'];
  regionCode: string | null;
  ref: PlanRef;
  contentHash: string;
  /** The document without its text: enough to tell which plan an interpretation explains. */
  light: PolicyDocument;
}

/** Documents aligned together: a plan (or a national plan) alone, or a plan with its interpretations. */
interface Unit {
  ids: string[];
  /** Aligned in a call of their own (interpretations with their plan). */
  own: boolean;
  /** The plan an interpretation of the unit explains, when it is not a document of the unit. */
  helper: string | null;
  /** Written after the run's documents: it re-links documents of the graph. */
  late: boolean;
  order: number;
  parent: string;
}

export interface PreparedRun {
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
  unchanged: string[];
  /** Documents the chunks will hold: the run's (with the national plan), and the ones re-linked. */
  total: number;
  chunks(): AsyncGenerator<PreparedChunk>;
  /** Removes the run's temporary files. */
  close(): void;
}

const order = (d: { kind: PolicyDocument['kind']; level: PolicyDocument['level'] }) =>
  d.kind === 'interpretation' ? 9 : LEVEL_RANK[d.level];

/** Without the texts: what interpretedPlan reads of a candidate plan (id, title, number, region). */
const lightOf = (d: PolicyDocument): PolicyDocument => ({
  ...d,
  preamble: '',
  trailer: [],
  sections: [],
  targets: [],
  regions: [],
  agencies: [],
  obligations: [],
  attachments: [],
  notes: [],
});

const lightStored = (p: StoredPlan): PolicyDocument =>
  ({
    id: p.id,
    kind: p.kind,
    level: p.level,
    title: p.title,
    titleSimplified: p.title,
    docNumber: p.docNumber,
    regionCode: p.regionCode,
    region: p.region,
    issuedOn: p.issuedOn,
    interprets: null,
    preamble: '',
    trailer: [],
    sections: [],
    targets: [],
    regions: [],
    agencies: [],
    obligations: [],
    attachments: [],
    notes: [],
  }) as unknown as PolicyDocument;

/** Read → parse → extract, on the main thread or a pool of workers (same answers, in file order). */
export type Parser = (bytes: Uint8Array, file: string, options: { ocr?: boolean }) => Promise<ScanItem>;

export async function prepareRun(
  inputs: string[],
  options: PrepareOptions = {},
  graph: GraphView | null = null,
): Promise<PreparedRun> {
  const chunkDocuments = Math.max(1, options.chunkDocuments ?? CHUNK_DOCUMENTS);
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

  // Pass 1: scan. Parsing may run ahead on workers; results are taken in file order.
  const { files, duplicates } = expandInputs(inputs);
  const store = new DocumentStore(files.length > chunkDocuments);
  const rejected: Rejected[] = [];
  const skipped = duplicates.map((d) => ({ file: d.file, reason: `is ${d.sameAs} again` }));
  const unchanged: string[] = [];
  const scanned: Scanned[] = [];
  const firstFile = new Map<string, string>();
  const take = (item: ScanItem) => {
    if (item.kind === 'rejected') rejected.push(item.rejected);
    else if (item.kind === 'skipped') skipped.push(item.skipped);
    else if (item.kind === 'unchanged') unchanged.push(item.unchanged.id);
    else {
      const d = item.document;
      // The first document with an id wins; a second is rejected, naming the first.
      const first = firstFile.get(d.id);
      if (first) {
        rejected.push({
          file: d.file,
          line: 1,
          pages: [],
          reason: `has the same id (${d.id}) as ${first}; not loaded twice`,
        });
        return;
      }
      firstFile.set(d.id, d.file);
      store.put(d);
      scanned.push({
        id: d.id,
        kind: d.kind,
        level: d.level,
        regionCode: d.regionCode,
        ref: planRef(d),
        contentHash: hashRows(contentRows(d)),
        light: lightOf(d),
      });
    }
  };
  // A run of one chunk parses on the main thread; a larger one on workers (unless told otherwise).
  const workers = options.workers ?? (files.length > chunkDocuments ? defaultWorkers() : 0);
  const pool = workers > 0 ? workerParser(workers) : null;
  const parse: Parser = pool ? pool.parse : parseBytes;
  const ahead: Promise<ScanItem>[] = [];
  const window = Math.max(1, workers * 4);
  try {
    for await (const item of fileBytesOf(files, { unchangedId })) {
      ahead.push(
        item.kind === 'bytes' ? parse(item.bytes, item.file, { ocr: options.ocr }) : Promise.resolve(item),
      );
      while (ahead.length >= window) take(await ahead.shift()!);
    }
    while (ahead.length) take(await ahead.shift()!);
  } finally {
    await Promise.allSettled(ahead);
    await pool?.close();
  }

  // Pass 2, for the whole run: national plans, parents, what is re-linked.
  // National plans: the run's, and the fallback (a national plan of the run with its id wins). The
  // fallback is written with the run unless its file was just found unchanged (it is still the upper
  // plan of what cites it).
  const nationals = scanned.filter((s) => s.level === 'national').map((s) => store.get(s.id));
  if (!nationals.some((n) => n.id === fallback.id) && !unchanged.includes(fallback.id))
    nationals.unshift(fallback);
  const resident = new Map<string, PolicyDocument>([[fallback.id, fallback]]);
  for (const n of nationals) resident.set(n.id, n);
  const runIds = new Set([fallback.id, ...scanned.map((s) => s.id), ...nationals.map((n) => n.id)]);
  const stored = allStored.filter((p) => !runIds.has(p.id));
  // Plans of the run whose content is new to the graph: their children must be re-linked.
  const contentHash = new Map<string, string>(scanned.map((s) => [s.id, s.contentHash]));
  for (const n of nationals) if (!contentHash.has(n.id)) contentHash.set(n.id, hashRows(contentRows(n)));
  const changed = new Set(
    [...contentHash].filter(([id, h]) => storedById.get(id)?.contentHash !== h).map(([id]) => id),
  );
  const local = scanned.filter((s) => s.level !== 'national');
  const runPlans = local.filter((s) => s.kind === 'plan');
  const interpretations = local.filter((s) => s.kind === 'interpretation');
  const storedPlans = stored.filter((p) => p.kind === 'plan' && p.level !== 'national');
  const nationalRefs: PlanRef[] = [
    ...[fallback, ...nationals.filter((n) => n.id !== fallback.id)].map(planRef),
    ...stored.filter((p) => p.level === 'national'),
  ];
  const parents = resolveParents(
    [...runPlans.map((s) => s.ref), ...storedPlans],
    nationalRefs,
    defaultNational,
  );

  // Stored documents the run concerns: plans whose parent changed (another plan, or new content); the
  // plans of the regions of the run's interpretations (an interpretation explains a plan of its own
  // region); and the interpretations of the regions of every plan aligned, so that their explicit
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
    [...runPlans, ...storedPlans.filter((p) => relinkIds.has(p.id))].map((p) => p.regionCode).filter(Boolean),
  );
  for (const p of stored)
    if (p.kind === 'interpretation' && p.regionCode && planRegions.has(p.regionCode)) relinkIds.add(p.id);

  // Documents from the graph the run reads: those re-linked, and the parents and national plans they and
  // the run need. The plans among them and the run's plans are what an interpretation may explain.
  const needed = new Set(relinkIds);
  for (const id of [...runPlans.map((p) => p.id), ...relinkIds]) {
    const c = parents.get(id);
    if (!c) continue;
    if (!runIds.has(c.parent.id)) needed.add(c.parent.id);
    if (!runIds.has(c.national)) needed.add(c.national);
  }
  const candidates = [
    ...runPlans.map((s) => s.light),
    ...[...needed]
      .map((id) => storedById.get(id))
      .filter((p): p is StoredPlan => !!p && p.kind === 'plan' && p.level !== 'national')
      .map(lightStored),
  ];
  const explained = new Map<string, string | null>();
  const relinkedInterpretations = stored.filter((p) => p.kind === 'interpretation' && relinkIds.has(p.id));
  for (const s of interpretations)
    explained.set(s.id, interpretedPlan(store.get(s.id), candidates)?.id ?? null);
  for (let i = 0; i < relinkedInterpretations.length; i += chunkDocuments) {
    const ids = relinkedInterpretations.slice(i, i + chunkDocuments).map((p) => p.id);
    for (const d of graph ? await graph.documents(ids) : [])
      explained.set(d.id, interpretedPlan(d, candidates)?.id ?? null);
  }

  // Units in write order; an interpretation goes with the plan it explains (aligned together).
  const byPlan = new Map<string, string[]>();
  const alone: string[] = [];
  for (const [id, plan] of explained) {
    if (!plan) alone.push(id);
    else byPlan.set(plan, [...(byPlan.get(plan) ?? []), id]);
  }
  const kindOf = (id: string) => scanned.find((s) => s.id === id) ?? storedById.get(id);
  const inRun = (id: string) => store.has(id) || resident.has(id);
  const member = (id: string) => inRun(id) || relinkIds.has(id);
  const units: Unit[] = [];
  const parentOf = (id: string) => parents.get(id)?.parent.id ?? '';
  for (const n of nationals)
    units.push({ ids: [n.id], own: false, helper: null, late: false, order: 0, parent: '' });
  const grouped = new Set<string>();
  for (const [plan, interps] of byPlan) {
    const ids = [...(member(plan) ? [plan] : []), ...interps.sort()];
    for (const id of ids) grouped.add(id);
    const first = kindOf(ids[0]!)!;
    units.push({
      ids,
      own: true,
      helper: member(plan) ? null : plan,
      late: ids.some((id) => relinkIds.has(id)),
      order: order(first),
      parent: parentOf(plan),
    });
  }
  for (const s of runPlans)
    if (!grouped.has(s.id))
      units.push({
        ids: [s.id],
        own: false,
        helper: null,
        late: false,
        order: order(s),
        parent: parentOf(s.id),
      });
  for (const p of storedPlans)
    if (relinkIds.has(p.id) && !grouped.has(p.id))
      units.push({
        ids: [p.id],
        own: false,
        helper: null,
        late: true,
        order: order(p),
        parent: parentOf(p.id),
      });
  for (const id of alone)
    units.push({ ids: [id], own: true, helper: null, late: relinkIds.has(id), order: 9, parent: '' });
  units.sort(
    (a, b) =>
      Number(a.late) - Number(b.late) ||
      a.order - b.order ||
      a.parent.localeCompare(b.parent) ||
      a.ids[0]!.localeCompare(b.ids[0]!),
  );

  const curated = options.curated === false ? null : readCuratedLinks(defaultCuratedFile);
  const scoring = {
    threshold: options.threshold,
    ...(options.calibrationFile ? { calibration: readCalibration(options.calibrationFile) } : {}),
  };
  const contentHashOf = (id: string) => contentHash.get(id) ?? storedById.get(id)?.contentHash;

  // Upper plans: national plans stay; parents are read back (run) or fetched (graph), the last ones
  // kept, so that each is indexed once for the children that follow it.
  const cache = new Map<string, PolicyDocument>();
  const uppers = async (ids: string[]): Promise<Map<string, PolicyDocument>> => {
    const out = new Map<string, PolicyDocument>([[fallback.id, fallback]]);
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const doc = resident.get(id) ?? cache.get(id) ?? (store.has(id) ? store.get(id) : undefined);
      if (doc) out.set(id, doc);
      else missing.push(id);
    }
    for (const d of graph && missing.length ? await graph.documents(missing) : []) out.set(d.id, d);
    for (const [id, doc] of out) {
      if (resident.has(id)) continue;
      cache.delete(id);
      cache.set(id, doc);
    }
    while (cache.size > UPPER_CACHE) cache.delete(cache.keys().next().value!);
    return out;
  };

  async function prepareChunk(chunk: Unit[]): Promise<PreparedChunk> {
    const ids = chunk.flatMap((u) => u.ids);
    const fromGraph = ids.filter((id) => !inRun(id));
    const docs = new Map<string, PolicyDocument>();
    for (const id of ids) if (inRun(id)) docs.set(id, resident.get(id) ?? store.get(id));
    const helpers = chunk.map((u) => u.helper).filter((h): h is string => !!h);
    for (const d of graph ? await graph.documents([...fromGraph, ...helpers]) : []) docs.set(d.id, d);
    const planIds = ids.filter((id) => parents.has(id));
    const need = [
      ...planIds.flatMap((id) => [parents.get(id)!.parent.id, parents.get(id)!.national]),
      ...helpers.flatMap((id) => parents.get(id)?.national ?? []),
    ];
    const up = await uppers(need);
    for (const id of need) if (!up.has(id) && docs.has(id)) up.set(id, docs.get(id)!);
    const input = (documents: PolicyDocument[], plans: PolicyDocument[]): CascadeInput => ({
      documents,
      uppers: up,
      parents,
      plansForInterpretations: plans,
      curated,
      scoring,
    });
    const plain = chunk
      .filter((u) => !u.own)
      .flatMap((u) => u.ids)
      .map((id) => docs.get(id))
      .filter((d): d is PolicyDocument => !!d && !isNational(d));
    const results = [alignCascade(input(plain, []))];
    for (const u of chunk.filter((x) => x.own)) {
      const members = u.ids.map((id) => docs.get(id)).filter((d): d is PolicyDocument => !!d);
      const plan = u.helper ? docs.get(u.helper) : members.find((d) => d.kind === 'plan');
      results.push(alignCascade(input(members, plan ? [plan] : [])));
    }
    const alignment = merge(results);
    const byDocument = alignmentByDocument(alignment);
    const placements = new Map(alignment.plans.map((p) => [p.plan, p]));
    const context = (doc: PolicyDocument) => {
      const interprets = doc.kind === 'interpretation' ? (explained.get(doc.id) ?? null) : null;
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
    const byWriteOrder = (a: PolicyDocument, b: PolicyDocument) => order(a) - order(b);
    const documents = ids
      .filter(inRun)
      .map((id) => docs.get(id)!)
      .sort(byWriteOrder);
    const relinked = ids
      .filter((id) => !inRun(id) && docs.has(id))
      .map((id) => docs.get(id)!)
      .sort(byWriteOrder);
    return {
      documents,
      rows: documents.map((doc) => toRows(doc, context(doc))),
      relinks: relinked.map((doc) => {
        const links = linkRows(doc, context(doc));
        return { ...links, linksHash: hashRows(links) };
      }),
      alignment,
    };
  }

  const total = units.reduce((n, u) => n + u.ids.length, 0);
  return {
    rejected,
    skipped,
    unchanged,
    total,
    async *chunks() {
      let chunk: Unit[] = [];
      let size = 0;
      for (const unit of units) {
        if (chunk.length && size + unit.ids.length > chunkDocuments) {
          yield await prepareChunk(chunk);
          chunk = [];
          size = 0;
        }
        chunk.push(unit);
        size += unit.ids.length;
      }
      if (chunk.length) yield await prepareChunk(chunk);
    },
    close: () => store.close(),
  };
}

/** Alignments of separate calls as one (each document's links come from one call). */
function merge(results: CascadeResult[]): CascadeResult {
  const plans: PlanPlacement[] = results.flatMap((r) => r.plans);
  return {
    nationals: [...new Set(plans.map((p) => p.national))].sort(),
    plans,
    links: results.flatMap((r) => r.links),
    sectionLinks: results.flatMap((r) => r.sectionLinks),
    planLinks: results.flatMap((r) => r.planLinks),
    unaligned: results.flatMap((r) => r.unaligned),
  };
}

/** A whole run prepared at once (align, dry runs, tests): every chunk's documents, rows and links. */
export async function prepareBatch(
  inputs: string[],
  options: PrepareOptions = {},
  graph: GraphView | null = null,
): Promise<PreparedBatch> {
  const run = await prepareRun(inputs, { chunkDocuments: Number.MAX_SAFE_INTEGER, ...options }, graph);
  try {
    const all: PreparedChunk[] = [];
    for await (const chunk of run.chunks()) all.push(chunk);
    return {
      documents: all.flatMap((c) => c.documents),
      rows: all.flatMap((c) => c.rows),
      relinks: all.flatMap((c) => c.relinks),
      alignment: merge(all.map((c) => c.alignment)),
      rejected: run.rejected,
      skipped: run.skipped,
      unchanged: run.unchanged,
    };
  } finally {
    run.close();
  }
}

export type { ParentChoice };
