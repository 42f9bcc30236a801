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
import { interpretedPlan } from '../align/aligner.js';
import { defaultCuratedFile, loadNational } from '../align/index.js';
import { readCalibration } from '../align/calibration.js';
import { readCuratedLinks } from '../align/curated.js';
import { planRef, resolveParents, type ParentChoice, type PlanRef } from '../align/parents.js';
import { noExtractions, type PolicyDocument } from '../model/document.js';
import { contentRows, hashRows, type ContentRows } from '../graph/rows.js';
import type { StoredPlan } from '../graph/stored.js';
import { fileBytesOf, type Rejected } from './documents.js';
import { expandInputs } from './inputs.js';
import { loadKey, pipelineKey } from './keys.js';
import { DocumentStore } from './store.js';
import { defaultWorkers, WorkerPool, type HeldChunk } from './workers.js';
import {
  alignChunk,
  chunkEnv,
  scanBytes,
  mergeAlignments,
  writeOrder,
  type ChunkJob,
  type PreparedChunk,
  type Scanned,
  type ScanResult,
  type Unit,
} from './chunk.js';

export type { PreparedChunk } from './chunk.js';

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
  /**
   * Called during the scan, in file order, with the content rows of each document of the run the graph
   * does not hold (ids absent from `graph.plans()`), when the run parses on workers: content (text,
   * structure, extractions) does not depend on parents or alignment, so the loader writes it while the
   * rest of the files are parsed; the scan waits for the promise (the loader's backpressure). The
   * document's links come later, with its chunk, whose rows then hold of that content only what the links
   * write needs (src/pipeline/chunk.ts withoutWrittenProps: no properties of its plan, actions,
   * measures, targets, obligations).
   */
  prewrite?: (rows: ContentRows & { contentHash: string }) => Promise<void>;
}

/** Documents aligned and written together: bounds the loader's memory (a few MB per hundred plans). */
export const CHUNK_DOCUMENTS = 250;

/** Documents of the graph (upper plans, mostly) kept between chunks. */
const GRAPH_CACHE = 64;

export interface PreparedBatch extends PreparedChunk {
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
  /** Documents the graph holds exactly as they would be loaded now: their files were not even read. */
  unchanged: string[];
}

export interface PreparedRun {
  rejected: Rejected[];
  skipped: { file: string; reason: string }[];
  unchanged: string[];
  /** Documents the chunks will hold: the run's (with the national plan), and the ones re-linked. */
  total: number;
  chunks(): AsyncGenerator<PreparedChunk>;
  /** Removes the run's temporary files and stops its workers. */
  close(): Promise<void>;
}

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
    ...noExtractions(),
  }) as unknown as PolicyDocument;

