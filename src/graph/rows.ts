// Document model + alignment → the rows one document writes into the graph (pure; no database).
// The row shapes are the graph model of cypher/schema.cypher, in TypeScript; write-content.cypher and
// write-links.cypher write them with UNWIND … MERGE.
import { createHash } from 'node:crypto';
import type { AlignmentLink, PlanPlacement, Unaligned } from '../model/alignment.js';
import type {
  AgencyRef,
  Obligation,
  PolicyDocument,
  RegionRef,
  SourceLocation,
  Target,
} from '../model/document.js';
import { citationsOf } from '../align/parents.js';
import { gazetteer } from '../reference/gazetteer.js';

type Props = Record<string, string | number | boolean | string[] | number[] | null>;

/** The label of a link's end, so the write finds it by one index seek ('Any': try each). */
export type NodeLabel = 'Plan' | 'Action' | 'Measure' | 'Any';

/**
 * A document's rows come in two parts. Content is the document itself (its text, structure and
 * extractions); links are what alignment made of it (IMPLEMENTS, candidates, its place in the cascade).
 * A document re-linked because a plan above it arrived rewrites only its links.
 */
export interface DocumentRows extends ContentRows, LinkRows {
  /** Hashes of the two parts: a part whose hash the graph already holds is not written again. */
  contentHash: string;
  linksHash: string;
}

export interface LinkRows {
  docId: string;
  /** Plan-level facts that come from alignment: parent, national plan, how the parent was found. */
  placement: Props;
  implements: { from: string; to: string; fromLabel: NodeLabel; toLabel: NodeLabel; props: Props }[];
  /** Best rejected candidates of measures with no counterpart one level up (JSON per measure). */
  candidates: { id: string; candidates: string | null }[];
  interprets: string | null;
  linkKeys: { implements: string[] };
}

export interface ContentRows {
  docId: string;
  plan: { id: string; national: boolean; interpretation: boolean; props: Props };
  actions: { id: string; props: Props }[];
  measures: { id: string; actionId: string; props: Props }[];
  indicators: { id: string; name: string }[];
  targets: { key: string; owner: string; indicatorId: string; props: Props }[];
  regions: { id: string; name: string; kind: string }[];
  partOf: { child: string; parent: string }[];
  mentions: { from: string; regionId: string; mention: string }[];
  covers: string[];
  agencies: { id: string; name: string }[];
  involves: { from: string; agencyId: string; role: string }[];
  obligations: { key: string; owner: string; props: Props }[];
  /** Keys of what this document owns, for removing what an edited document no longer has. */
  keys: {
    actions: string[];
    measures: string[];
    targets: string[];
    mentions: string[];
    involves: string[];
    obligations: string[];
  };
}

export interface RowContext {
  /** This document's links (plan, section and measure level), from the alignment of its batch. */
  links: AlignmentLink[];
  /** This document's measures with no national counterpart. */
  unaligned: Unaligned[];
  /** The plan an interpretation explains, when known. */
  interprets: string | null;
  /** A plan's place in the cascade (null for national plans and interpretations). */
  placement: PlanPlacement | null;
  /** The key that tells a later load the document is unchanged (src/pipeline/keys.ts). */
  loadKey: string;
}

type Alignment = Pick<CascadeResultLike, 'links' | 'sectionLinks' | 'planLinks' | 'unaligned'>;
interface CascadeResultLike {
  links: AlignmentLink[];
  sectionLinks: AlignmentLink[];
  planLinks: AlignmentLink[];
  unaligned: Unaligned[];
}

/** Splits an alignment by the document each link starts from, for toRows (one pass, not one per document). */
export function alignmentByDocument(
  alignment: Alignment,
): Map<string, Pick<RowContext, 'links' | 'unaligned'>> {
  const out = new Map<string, Pick<RowContext, 'links' | 'unaligned'>>();
  const slot = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { links: [], unaligned: [] }));
    return s;
  };
  for (const l of [...alignment.planLinks, ...alignment.sectionLinks, ...alignment.links])
    slot(l.fromPlan).links.push(l);
  for (const u of alignment.unaligned) slot(u.plan).unaligned.push(u);
  return out;
}

const provenance = (doc: PolicyDocument) => ({ file: doc.file, sha256: doc.sha256 });

/** The hash a part of a document's rows is stored with. */
export const hashRows = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** `contentHash`: the hash of `content` when it is known already (the scan hashed the same rows). */
export function toRows(
  doc: PolicyDocument,
  ctx: RowContext,
  content = contentRows(doc),
  contentHash = hashRows(content),
): DocumentRows {
  const links = linkRows(doc, ctx);
  return { ...content, ...links, contentHash, linksHash: hashRows(links) };
}

/** Where in the published file: page/line, paragraph or element (null fields for plain text). */
const locationProps = (at: SourceLocation | null, format: string) => ({
  format,
  page: at?.page ?? null,
  pageLine: at?.pageLine ?? null,
  paragraph: at?.paragraph ?? null,
  element: at?.element ?? null,
  ocr: at?.ocr ?? false,
});

