// Field resolvers of the object types: each reads a property of its parent record or asks a batch
// loader for a neighbour. No Cypher here.
import type {
  AlignmentMethod,
  PlanKind,
  PlanLevel,
  RegionKind,
  Resolvers,
  SearchKind,
  SectionKind,
} from '../__generated__/resolvers-types.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from '../context.js';
import { statusLoader } from '../loaders.js';
import {
  textOf,
  type CandidateRecord,
  type ChainStepRecord,
  type CoverageRecord,
  type EvidenceRecord,
  type LinkRecord,
  type NodeRecord,
  type TraceRecord,
  type TraceStepRecord,
} from '../records.js';
import { needsEvidence, needsText, selectionOf } from './projection.js';

/** Graph values are lower case (plan, provincial); GraphQL enum values upper case. */
const upper = <T extends string>(s: unknown): T => String(s).toUpperCase() as T;
const num = (x: unknown, fallback = 0) => (typeof x === 'number' ? x : fallback);
const str = (x: unknown) => (typeof x === 'string' ? x : null);

/** The node loader the field's selection needs: with long texts only when it shows them. */
const nodeLoader = (ctx: ApiContext, info?: GraphQLResolveInfo) =>
  info && needsText(selectionOf(info)) ? ctx.loaders.nodeWithText : ctx.loaders.node;

/** Links with their evidence only when the field's selection shows it. */
const withEvidence = (info: GraphQLResolveInfo) => needsEvidence(selectionOf(info));

async function nodeOf(
  ctx: ApiContext,
  id: string | null | undefined,
  info?: GraphQLResolveInfo,
): Promise<NodeRecord | null> {
  return id ? nodeLoader(ctx, info).load(id) : null;
}

async function required(ctx: ApiContext, id: string, info?: GraphQLResolveInfo): Promise<NodeRecord> {
  const n = await nodeLoader(ctx, info).load(id);
  if (!n) throw new Error(`dangling reference to ${id}`);
  return n;
}

/** Provenance of a plan, action or measure, with its exact original text. */
export function sourceOf(n: NodeRecord) {
  const isPlan = n.__typename === 'Plan';
  const text = textOf(isPlan ? n.preamble : n.text);
  return {
    file: textOf(n.file),
    sha256: textOf(n.sha256),
    line: num(n.line, 1),
    endLine: typeof n.endLine === 'number' ? n.endLine : null,
    start: num(n.start),
    end: isPlan ? text.length : num(n.end),
    text,
    format: str(n.format),
    page: typeof n.page === 'number' ? n.page : null,
    pageLine: typeof n.pageLine === 'number' ? n.pageLine : null,
    paragraph: typeof n.paragraph === 'number' ? n.paragraph : null,
    element: str(n.element),
    ocr: n.ocr === true,
  };
}

const LEVELS = ['national', 'provincial', 'municipal', 'county'];

/** Levels strictly between two plan levels (county → national bypasses municipal and provincial). */
export function levelsBetween(lower: string, upperLevel: string): PlanLevel[] {
  const a = LEVELS.indexOf(lower);
  const b = LEVELS.indexOf(upperLevel);
  if (a < 0 || b < 0 || a - b <= 1) return [];
  return LEVELS.slice(b + 1, a).map((l) => upper<PlanLevel>(l));
}

/** Trace steps from a chain: each step knows which levels its link skips. */
function chainSteps(
  start: string,
  chain: ChainStepRecord[],
  kindOf: (s: ChainStepRecord) => TraceStepRecord['kind'],
): TraceStepRecord[] {
  let previous = start;
  return chain.map((s) => {
    const step = {
      kind: kindOf(s),
      node: s.node,
      link: s.link,
      level: s.level,
      bypassed: levelsBetween(previous, s.level),
    };
    previous = s.level;
    return step;
  });
}

function tracePath(t: TraceRecord): TraceStepRecord[] {
  const start = t.level ?? 'county';
  const chain = t.steps.length ? t.steps : t.links.slice(0, 1);
  const steps = chainSteps(start, chain, (s) => (s.node.national ? 'TASK' : 'MEASURE'));
  if (t.steps.length && t.action && t.plan)
    steps.push(
      { kind: 'ACTION', node: t.action, link: t.actionLink, level: 'national', bypassed: [] },
      // The link into the national plan at the top of the plan chain (the plan's own, for a province).
      { kind: 'PLAN', node: t.plan, link: t.planChain.at(-1)?.link ?? null, level: 'national', bypassed: [] },
    );
  return steps;
}

const implementsOf = async (
  n: NodeRecord,
  includeRejected: boolean | null | undefined,
  ctx: ApiContext,
  info: GraphQLResolveInfo,
) =>
  (await (withEvidence(info) ? ctx.loaders.linksFromWithEvidence : ctx.loaders.linksFrom).load(n.id)).filter(
    (l) => includeRejected || l.review !== 'REJECT',
  );

const linksTo = (ctx: ApiContext, id: string, info: GraphQLResolveInfo) =>
  (withEvidence(info) ? ctx.loaders.linksToWithEvidence : ctx.loaders.linksTo).load(id);

