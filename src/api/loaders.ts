// Per-request DataLoaders: every neighbour field (a plan's actions, a measure's targets, a link's ends…)
// is fetched for all parents of a request level at once with one `UNWIND $ids` query, never one query
// per parent (no N+1). Nodes and links come in two projections each (src/api/resolvers/projection.ts):
// without long texts / evidence (`node`, `measures`, `linksFrom` …) and with them (`nodeWithText`,
// `measuresWithText`, `linksFromWithEvidence` …); a resolver asks the one its selection needs.
import DataLoader from 'dataloader';
import type { ApiContext } from './context.js';
import type {
  AgencyRoleRecord,
  CascadeRecord,
  ObligationRecord,
  ObligationStatusRecord,
  LinkRecord,
  NodeRecord,
  RegionMentionRecord,
  TargetRecord,
} from './records.js';
import type { GraphStore } from './store.js';

/** A loader of lists: rows of `{id, <field>}` grouped by id, in the query's order. */
function listLoader<T>(store: GraphStore, file: string, field: string, params: Record<string, unknown> = {}) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await store.read<Record<string, unknown>>(file, { ...params, ids: [...ids] });
    const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) byId.get(row.id as string)?.push((field === '*' ? row : row[field]) as T);
    return ids.map((id) => byId.get(id)!);
  });
}

/** A loader of single rows by id (null when absent). */
function rowLoader<T>(store: GraphStore, file: string, field: string, params: Record<string, unknown> = {}) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await store.read<Record<string, unknown>>(file, { ...params, ids: [...ids] });
    const byId = new Map(rows.map((r) => [r.id as string, (field === '*' ? r : r[field]) as T]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function createLoaders(store: GraphStore) {
  return {
    node: rowLoader<NodeRecord>(store, 'api/nodes-by-id', 'node', { withText: false }),
    nodeWithText: rowLoader<NodeRecord>(store, 'api/nodes-by-id', 'node', { withText: true }),
    parents: rowLoader<{ actionId: string | null; planId: string | null }>(store, 'api/parents', '*'),
    actions: listLoader<NodeRecord>(store, 'api/actions-of-plans', 'node', { withText: false }),
    actionsWithText: listLoader<NodeRecord>(store, 'api/actions-of-plans', 'node', { withText: true }),
    measures: listLoader<NodeRecord>(store, 'api/measures-of-actions', 'node', { withText: false }),
    measuresWithText: listLoader<NodeRecord>(store, 'api/measures-of-actions', 'node', { withText: true }),
    targets: listLoader<TargetRecord>(store, 'api/targets-of', 'target'),
    indicatorTargets: listLoader<TargetRecord>(store, 'api/targets-of-indicators', 'target'),
    regions: listLoader<RegionMentionRecord>(store, 'api/regions-of', '*'),
    agencies: listLoader<AgencyRoleRecord>(store, 'api/agencies-of', '*'),
    agencyPlans: listLoader<AgencyRoleRecord>(store, 'api/plans-of-agencies', '*'),
    regionNeighbours: rowLoader<{ parentId: string | null; planIds: string[] }>(
      store,
      'api/region-neighbours',
      '*',
    ),
    interpretations: rowLoader<{ interprets: string | null; interpretedBy: string[] }>(
      store,
      'api/interpretations',
      '*',
    ),
    linksFrom: listLoader<LinkRecord>(store, 'api/links-from', 'link', { withEvidence: false }),
    linksFromWithEvidence: listLoader<LinkRecord>(store, 'api/links-from', 'link', { withEvidence: true }),
    cascade: rowLoader<CascadeRecord>(store, 'api/cascade-of', '*'),
    obligations: listLoader<ObligationRecord>(store, 'api/obligations-of', 'obligation'),
    linksTo: listLoader<LinkRecord>(store, 'api/links-to', 'link', { withEvidence: false }),
    linksToWithEvidence: listLoader<LinkRecord>(store, 'api/links-to', 'link', { withEvidence: true }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

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
      const rows = await ctx.store.read<{ id: string; status: ObligationStatusRecord }>('api/statuses-of', {
        ids: [...ids],
        today,
      });
      const byId = new Map<string, ObligationStatusRecord[]>(ids.map((id) => [id, []]));
      for (const r of rows) byId.get(r.id)?.push(r.status);
      return ids.map((id) => byId.get(id)!);
    });
    perDate.set(today, loader);
  }
  return loader;
}
