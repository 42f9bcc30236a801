// One chunk of a run aligned and turned into rows (pure, no database): on the main thread or on a worker
// (src/pipeline/workers.ts), with the same answer. What the run decided for the whole of it (parents,
// which plan each interpretation explains, the content hashes of upper plans) comes with the job; the
// documents of the run are read from the run's DocumentStore; those of the graph come with the job.
import { alignCascade, type CascadeInput } from '../align/cascade.js';
import type { CuratedLink } from '../align/curated.js';
import { isNational } from '../align/index.js';
import type { AlignOptions } from '../align/aligner.js';
import { LEVEL_RANK, planRef, type ParentChoice, type PlanRef } from '../align/parents.js';
import type { CascadeResult, PlanPlacement } from '../model/alignment.js';
import { noExtractions, type PolicyDocument } from '../model/document.js';
import {
  alignmentByDocument,
  contentRows,
  hashRows,
  linkRows,
  toRows,
  type ContentRows,
  type DocumentRows,
  type LinkRows,
} from '../graph/rows.js';
import { parseBytes, type ScanItem } from './documents.js';
import { loadKey } from './keys.js';

/** Documents aligned together: a plan (or a national plan) alone, or a plan with its interpretations. */
export interface Unit {
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

export interface ChunkJob {
  units: Unit[];
  /** Documents of the graph the chunk needs: re-linked ones, helpers, upper plans not in the run. */
  graphDocs: PolicyDocument[];
  parents: [string, ParentChoice][];
  /** The plan each interpretation of the chunk explains. */
  explained: [string, string | null][];
  /** Content hashes of the plans the chunk's documents depend on (their load keys). */
  hashes: [string, string | null][];
  /**
   * The content hashes of the chunk's documents of the run, as the scan computed them from the same
   * rows (src/graph/rows.ts hashRows(contentRows(document))): not computed again.
   */
  contentHashes?: [string, string][];
  /**
   * Documents of the chunk whose content the loader wrote during the scan (PrepareOptions.prewrite):
   * their rows come back without the properties of that content (withoutWrittenProps).
   */
  contentWritten?: string[];
}

export interface PreparedChunk {
  /** The chunk's documents of the run, in write order (without their texts when prepared on a worker). */
  documents: PolicyDocument[];
  rows: DocumentRows[];
  /** Documents already in the graph whose links change with this run. */
  relinks: (LinkRows & { linksHash: string })[];
  alignment: CascadeResult;
}

export interface ChunkEnv {
  /** A document of the run (null: not in the run). */
  runDocument(id: string): PolicyDocument | null;
  /** An upper plan of the run, the same object each time while it is used (its index is built once). */
  runUpper(id: string): PolicyDocument | null;
  fallback: PolicyDocument;
  curated: CuratedLink[] | null;
  scoring: Pick<AlignOptions, 'calibration' | 'threshold'>;
  pipeline: string;
}

export const writeOrder = (d: { kind: PolicyDocument['kind']; level: PolicyDocument['level'] }) =>
  d.kind === 'interpretation' ? 9 : LEVEL_RANK[d.level];

/** Without the texts: what interpretedPlan reads of a candidate plan (id, title, number, region). */
export const lightOf = (d: PolicyDocument): PolicyDocument => ({
  ...d,
  preamble: '',
  trailer: [],
  sections: [],
  ...noExtractions(),
});

/** What the scan keeps of a document of the run. */
export interface Scanned {
  id: string;
  file: string;
  kind: PolicyDocument['kind'];
  level: PolicyDocument['level'];
  regionCode: string | null;
  ref: PlanRef;
  contentHash: string;
  /** The document without its text: enough to tell which plan an interpretation explains. */
  light: PolicyDocument;
}

export function scannedOf(d: PolicyDocument, content: ContentRows = contentRows(d)): Scanned {
  return {
    id: d.id,
    file: d.file,
    kind: d.kind,
    level: d.level,
    regionCode: d.regionCode,
    ref: planRef(d),
    contentHash: hashRows(content),
    light: lightOf(d),
  };
}

/**
 * A parsed file as the scan takes it: what it keeps, and the document as JSON for the store; with
 * `content` asked for, the document's content rows too (what the loader writes before the run's
 * alignment: src/pipeline/load.ts).
 */
export type ScanResult =
  | Exclude<ScanItem, { kind: 'document' }>
  | { kind: 'scanned'; scanned: Scanned; json: string; content?: ContentRows };

export async function scanBytes(
  bytes: Uint8Array,
  file: string,
  options: { ocr?: boolean; content?: boolean },
): Promise<ScanResult> {
  const item = await parseBytes(bytes, file, { ocr: options.ocr });
  if (item.kind !== 'document') return item;
  const content = contentRows(item.document);
  return {
    kind: 'scanned',
    scanned: scannedOf(item.document, content),
    json: JSON.stringify(item.document),
    ...(options.content ? { content } : {}),
  };
}

export function alignChunk(job: ChunkJob, env: ChunkEnv): PreparedChunk {
  const parents = new Map(job.parents);
  const explained = new Map(job.explained);
  const hashes = new Map(job.hashes);
  const known = new Map(job.contentHashes ?? []);
  const written = new Set(job.contentWritten ?? []);
  const graphDocs = new Map(job.graphDocs.map((d) => [d.id, d]));
  const ids = job.units.flatMap((u) => u.ids);
  const inRun = new Set(ids.filter((id) => env.runDocument(id) !== null || id === env.fallback.id));
  const docs = new Map<string, PolicyDocument>();
  for (const id of ids)
    if (inRun.has(id)) docs.set(id, id === env.fallback.id ? env.fallback : env.runDocument(id)!);
    else if (graphDocs.has(id)) docs.set(id, graphDocs.get(id)!);
  const helpers = job.units.map((u) => u.helper).filter((h): h is string => !!h);
  for (const h of helpers) if (graphDocs.has(h)) docs.set(h, graphDocs.get(h)!);

  // Upper plans, the fallback national plan first (an interpretation explaining no known plan is
  // aligned to the first national plan there).
  const uppers = new Map<string, PolicyDocument>([[env.fallback.id, env.fallback]]);
  const need = [
    ...ids.flatMap((id) => {
      const c = parents.get(id);
      return c ? [c.parent.id, c.national] : [];
    }),
    ...helpers.flatMap((id) => parents.get(id)?.national ?? []),
  ];
  for (const id of need) {
    if (uppers.has(id)) continue;
    const doc = env.runUpper(id) ?? graphDocs.get(id) ?? docs.get(id);
    if (doc) uppers.set(id, doc);
  }

  const input = (documents: PolicyDocument[], plans: PolicyDocument[]): CascadeInput => ({
    documents,
    uppers,
    parents,
    plansForInterpretations: plans,
    curated: env.curated,
    scoring: env.scoring,
  });
  const plain = job.units
    .filter((u) => !u.own)
    .flatMap((u) => u.ids)
    .map((id) => docs.get(id))
    .filter((d): d is PolicyDocument => !!d && !isNational(d));
  const results = [alignCascade(input(plain, []))];
  for (const u of job.units.filter((x) => x.own)) {
    const members = u.ids.map((id) => docs.get(id)).filter((d): d is PolicyDocument => !!d);
    const plan = u.helper ? docs.get(u.helper) : members.find((d) => d.kind === 'plan');
    results.push(alignCascade(input(members, plan ? [plan] : [])));
  }
  const alignment = mergeAlignments(results);
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
      loadKey: loadKey(env.pipeline, doc.sha256, upper ? [`${upper}:${hashes.get(upper) ?? ''}`] : []),
    };
  };
  const byWriteOrder = (a: PolicyDocument, b: PolicyDocument) => writeOrder(a) - writeOrder(b);
  const documents = ids
    .filter((id) => inRun.has(id))
    .map((id) => docs.get(id)!)
    .sort(byWriteOrder);
  const relinked = ids
    .filter((id) => !inRun.has(id) && docs.has(id))
    .map((id) => docs.get(id)!)
    .sort(byWriteOrder);
  return {
    documents,
    rows: documents.map((doc) => {
      const rows = toRows(doc, context(doc), undefined, known.get(doc.id));
      return written.has(doc.id) ? withoutWrittenProps(rows) : rows;
    }),
    relinks: relinked.map((doc) => {
      const links = linkRows(doc, context(doc));
      return { ...links, linksHash: hashRows(links) };
    }),
    alignment,
  };
}