/** National tasks the plan has at least one (non-rejected) link to. */
const coveredTasks = (c: CoverageRecord) => c.tasks.filter((t) => t.links.length > 0).length;

const provisionFields = {
  source: (n: NodeRecord) => sourceOf(n),
  implements: (
    n: NodeRecord,
    args: { includeRejected?: boolean | null },
    ctx: ApiContext,
    info: GraphQLResolveInfo,
  ) => implementsOf(n, args.includeRejected, ctx, info),
};

export const typeResolvers: Resolvers = {
  Provision: { __resolveType: (n) => n.__typename as 'Plan' | 'Action' | 'Measure' },
  SearchResult: { __resolveType: (n) => n.__typename as 'Plan' | 'Action' | 'Measure' | 'Indicator' },

  Plan: {
    ...provisionFields,
    title: (p) => String(p.title),
    titleSimplified: (p) => String(p.titleSimplified),
    kind: (p) => upper<PlanKind>(p.kind),
    level: (p) => upper<PlanLevel>(p.level),
    national: (p) => p.national === true,
    region: (p, _a, ctx) => nodeOf(ctx, str(p.regionCode)),
    actions: async (p, { kind }, ctx, info) =>
      (
        await (needsText(selectionOf(info)) ? ctx.loaders.actionsWithText : ctx.loaders.actions).load(p.id)
      ).filter((a) => !kind || upper<SectionKind>(a.kind) === kind),
    targets: (p, _a, ctx) => ctx.loaders.targets.load(p.id),
    agencies: (p, _a, ctx) => ctx.loaders.agencies.load(p.id),
    regions: (p, _a, ctx) => ctx.loaders.regions.load(p.id),
    interprets: async (p, _a, ctx, info) =>
      nodeOf(ctx, (await ctx.loaders.interpretations.load(p.id))?.interprets, info),
    interpretedBy: async (p, _a, ctx, info) =>
      Promise.all(
        ((await ctx.loaders.interpretations.load(p.id))?.interpretedBy ?? []).map((id) =>
          required(ctx, id, info),
        ),
      ),
    parent: async (p, _a, ctx, info) => nodeOf(ctx, (await ctx.loaders.cascade.load(p.id))?.parentId, info),
    parentLink: async (p, _a, ctx) => (await ctx.loaders.cascade.load(p.id))?.parentLink ?? null,
    children: async (p, _a, ctx, info) =>
      Promise.all(
        ((await ctx.loaders.cascade.load(p.id))?.childIds ?? []).map((id) => required(ctx, id, info)),
      ),
    nationalPlan: async (p, _a, ctx, info) =>
      p.national === true && (p.preamble != null || !needsText(selectionOf(info)))
        ? p
        : nodeOf(
            ctx,
            p.national === true ? p.id : (await ctx.loaders.cascade.load(p.id))?.nationalPlanId,
            info,
          ),
    missingParent: async (p, _a, ctx) => (await ctx.loaders.cascade.load(p.id))?.missingParent ?? null,
    obligations: (p, _a, ctx) => ctx.loaders.obligations.load(p.id),
    format: (p) => str(p.format),
  },

  Action: {
    ...provisionFields,
    plan: (a, _x, ctx, info) => required(ctx, String(a.plan), info),
    kind: (a) => upper<SectionKind>(a.kind),
    confidence: (a) => (a.confidence as 'H' | 'M' | 'L' | null) ?? null,
    keywords: (a) => (a.keywords as string[] | undefined) ?? [],
    measures: (a, _x, ctx, info) =>
      (needsText(selectionOf(info)) ? ctx.loaders.measuresWithText : ctx.loaders.measures).load(a.id),
    targets: (a, _x, ctx) => ctx.loaders.targets.load(a.id),
    implementedBy: (a, _x, ctx, info) => linksTo(ctx, a.id, info),
  },

  Measure: {
    ...provisionFields,
    plan: (m, _x, ctx, info) => required(ctx, String(m.plan), info),
    action: async (m, _x, ctx, info) =>
      required(ctx, (await ctx.loaders.parents.load(m.id))?.actionId ?? '', info),
    confidence: (m) => (m.confidence as 'H' | 'M' | 'L' | null) ?? null,
    keywords: (m) => (m.keywords as string[] | undefined) ?? [],
    items: (m) => (m.items as string[] | undefined) ?? [],
    targets: (m, _x, ctx) => ctx.loaders.targets.load(m.id),
    regions: (m, _x, ctx) => ctx.loaders.regions.load(m.id),
    agencies: (m, _x, ctx) => ctx.loaders.agencies.load(m.id),
    implementedBy: (m, _x, ctx, info) => linksTo(ctx, m.id, info),
  },

  Indicator: {
    name: (i) => String(i.name),
    targets: async (i, { planIds }, ctx) =>
      (await ctx.loaders.indicatorTargets.load(i.id)).filter((t) => !planIds || planIds.includes(t.planId)),
  },

  Region: {
    name: (r) => String(r.name),
    kind: (r) => upper<RegionKind>(r.kind),
    parent: async (r, _x, ctx) => nodeOf(ctx, (await ctx.loaders.regionNeighbours.load(r.id))?.parentId),
    plans: async (r, _x, ctx, info) =>
      Promise.all(
        ((await ctx.loaders.regionNeighbours.load(r.id))?.planIds ?? []).map((id) => required(ctx, id, info)),
      ),
  },

  Agency: {
    name: (a) => String(a.name),
    plans: (a, _x, ctx) => ctx.loaders.agencyPlans.load(a.id),
  },

  RegionMention: { region: (m, _x, ctx) => required(ctx, m.regionId) },

  AgencyRole: {
    agency: (r, _x, ctx) => required(ctx, r.agencyId),
    plan: async (r, _x, ctx, info) => {
      const owner = await nodeOf(ctx, r.ownerId, info);
      return owner?.__typename === 'Plan' ? owner : nodeOf(ctx, str(owner?.plan), info);
    },
  },

  Alignment: {
    from: (l, _x, ctx, info) => required(ctx, l.fromId, info),
    to: (l, _x, ctx, info) => required(ctx, l.toId, info),
    toLevel: async (l, _x, ctx) => {
      const to = await nodeOf(ctx, l.toId);
      const plan = to?.__typename === 'Plan' ? to : await nodeOf(ctx, str(to?.plan));
      return plan?.level ? upper<PlanLevel>(plan.level) : null;
    },
    via: (l, _x, ctx, info) => Promise.all((l.via ?? []).map((id) => required(ctx, id, info))),
    method: (l) => upper<AlignmentMethod>(l.method),
    evidence: (l) => JSON.parse(l.evidence) as EvidenceRecord[],
    review: (l) =>
      l.review
        ? { decision: l.review as 'CONFIRM' | 'REJECT', note: l.reviewNote ?? null, at: l.reviewedAt ?? '' }
        : null,
    source: async (l, _x, ctx, info) => {
      // The source's own selection: its text (and a plan's `end`, the preamble's length) needs the texts.
      const sel = selectionOf(info);
      const from = await (
        sel.has('text') || sel.has('end') ? ctx.loaders.nodeWithText : ctx.loaders.node
      ).load(l.fromId);
      return from ? sourceOf(from) : null;
    },
  },

  Evidence: { quotedFrom: (e) => e.source },

  Candidate: {
    task: (c, _x, ctx, info) => required(ctx, c.to, info),
    evidence: (c) => c.evidence as EvidenceRecord[],
  },

  Target: {
    indicator: (t, _x, ctx) => required(ctx, t.indicatorId),
    owner: (t, _x, ctx, info) => required(ctx, t.ownerId, info),
    plan: (t, _x, ctx, info) => required(ctx, t.planId, info),
    cumulative: (t) => t.cumulative === true,
  },

  Trace: {
    measure: (t) => t.measure,
    level: (t) => upper<PlanLevel>(t.level ?? 'county'),
    aligned: (t) => t.links.length > 0,
    path: (t) => tracePath(t),
    planChain: (t) => chainSteps(t.level ?? 'county', t.planChain, () => 'PLAN'),
    otherLinks: (t) => t.links.slice(1).map((l) => l.link),
    candidates: (t) =>
      t.links.length > 0 ? [] : (JSON.parse(textOf(t.measure.candidates, '[]')) as CandidateRecord[]),
  },

  TraceStep: {
    level: (s) => upper<PlanLevel>(s.level),
    bypassed: (s) => s.bypassed.map((l) => upper<PlanLevel>(l)),
  },

  AlignmentConnection: { levels: (c) => c.levels ?? [] },

  Obligation: {
    obligedLevel: (o) => (o.obligedLevel ? upper<PlanLevel>(o.obligedLevel) : null),
    owner: (o, _x, ctx, info) => required(ctx, o.ownerId, info),
    source: (o) => ({
      file: o.file,
      sha256: o.sha256,
      line: o.line,
      endLine: null,
      start: o.offset,
      end: o.offset + o.text.length,
      text: o.text,
      format: null,
      page: null,
      pageLine: null,
      paragraph: null,
      element: null,
      ocr: false,
    }),
    statuses: (o, _x, ctx) =>
      statusLoader(ctx, o.asOf ?? ctx.today ?? new Date().toISOString().slice(0, 10)).load(o.key),
  },

  ObligationStatus: {
    region: (s, _x, ctx) => nodeOf(ctx, s.regionId),
    plan: (s, _x, ctx, info) => nodeOf(ctx, s.planId, info),
    status: (s) => upper<'ON_TIME'>(s.status),
    obligation: (s) => {
      if (!s.obligation) throw new Error('status without its obligation');
      return s.obligation;
    },
  },

  Coverage: {
    covered: (c) => coveredTasks(c),
    total: (c) => c.tasks.length,
    ratio: (c) => (c.tasks.length ? coveredTasks(c) / c.tasks.length : 0),
  },

  TaskCoverage: {
    covered: (t) => t.links.length > 0,
    linkCount: (t) => t.links.length,
    best: (t): LinkRecord[] => t.links.slice(0, 3),
  },

  SearchHit: { kind: (h) => upper<SearchKind>(h.node.__typename) },
};
