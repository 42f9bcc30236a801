// Per-request DataLoaders: every neighbour field (a plan's actions, a measure's targets, a link's ends…)
// is fetched for all parents of a request level at once with one `UNWIND $ids` query, never one query
// per parent (no N+1). Nodes and links come in two projections each (src/api/resolvers/projection.ts):
// without long texts / evidence (`node`, `measures`, `linksFrom` …) and with them (`nodeWithText`,
// `measuresWithText`, `linksFromWithEvidence` …); a resolver asks the one its selection needs.
import DataLoader from 'dataloader';
import type { CypherQuery } from '../graph/cypher.js';
import type { ApiContext } from './context.js';
import { queries } from './queries.js';
import type { PlanTreeFlags } from './resolvers/projection.js';
import type { LinkRecord, NodeRecord, ObligationStatusRecord, TargetRecord } from './records.js';
import type { GraphStore } from './store.js';

type ByIds = { ids: string[] };
type Row = { id: string };

/** A loader of lists: each row's `pick(row)` grouped by its id, in the query's order. */
function listLoader<P extends ByIds, R extends Row, T>(
  store: GraphStore,
  query: CypherQuery<P, R>,
  pick: (row: R) => T,
  params: Omit<P, 'ids'>,
) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await store.read(query, { ...params, ids: [...ids] } as P);
    const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) byId.get(row.id)?.push(pick(row));
    return ids.map((id) => byId.get(id)!);
  });
}

/** A loader of single rows by id (null when absent). */
function rowLoader<P extends ByIds, R extends Row, T>(
  store: GraphStore,
  query: CypherQuery<P, R>,
  pick: (row: R) => T,
  params: Omit<P, 'ids'>,
) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await store.read(query, { ...params, ids: [...ids] } as P);
    const byId = new Map(rows.map((r) => [r.id, pick(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

const whole = <R>(row: R) => row;
const node = (r: { node: NodeRecord }) => r.node;
const link = (r: { link: LinkRecord }) => r.link;
const target = (r: { target: TargetRecord }) => r.target;

export function createLoaders(store: GraphStore) {
  const q = queries;
  return {
    node: rowLoader(store, q.nodesById, node, { withText: false }),
    nodeWithText: rowLoader(store, q.nodesById, node, { withText: true }),
    parents: rowLoader(store, q.parents, whole, {}),
    actions: listLoader(store, q.actionsOfPlans, node, { withText: false }),
    actionsWithText: listLoader(store, q.actionsOfPlans, node, { withText: true }),
    measures: listLoader(store, q.measuresOfActions, node, { withText: false }),
    measuresWithText: listLoader(store, q.measuresOfActions, node, { withText: true }),
    targets: listLoader(store, q.targetsOf, target, {}),
    indicatorTargets: listLoader(store, q.targetsOfIndicators, target, {}),
    regions: listLoader(store, q.regionsOf, whole, {}),
    agencies: listLoader(store, q.agenciesOf, whole, {}),
    agencyPlans: listLoader(store, q.plansOfAgencies, whole, {}),
    regionNeighbours: rowLoader(store, q.regionNeighbours, whole, {}),
    interpretations: rowLoader(store, q.interpretations, whole, {}),
    linksFrom: listLoader(store, q.linksFrom, link, { withEvidence: false }),
    linksFromWithEvidence: listLoader(store, q.linksFrom, link, { withEvidence: true }),
    cascade: rowLoader(store, q.cascadeOf, whole, {}),
    obligations: listLoader(store, q.obligationsOf, (r) => r.obligation, {}),
    linksTo: listLoader(store, q.linksTo, link, { withEvidence: false }),
    linksToWithEvidence: listLoader(store, q.linksTo, link, { withEvidence: true }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Reads plans down the levels their selection asks for in one query (cypher/api/plan-tree) and primes
 * the loaders the field resolvers of those levels will ask (the same projections, the same order), so
 * plan → actions → measures → links → their ends costs one round trip, not one per level. The plans
 * themselves come back when `withPlan` (in the order found; absent ids are left out).
 */
export async function primePlanTrees(
  ctx: Pick<ApiContext, 'store' | 'loaders'>,
  ids: string[],
  flags: PlanTreeFlags & { withPlan: boolean; planText: boolean },
): Promise<NodeRecord[]> {
  if (ids.length === 0) return [];
  const l = ctx.loaders;
  const rows = await ctx.store.read(queries.planTree, { ...flags, ids });
  const nodes = flags.planText ? l.nodeWithText : l.node;
  const actions = flags.actionText ? l.actionsWithText : l.actions;
  const measures = flags.measureText ? l.measuresWithText : l.measures;
  const links = flags.withEvidence ? l.linksFromWithEvidence : l.linksFrom;
  const targets = flags.toText ? l.nodeWithText : l.node;
  const plans: NodeRecord[] = [];
  for (const row of rows) {
    if (row.plan) {
      plans.push(row.plan);
      nodes.prime(row.id, row.plan);
    }
    actions.prime(row.id, row.actions);
    if (flags.withMeasures) {
      const byAction = new Map<string, NodeRecord[]>(row.actions.map((a) => [a.id, []]));
      for (const m of row.measures) byAction.get(m.actionId)?.push(m.node);
      for (const [id, list] of byAction) measures.prime(id, list);
    }
    if (flags.withLinks) {
      const byMeasure = new Map<string, LinkRecord[]>(row.measures.map((m) => [m.node.id, []]));
      for (const link of row.links) byMeasure.get(link.fromId)?.push(link);
      for (const [id, list] of byMeasure) links.prime(id, list);
    }
    for (const t of row.targets) if (t) targets.prime(t.id, t);
  }
  return plans;
}

/** Obligations' statuses depend on the date judged against: one loader per request and date. */
const statusLoaders = new WeakMap<Loaders, Map<string, DataLoader<string, ObligationStatusRecord[]>>>();
export function statusLoader(ctx: Pick<ApiContext, 'store' | 'loaders'>, today: string) {
  let perDate = statusLoaders.get(ctx.loaders);
  if (!perDate)
    statusLoaders.set(
      ctx.loaders,
      (perDate = new Map<string, DataLoader<string, ObligationStatusRecord[]>>()),
    );
  let loader = perDate.get(today);
  if (!loader) {
    loader = new DataLoader<string, ObligationStatusRecord[]>(async (ids) => {
      const rows = await ctx.store.read(queries.statusesOf, { ids: [...ids], today });
      const byId = new Map<string, ObligationStatusRecord[]>(ids.map((id) => [id, []]));
      for (const r of rows) byId.get(r.id)?.push(r.status);
      return ids.map((id) => byId.get(id)!);
    });
    perDate.set(today, loader);
  }
  return loader;
}
