// The API's Cypher, one typed entry per file of cypher/api/ and cypher/export/: its parameters (checked
// before the query runs) and the record each row is. The store runs these and nothing else.
import { z } from 'zod';
import { cypherQuery } from '../graph/cypher.js';
import type {
  AgencyRoleRecord,
  CascadeRecord,
  CorrespondenceRow,
  CoverageRecord,
  ExportCoverageRow,
  ExportMatrixPlan,
  ExportMatrixRow,
  GraphEdge,
  GraphNode,
  LinkRecord,
  MatrixRowRecord,
  NodeRecord,
  ObligationRecord,
  ObligationStatusRecord,
  RegionMentionRecord,
  TargetRecord,
  TraceRecord,
} from './records.js';

const ids = z.array(z.string());
const optionalIds = z.array(z.string()).nullable();
const optionalText = z.string().nullable();
const count = z.number().int().nonnegative();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The projection flags (src/api/resolvers/projection.ts). */
const withText = z.boolean();
const withEvidence = z.boolean();

/** Rows of `{ id, node }` for DataLoaders keyed by id. */
type ById<T> = { id: string } & T;

export const queries = {
  health: cypherQuery('health', {}).returns<{ version: string; edition: string; nodeCount: number }>(),

  // Lists and lookups
  plans: cypherQuery('api/plans', {
    withText,
    level: optionalText,
    kind: optionalText,
    region: optionalText,
    offset: count,
    limit: count,
  }).returns<{ totalCount: number; nodes: NodeRecord[] }>(),
  nationalPlans: cypherQuery('api/national-plans', { id: optionalText, withText }).returns<{
    node: NodeRecord;
  }>(),
  indicators: cypherQuery('api/indicators', {}).returns<{ node: NodeRecord }>(),
  regions: cypherQuery('api/regions', { kind: optionalText }).returns<{ node: NodeRecord }>(),
  agencies: cypherQuery('api/agencies', {}).returns<{ node: NodeRecord }>(),
  search: cypherQuery('api/search', {
    query: z.string(),
    kinds: optionalIds,
    offset: count,
    limit: count,
  }).returns<{ totalCount: number; nodes: { node: NodeRecord; score: number }[] }>(),

  // Questions
  trace: cypherQuery('api/trace', {
    measureId: z.string(),
    withText,
    withEvidence,
    allFields: z.boolean(),
  }).returns<TraceRecord>(),
  implementations: cypherQuery('api/implementations', {
    taskId: z.string(),
    planIds: optionalIds,
    offset: count,
    limit: count,
    withEvidence,
  }).returns<{ totalCount: number; nodes: LinkRecord[]; levels: { level: string; count: number }[] }>(),
  coverage: cypherQuery('api/coverage', {
    planId: z.string(),
    of: optionalText,
    withText,
    withEvidence,
  }).returns<CoverageRecord>(),
  matrix: cypherQuery('api/matrix', { planIds: optionalIds, of: optionalText }).returns<{
    plans: NodeRecord[];
    rows: MatrixRowRecord[];
  }>(),
  obligations: cypherQuery('api/obligations', { planId: z.string() }).returns<{
    obligation: ObligationRecord;
  }>(),
  status: cypherQuery('api/status', { planId: z.string(), today: date }).returns<{
    obligation: ObligationRecord;
    status: ObligationStatusRecord;
  }>(),

  // Mutations
  review: cypherQuery('api/review', {
    from: z.string(),
    to: z.string(),
    decision: z.enum(['CONFIRM', 'REJECT']),
    note: optionalText,
  }).returns<{ link: LinkRecord }>(),
  addAlignment: cypherQuery('api/add-alignment', {
    from: z.string(),
    to: z.string(),
    note: z.string(),
    score: z.number().min(0).max(1),
    evidence: z.string(),
  }).returns<{ valid: boolean; link: LinkRecord | null }>(),

  // A plan's levels in one statement, for a selection that asks for them (the loaders below are primed
  // with its rows: src/api/loaders.ts primePlanTrees)
  planTree: cypherQuery('api/plan-tree', {
    ids,
    withPlan: z.boolean(),
    planText: z.boolean(),
    actionText: z.boolean(),
    withMeasures: z.boolean(),
    measureText: z.boolean(),
    withLinks: z.boolean(),
    withEvidence,
    withTo: z.boolean(),
    toText: z.boolean(),
  }).returns<
    ById<{
      plan: NodeRecord | null;
      actions: NodeRecord[];
      measures: { actionId: string; node: NodeRecord }[];
      links: LinkRecord[];
      targets: (NodeRecord | null)[];
    }>
  >(),

  // DataLoaders: one `UNWIND $ids` query per request level
  nodesById: cypherQuery('api/nodes-by-id', { ids, withText }).returns<ById<{ node: NodeRecord }>>(),
  parents: cypherQuery('api/parents', { ids }).returns<
    ById<{ actionId: string | null; planId: string | null }>
  >(),
  actionsOfPlans: cypherQuery('api/actions-of-plans', { ids, withText }).returns<
    ById<{ node: NodeRecord }>
  >(),
  measuresOfActions: cypherQuery('api/measures-of-actions', { ids, withText }).returns<
    ById<{ node: NodeRecord }>
  >(),
  targetsOf: cypherQuery('api/targets-of', { ids }).returns<ById<{ target: TargetRecord }>>(),
  targetsOfIndicators: cypherQuery('api/targets-of-indicators', { ids }).returns<
    ById<{ target: TargetRecord }>
  >(),
  regionsOf: cypherQuery('api/regions-of', { ids }).returns<ById<RegionMentionRecord>>(),
  agenciesOf: cypherQuery('api/agencies-of', { ids }).returns<ById<AgencyRoleRecord>>(),
  plansOfAgencies: cypherQuery('api/plans-of-agencies', { ids }).returns<ById<AgencyRoleRecord>>(),
  regionNeighbours: cypherQuery('api/region-neighbours', { ids }).returns<
    ById<{ parentId: string | null; planIds: string[] }>
  >(),
  interpretations: cypherQuery('api/interpretations', { ids }).returns<
    ById<{ interprets: string | null; interpretedBy: string[] }>
  >(),
  linksFrom: cypherQuery('api/links-from', { ids, withEvidence }).returns<ById<{ link: LinkRecord }>>(),
  linksTo: cypherQuery('api/links-to', { ids, withEvidence }).returns<ById<{ link: LinkRecord }>>(),
  cascadeOf: cypherQuery('api/cascade-of', { ids }).returns<ById<CascadeRecord>>(),
  obligationsOf: cypherQuery('api/obligations-of', { ids }).returns<ById<{ obligation: ObligationRecord }>>(),
  statusesOf: cypherQuery('api/statuses-of', { ids, today: date }).returns<
    ById<{ status: ObligationStatusRecord }>
  >(),

  // Downloads (src/api/exports.ts)
  exportPlan: cypherQuery('export/plan', { planId: z.string() }).returns<{ id: string; title: string }>(),
  exportCoverage: cypherQuery('export/coverage', { planId: z.string() }).returns<ExportCoverageRow>(),
  exportMatrix: cypherQuery('export/matrix', {}).returns<{
    plans: ExportMatrixPlan[] | null;
    rows: ExportMatrixRow[];
  }>(),
  exportCorrespondence: cypherQuery('export/correspondence', {
    planId: z.string(),
  }).returns<CorrespondenceRow>(),
  exportPlanGraph: cypherQuery('export/plan-graph', { planId: z.string() }).returns<{
    nodes: GraphNode[];
    edges: GraphEdge[];
  }>(),
};