/**
 * The rows of a document whose content is in the graph already (written during the scan), as its links
 * write needs them: without the properties of its plan, actions, measures, targets and obligations (its
 * texts: most of the bytes a chunk sends back from a worker), with every list, id, key and hash kept, so
 * that its regions, mentions, covers and links are written as from the whole rows, in the same groups,
 * and its row counts are the same.
 */
export function withoutWrittenProps(rows: DocumentRows): DocumentRows {
  const bare = <T extends { props: unknown }>(xs: T[]): T[] => xs.map((x) => ({ ...x, props: {} }));
  return {
    ...rows,
    plan: { ...rows.plan, props: {} },
    actions: bare(rows.actions),
    measures: bare(rows.measures),
    targets: bare(rows.targets),
    obligations: bare(rows.obligations),
  };
}

/** Alignments of separate calls as one (each document's links come from one call). */
export function mergeAlignments(results: CascadeResult[]): CascadeResult {
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

/** Documents parsed back from the store once used as upper plans: the last ones used are kept. */
const UPPER_CACHE = 32;

/**
 * The environment of alignChunk over a run's documents (`read`: from the store, or a reader of it): the
 * run's national plans kept, other upper plans kept while they are among the last used.
 */
export function chunkEnv(
  read: (id: string) => PolicyDocument | null,
  base: Omit<ChunkEnv, 'runDocument' | 'runUpper'> & { nationals: string[] },
): ChunkEnv {
  // A national plan of the run with the fallback's id is the fallback.
  const fallback = read(base.fallback.id) ?? base.fallback;
  const resident = new Map<string, PolicyDocument>([[fallback.id, fallback]]);
  for (const id of base.nationals) {
    const doc = read(id);
    if (doc) resident.set(id, doc);
  }
  const cache = new Map<string, PolicyDocument>();
  return {
    fallback,
    curated: base.curated,
    scoring: base.scoring,
    pipeline: base.pipeline,
    runDocument: (id) => resident.get(id) ?? read(id),
    runUpper: (id) => {
      const kept = resident.get(id);
      if (kept) return kept;
      let doc = cache.get(id) ?? null;
      if (doc) cache.delete(id);
      else doc = read(id);
      if (!doc) return null;
      cache.set(id, doc);
      while (cache.size > UPPER_CACHE) cache.delete(cache.keys().next().value!);
      return doc;
    },
  };
}