export function contentRows(doc: PolicyDocument): ContentRows {
  const prov = provenance(doc);
  const actions = doc.sections.map((s) => {
    return {
      id: s.id,
      props: {
        title: s.title,
        titleSimplified: s.titleSimplified,
        label: s.label,
        ordinal: s.ordinal,
        kind: s.kind,
        text: s.text,
        textSimplified: s.textSimplified,
        plan: doc.id,
        confidence: s.confidence,
        keywords: s.keywords,
        searchText: `${s.titleSimplified}\n${s.textSimplified}`,
        ...prov,
        line: s.line,
        endLine: s.endLine,
        paragraphLines: s.paragraphLines,
        start: s.start,
        end: s.end,
        ...locationProps(s.location, doc.format),
      },
    };
  });

  const measures = doc.sections.flatMap((s) =>
    s.measures.map((m) => {
      return {
        id: m.id,
        actionId: s.id,
        props: {
          title: m.title,
          titleSimplified: m.titleSimplified,
          label: m.label,
          ordinal: m.ordinal,
          text: m.text,
          textSimplified: m.textSimplified,
          plan: doc.id,
          national: doc.level === 'national',
          confidence: m.confidence,
          keywords: m.keywords,
          items: m.items.map((i) => `${i.label} ${i.text}`),
          searchText: `${m.titleSimplified}\n${m.textSimplified}`,
          ...prov,
          line: m.line,
          endLine: m.endLine,
          paragraphLines: m.paragraphLines,
          start: m.start,
          end: m.end,
          ...locationProps(m.location, doc.format),
        },
      };
    }),
  );

  const indicators = new Map<string, string>();
  const targets: DocumentRows['targets'] = [];
  const addTargets = (owner: string, list: Target[], line: number) =>
    list.forEach((t, i) => {
      indicators.set(t.indicatorId, t.indicator);
      targets.push({
        key: `${owner}#${i + 1}`,
        owner,
        indicatorId: t.indicatorId,
        props: {
          value: t.value,
          unit: t.unit,
          comparator: t.comparator,
          year: t.year,
          per: t.per,
          cumulative: t.cumulative,
          kind: t.kind,
          text: t.text,
          ...prov,
          line,
          offset: t.offset,
        },
      });
    });
  addTargets(doc.id, doc.targets, 1);
  for (const s of doc.sections) {
    addTargets(s.id, s.targets, s.line);
    for (const m of s.measures) addTargets(m.id, m.targets, m.line);
  }

  const regionIds = new Set<string>();
  const mentions: DocumentRows['mentions'] = [];
  const covers = new Set<string>();
  const addRegions = (from: string, list: RegionRef[]) => {
    for (const r of list) {
      regionIds.add(r.id);
      if (r.relation === 'covers' && from === doc.id) covers.add(r.id);
      else if (r.relation === 'names' && !mentions.some((x) => x.from === from && x.regionId === r.id))
        mentions.push({ from, regionId: r.id, mention: r.mention });
    }
  };
  addRegions(doc.id, doc.regions);
  for (const s of doc.sections) for (const m of s.measures) addRegions(m.id, m.regions);
  if (doc.regionCode) {
    covers.add(doc.regionCode);
    regionIds.add(doc.regionCode);
  }
  const { regions, partOf } = withAncestors(regionIds);

  const agencies = new Map<string, string>();
  const involves: DocumentRows['involves'] = [];
  const addAgencies = (from: string, list: AgencyRef[], only?: (a: AgencyRef) => boolean) => {
    for (const a of list) {
      if (only && !only(a)) continue;
      agencies.set(a.id, a.name);
      if (!involves.some((x) => x.from === from && x.agencyId === a.id && x.role === a.role))
        involves.push({ from, agencyId: a.id, role: a.role });
    }
  };
  addAgencies(doc.id, doc.agencies);
  for (const s of doc.sections)
    for (const m of s.measures) addAgencies(m.id, m.agencies, (a) => a.role === 'responsible');

  const plan = {
    id: doc.id,
    national: doc.level === 'national',
    interpretation: doc.kind === 'interpretation',
    props: {
      title: doc.title,
      titleSimplified: doc.titleSimplified,
      kind: doc.kind,
      level: doc.level,
      region: doc.region,
      regionCode: doc.regionCode,
      issuer: doc.issuer,
      docNumber: doc.docNumber,
      issuedOn: doc.issuedOn,
      periodStart: doc.period?.start ?? null,
      periodEnd: doc.period?.end ?? null,
      periodText: doc.period?.text ?? null,
      preamble: doc.preamble,
      preambleLines: doc.preambleLines,
      searchText: `${doc.titleSimplified}\n${doc.preamble}`,
      encoding: doc.encoding,
      script: doc.script,
      format: doc.format,
      publishedOn: doc.publishedOn,
      /** For interpretations: the plan name they quote (the parser's), to pair them with their plan. */
      interpretsTitle: doc.interprets,
      /** What the plan cites (JSON), so a parent loaded later finds the children that cite it. */
      cites: JSON.stringify(citationsOf(doc)),
      ...prov,
    },
  };

  const obligations: ContentRows['obligations'] = [];
  const addObligations = (owner: string, list: Obligation[], line: number) =>
    list.forEach((o, i) =>
      obligations.push({
        key: `${owner}#o${i + 1}`,
        owner,
        props: {
          plan: doc.id,
          text: o.text,
          offset: o.offset,
          due: o.due,
          dueText: o.dueText,
          subject: o.subject,
          what: o.what,
          planDue: o.planDue,
          obligedLevel: o.obligedLevel,
          obligedRegions: o.obligedRegions,
          ...prov,
          line,
        },
      }),
    );
  addObligations(doc.id, doc.obligations, 1);
  for (const s of doc.sections) {
    addObligations(s.id, s.obligations, s.line);
    for (const m of s.measures) addObligations(m.id, m.obligations, m.line);
  }

  const rows = {
    docId: doc.id,
    plan,
    actions,
    measures,
    indicators: [...indicators].map(([id, name]) => ({ id, name })),
    targets,
    regions,
    partOf,
    mentions,
    covers: [...covers],
    agencies: [...agencies].map(([id, name]) => ({ id, name })),
    involves,
    obligations,
    keys: {
      actions: actions.map((a) => a.id),
      measures: measures.map((m) => m.id),
      targets: targets.map((t) => t.key),
      mentions: mentions.map((m) => `${m.from}|${m.regionId}`),
      involves: involves.map((i) => `${i.from}|${i.agencyId}|${i.role}`),
      obligations: obligations.map((o) => o.key),
    },
  };
  return rows;
}

