// Root query fields: one Cypher file each (cypher/api/), arguments checked, results passed through.
import { canonicalIndicator, indicatorId } from '../../extract/targets.js';
import { toSimplified } from '../../parse/script.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import type { ApiContext } from '../context.js';
import { badInput, notFound, pageArgs, pageInfo } from '../errors.js';
import {
  textOf,
  type AlignmentMatrixRecord,
  type NodeRecord,
  type ObligationStatusRecord,
} from '../records.js';
import { queries } from '../queries.js';
import { luceneQuery, snippet } from '../search.js';
import { health } from './health.js';
import { primePlanTrees } from '../loaders.js';
import { at, needsAllFields, needsText, planTree, projection, selectionOf } from './projection.js';

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : null);

async function nodeOfType(
  ctx: ApiContext,
  type: NodeRecord['__typename'],
  id: string,
  info?: GraphQLResolveInfo,
): Promise<NodeRecord> {
  const n = await (info && needsText(selectionOf(info)) ? ctx.loaders.nodeWithText : ctx.loaders.node).load(
    id,
  );
  if (!n || n.__typename !== type) throw notFound(type.toLowerCase(), id);
  return n;
}

export async function readMatrix(
  ctx: Pick<ApiContext, 'store'>,
  planIds: string[] | null | undefined,
  of: string | null = null,
): Promise<AlignmentMatrixRecord> {
  const [matrix] = await ctx.store.read(queries.matrix, {
    planIds: planIds ?? null,
    of,
  });
  return matrix ?? { plans: [], rows: [] };
}

function isoDate(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s)))
    throw badInput('asOf must be a date like 2025-07-01');
  return s;
}

/** The date obligations are judged against: PLANTRACE_TODAY, else the current date (UTC). */
export const todayOf = (ctx: Pick<ApiContext, 'today'>) => ctx.today ?? new Date().toISOString().slice(0, 10);

/** A plan's status board: every government its plan obligations oblige, with the status of its plan. */
export async function readStatus(
  ctx: Pick<ApiContext, 'store' | 'today'>,
  planId: string,
): Promise<ObligationStatusRecord[]> {
  const rows = await ctx.store.read(queries.status, { planId, today: todayOf(ctx) });
  return rows.map((r) => ({ ...r.status, obligation: r.obligation }));
}

/**
 * The text a hit was found in, original and Simplified (the index holds title + text). The Simplified
 * copies stored on the node are used; only a plan's preamble has none and is converted here.
 */
function searchedText(node: NodeRecord): [string, string] {
  if (node.__typename === 'Indicator') return [textOf(node.name), textOf(node.name)];
  const title = textOf(node.title);
  const titleSimplified = textOf(node.titleSimplified, toSimplified(title));
  const body = textOf(node.__typename === 'Plan' ? node.preamble : node.text);
  const bodySimplified = typeof node.textSimplified === 'string' ? node.textSimplified : toSimplified(body);
  return body.startsWith(title)
    ? [body, bodySimplified]
    : [`${title}：${body}`, `${titleSimplified}：${bodySimplified}`];
}