/** Read → parse → extract, on the main thread or a pool of workers (same answers, in file order). */
export type Parser = (bytes: Uint8Array, file: string, options: { ocr?: boolean }) => Promise<ScanResult>;

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
  // Documents handed to `prewrite`: their chunks' rows need not carry that content's properties again.
  const contentWritten = new Set<string>();
  const take = async (item: ScanResult) => {
    if (item.kind === 'rejected') rejected.push(item.rejected);
    else if (item.kind === 'skipped') skipped.push(item.skipped);
    else if (item.kind === 'unchanged') unchanged.push(item.unchanged.id);
    else {
      const d = item.scanned;
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
      store.put(d.id, item.json);
      scanned.push(d);
      if (item.content && prewrite && !storedById.has(d.id)) {
        await prewrite({ ...item.content, contentHash: d.contentHash });
        contentWritten.add(d.id);
      }
    }
  };
  // A run of one chunk parses on the main thread; a larger one on workers (unless told otherwise).
  const workers = options.workers ?? (files.length > chunkDocuments ? defaultWorkers() : 0);
  // Started at the first file to parse: a re-load of unchanged files starts none.
  const started: { pool: WorkerPool | null } = { pool: null };
  // Content written during the scan: only when parsing on workers (the main thread then has time to
  // write), into a graph (not a dry run).
  const prewrite = workers > 0 && graph ? options.prewrite : undefined;
  const parse: Parser =
    workers > 0
      ? (bytes, file, o) =>
          (started.pool ??= new WorkerPool(workers)).parse(bytes, file, { ...o, content: !!prewrite })
      : scanBytes;
  const ahead: Promise<ScanResult>[] = [];
  const window = Math.max(1, workers * 4);
  try {
    for await (const item of fileBytesOf(files, { unchangedId })) {
      ahead.push(
        item.kind === 'bytes' ? parse(item.bytes, item.file, { ocr: options.ocr }) : Promise.resolve(item),
      );
      while (ahead.length >= window) await take(await ahead.shift()!);
    }
    while (ahead.length) await take(await ahead.shift()!);
  } catch (err) {
    await Promise.allSettled(ahead);
    await started.pool?.close();
    store.close();
    throw err;
  }

  // Whatever fails from here on, the workers stop and the temporary file goes.
  try {
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
      [...runPlans, ...storedPlans.filter((p) => relinkIds.has(p.id))]
        .map((p) => p.regionCode)
        .filter(Boolean),
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
        order: writeOrder(first),
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
          order: writeOrder(s),
          parent: parentOf(s.id),
        });
    for (const p of storedPlans)
      if (relinkIds.has(p.id) && !grouped.has(p.id))
        units.push({
          ids: [p.id],
          own: false,
          helper: null,
          late: true,
          order: writeOrder(p),
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

    // Pass 2, chunk by chunk: the main thread gathers what a chunk needs of the graph; the chunk is
    // aligned here or on a worker (several chunks at once), and taken in order.
    const graphCache = new Map<string, PolicyDocument>();
    const fromGraph = async (ids: string[]): Promise<PolicyDocument[]> => {
      const missing = [...new Set(ids)].filter((id) => !graphCache.has(id));
      for (const d of graph && missing.length ? await graph.documents(missing) : []) graphCache.set(d.id, d);
      const out = ids.map((id) => graphCache.get(id)).filter((d): d is PolicyDocument => !!d);
      while (graphCache.size > GRAPH_CACHE) graphCache.delete(graphCache.keys().next().value!);
      return out;
    };
    const gather = async (chunk: Unit[]): Promise<ChunkJob> => {
      const ids = chunk.flatMap((u) => u.ids);
      const helpers = chunk.map((u) => u.helper).filter((h): h is string => !!h);
      const uppers = [...ids, ...helpers].flatMap((id) => {
        const c = parents.get(id);
        return c ? [c.parent.id, c.national] : [];
      });
      const graphIds = [...new Set([...ids, ...helpers, ...uppers])].filter((id) => !inRun(id));
      const upperOf = (id: string) =>
        explained.has(id) ? (explained.get(id) ?? null) : (parents.get(id)?.parent.id ?? null);
      return {
        units: chunk,
        graphDocs: await fromGraph(graphIds),
        parents: [...ids, ...helpers].flatMap((id) => {
          const c = parents.get(id);
          return c ? [[id, c] as [string, ParentChoice]] : [];
        }),
        explained: ids.filter((id) => explained.has(id)).map((id) => [id, explained.get(id) ?? null]),
        hashes: ids.flatMap((id) => {
          const upper = upperOf(id);
          return upper ? [[upper, contentHashOf(upper) ?? null] as [string, string | null]] : [];
        }),
        contentHashes: ids.flatMap((id) => {
          const h = contentHash.get(id);
          return h ? [[id, h] as [string, string]] : [];
        }),
        contentWritten: ids.filter((id) => contentWritten.has(id)),
      };
    };
    const env = chunkEnv((id) => (store.has(id) ? store.get(id) : null), {
      fallback,
      nationals: nationals.map((n) => n.id),
      curated,
      scoring,
      pipeline,
    });
    const onWorkers = started.pool && store.onDisk ? started.pool : null;
    if (onWorkers)
      await onWorkers.init({
        index: store.index(),
        national: options.national,
        nationals: nationals.map((n) => n.id),
        curated,
        scoring,
        pipeline,
      });
    else await started.pool?.close();

    const groups: Unit[][] = [];
    let current: Unit[] = [];
    let size = 0;
    for (const unit of units) {
      if (current.length && size + unit.ids.length > chunkDocuments) {
        groups.push(current);
        current = [];
        size = 0;
      }
      current.push(unit);
      size += unit.ids.length;
    }
    if (current.length) groups.push(current);

    const total = units.reduce((n, u) => n + u.ids.length, 0);
    return {
      rejected,
      skipped,
      unchanged,
      total,
      async *chunks() {
        if (!onWorkers) {
          for (const group of groups) yield alignChunk(await gather(group), env);
          return;
        }
        // Up to one chunk per worker aligning ahead of the one taken. A chunk aligned ahead stays
        // serialized until it is the next one wanted, so the main thread's heap holds only the chunk
        // being written and the next one, however far preparation runs ahead of the writer.
        const ahead: Promise<HeldChunk>[] = [];
        let next = 0;
        const refill = () => {
          while (next < groups.length && ahead.length < onWorkers.size) {
            const job = gather(groups[next++]!).then((j) => onWorkers.align(j));
            job.catch(() => undefined); // awaited in turn; not an unhandled rejection meanwhile
            ahead.push(job);
          }
        };
        refill();
        while (ahead.length) {
          const held = await ahead.shift()!;
          refill();
          yield onWorkers.take(held);
        }
      },
      close: async () => {
        store.close();
        await started.pool?.close();
      },
    };
  } catch (err) {
    store.close();
    await started.pool?.close();
    throw err;
  }
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
      alignment: mergeAlignments(all.map((c) => c.alignment)),
      rejected: run.rejected,
      skipped: run.skipped,
      unchanged: run.unchanged,
    };
  } finally {
    await run.close();
  }
}