/** What alignment made of a document; needs of the document only its spans and provenance. */
export function linkRows(doc: PolicyDocument, ctx: RowContext): LinkRows {
  const prov = provenance(doc);
  const spans = new Map<string, { line: number; start: number; end: number }>();
  const labels = new Map<string, NodeLabel>([[doc.id, 'Plan']]);
  spans.set(doc.id, { line: 1, start: 0, end: 0 });
  for (const s of doc.sections) {
    spans.set(s.id, s);
    labels.set(s.id, 'Action');
    for (const m of s.measures) {
      spans.set(m.id, m);
      labels.set(m.id, 'Measure');
    }
  }
  const implementsRows = ctx.links.map((l) => {
    const span = spans.get(l.from) ?? { line: 1, start: 0, end: 0 };
    return {
      from: l.from,
      to: l.to,
      fromLabel: labels.get(l.from) ?? 'Any',
      toLabel: upperLabel(l.to, l.toPlan),
      props: {
        score: l.score,
        method: l.method,
        rank: l.rank,
        evidence: JSON.stringify(l.evidence),
        source: doc.id,
        ...prov,
        line: span.line,
        start: span.start,
        end: span.end,
      },
    };
  });

  const unaligned = new Map<string, Unaligned>(ctx.unaligned.map((u) => [u.id, u]));
  const candidates = doc.sections.flatMap((s) =>
    s.measures.map((m) => {
      const u = unaligned.get(m.id);
      return { id: m.id, candidates: u ? JSON.stringify(u.candidates) : null };
    }),
  );
  const p = ctx.placement;
  return {
    docId: doc.id,
    placement: {
      parent: p?.parent ?? null,
      parentLevel: p?.parentLevel ?? null,
      parentMethod: p?.method ?? null,
      nationalPlan: p?.national ?? (doc.level === 'national' ? doc.id : null),
      missingParent: p?.missing ?? null,
      interprets: ctx.interprets,
      loadKey: ctx.loadKey,
    },
    implements: implementsRows,
    candidates,
    interprets: ctx.interprets,
    linkKeys: { implements: implementsRows.map((i) => `${i.from}|${i.to}`) },
  };
}

/** Ids below a plan are `plan/section` and `plan/section/measure` (src/parse): the label from the shape. */
function upperLabel(id: string, plan: string): NodeLabel {
  if (id === plan) return 'Plan';
  if (!id.startsWith(`${plan}/`)) return 'Any';
  const depth = id.slice(plan.length + 1).split('/').length;
  return depth === 1 ? 'Action' : depth === 2 ? 'Measure' : 'Any';
}

/** The regions named, with every administrative or functional parent, and the PART_OF edges. */
function withAncestors(ids: Set<string>): Pick<DocumentRows, 'regions' | 'partOf'> {
  const g = gazetteer();
  const regions = new Map<string, DocumentRows['regions'][number]>();
  const partOf: DocumentRows['partOf'] = [];
  const visit = (id: string) => {
    if (regions.has(id)) return;
    const r = g.get(id);
    if (!r) return;
    regions.set(id, { id, name: r.name, kind: r.kind });
    for (const parent of r.parents) {
      if (!g.get(parent)) continue;
      partOf.push({ child: id, parent });
      visit(parent);
    }
  };
  for (const id of ids) visit(id);
  return { regions: [...regions.values()], partOf };
}