export const query: QueryResolvers = {
  health,

  plans: async (_p, { level, region, kind, first, after }, ctx, info) => {
    const { offset, limit } = pageArgs(first, after);
    const nodes = at(selectionOf(info), 'nodes');
    const [row] = await ctx.store.read(queries.plans, {
      withText: needsText(nodes),
      level: lower(level),
      kind: lower(kind),
      region: region ?? null,
      offset,
      limit,
    });
    // The levels below the page, when selected, in one more query (not one per level).
    const tree = planTree(nodes);
    if (tree)
      await primePlanTrees(
        ctx,
        row!.nodes.map((n) => n.id),
        { ...tree, withPlan: false, planText: false },
      );
    return {
      nodes: row!.nodes,
      totalCount: row!.totalCount,
      pageInfo: pageInfo(offset, row!.nodes.length, row!.totalCount),
    };
  },

  plan: async (_p, { id }, ctx, info) => {
    const sel = selectionOf(info);
    const tree = planTree(sel);
    if (!tree) return nodeOfType(ctx, 'Plan', id, info);
    // The plan and the levels below it that the selection asks for, in one query.
    const [plan] = await primePlanTrees(ctx, [id], { ...tree, withPlan: true, planText: needsText(sel) });
    if (!plan) throw notFound('plan', id);
    return plan;
  },
  action: (_p, { id }, ctx, info) => nodeOfType(ctx, 'Action', id, info),
  measure: (_p, { id }, ctx, info) => nodeOfType(ctx, 'Measure', id, info),
  indicator: (_p, { id }, ctx) => nodeOfType(ctx, 'Indicator', id),

  nationalPlans: async (_p, _a, { store }, info) =>
    (
      await store.read(queries.nationalPlans, {
        id: null,
        withText: needsText(selectionOf(info)),
      })
    ).map((r) => r.node),
  nationalPlan: async (_p, { id }, { store }, info) =>
    (
      await store.read(queries.nationalPlans, {
        id: id ?? null,
        withText: needsText(selectionOf(info)),
      })
    )[0]?.node ?? null,
  indicators: async (_p, _a, { store }) => (await store.read(queries.indicators, {})).map((r) => r.node),
  regions: async (_p, { kind }, { store }) =>
    (await store.read(queries.regions, { kind: lower(kind) })).map((r) => r.node),
  agencies: async (_p, _a, { store }) => (await store.read(queries.agencies, {})).map((r) => r.node),

  trace: async (_p, { measureId }, { store }, info) => {
    const sel = selectionOf(info);
    const nodes = [at(sel, 'measure'), at(sel, 'path', 'node'), at(sel, 'planChain', 'node')];
    const flags = projection(nodes, [
      at(sel, 'path', 'link'),
      at(sel, 'planChain', 'link'),
      at(sel, 'otherLinks'),
    ]);
    const [row] = await store.read(queries.trace, { measureId, ...flags, allFields: needsAllFields(nodes) });
    if (!row) throw notFound('measure', measureId);
    if (row.measure.national)
      throw badInput(`${measureId} is a national task; trace starts from a local measure`);
    return row;
  },

  implementations: async (_p, { of, nationalTaskId, planIds, first, after }, { store }, info) => {
    const id = of ?? nationalTaskId;
    if (!id) throw badInput('implementations needs `of`: the id of a measure of any level');
    const { offset, limit } = pageArgs(first, after);
    const [row] = await store.read(queries.implementations, {
      taskId: id,
      planIds: planIds ?? null,
      offset,
      limit,
      withEvidence: projection([], [at(selectionOf(info), 'nodes')]).withEvidence,
    });
    if (!row) throw notFound('measure', id);
    return {
      nodes: row.nodes,
      totalCount: row.totalCount,
      pageInfo: pageInfo(offset, row.nodes.length, row.totalCount),
      levels: row.levels.map((l) => ({ level: l.level.toUpperCase() as 'PROVINCIAL', count: l.count })),
    };
  },

  coverage: async (_p, { planId, of }, { store }, info) => {
    const sel = selectionOf(info);
    const flags = projection(
      [at(sel, 'plan'), at(sel, 'national'), at(sel, 'tasks', 'task'), at(sel, 'tasks', 'action')],
      [at(sel, 'tasks', 'best')],
    );
    const [row] = await store.read(queries.coverage, { planId, of: of ?? null, ...flags });
    if (!row) throw notFound(of ? 'plan or upper plan' : 'plan', of ? `${planId} or ${of}` : planId);
    return row;
  },

  alignmentMatrix: (_p, { planIds, of }, ctx) => readMatrix(ctx, planIds, of ?? null),

  obligations: async (_p, { planId, asOf }, ctx) => {
    await nodeOfType(ctx, 'Plan', planId);
    const today = asOf ? isoDate(asOf) : todayOf(ctx);
    const rows = await ctx.store.read(queries.obligations, { planId });
    return rows.map((r) => ({ ...r.obligation, asOf: today }));
  },

  status: async (_p, { of, asOf }, ctx) => {
    await nodeOfType(ctx, 'Plan', of);
    return readStatus(asOf ? { ...ctx, today: isoDate(asOf) } : ctx, of);
  },

  indicatorTargets: async (_p, { indicatorId: id }, ctx) => {
    await nodeOfType(ctx, 'Indicator', id);
    return ctx.loaders.indicatorTargets.load(id);
  },

  compareTargets: async (_p, { indicator, planIds }, ctx) => {
    const name = toSimplified(indicator.trim());
    if (!name) throw badInput('indicator must not be empty');
    const id = name.startsWith('ind:') ? name : indicatorId(canonicalIndicator(name) ?? name);
    const node = await ctx.loaders.node.load(id);
    const targets = node ? await ctx.loaders.indicatorTargets.load(id) : [];
    return { indicator: node, targets: targets.filter((t) => !planIds || planIds.includes(t.planId)) };
  },

  search: async (_p, { text, kinds, first, after }, { store }) => {
    const { offset, limit } = pageArgs(first, after);
    const q = luceneQuery(text);
    if (!q) throw badInput('search text must contain at least one word');
    const [row] = await store.read(queries.search, {
      query: q,
      kinds: kinds ? kinds.map((k) => k[0] + k.slice(1).toLowerCase()) : null,
      offset,
      limit,
    });
    const nodes = row!.nodes.map(({ node, score }) => {
      const [original, simplified] = searchedText(node);
      return { node, score, snippet: snippet(original, simplified, text) };
    });
    return { nodes, totalCount: row!.totalCount, pageInfo: pageInfo(offset, nodes.length, row!.totalCount) };
  },
};
