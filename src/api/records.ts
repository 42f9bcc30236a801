// What the Cypher in cypher/api/ returns: node property maps and link maps. These are the parent types
// of the GraphQL resolvers (codegen `mappers`), so a field resolver knows exactly what it receives.

/** A record's string property, `absent` when it is missing (never `String(object)`). */
export const textOf = (v: unknown, absent = ''): string => (typeof v === 'string' ? v : absent);

/** A node's properties, tagged with its GraphQL type. */
export interface NodeRecord {
  __typename: 'Plan' | 'Action' | 'Measure' | 'Indicator' | 'Region' | 'Agency';
  id: string;
  national?: boolean;
  [property: string]: unknown;
}

/** An IMPLEMENTS relationship's properties with its two ends. */
export interface LinkRecord {
  fromId: string;
  toId: string;
  score: number;
  method: string;
  rank: number;
  evidence: string;
  review?: string | null;
  reviewNote?: string | null;
  reviewedAt?: string | null;
  file?: string;
  sha256?: string;
  line?: number;
  start?: number;
  end?: number;
  /** Measures between the two ends when the link runs through the levels between (coverage, implementations). */
  via?: string[];
  /** Level of the `from` plan (implementations). */
  level?: string | null;
}

export interface TargetRecord {
  ownerId: string;
  planId: string;
  indicatorId: string;
  value: number | null;
  unit: string | null;
  comparator: string | null;
  year: number | null;
  per: string | null;
  cumulative: boolean;
  kind: string;
  text: string;
}

export interface RegionMentionRecord {
  regionId: string;
  mention: string;
}

export interface AgencyRoleRecord {
  agencyId: string;
  ownerId: string;
  role: string;
}

/** One step of a chain: the link into it, its node, and the level of the node's plan. */
export interface ChainStepRecord {
  link: LinkRecord;
  node: NodeRecord;
  level: string;
}

export interface TraceRecord {
  measure: NodeRecord;
  level: string | null;
  /** The measure's own links one level up, best first. */
  links: ChainStepRecord[];
  /** The best chain from the measure to a national task (empty when none reaches it). */
  steps: ChainStepRecord[];
  /** The national task's action and plan. */
  action: NodeRecord | null;
  plan: NodeRecord | null;
  /** The measure's action's link to that national action, if any. */
  actionLink: LinkRecord | null;
  /** The measure's plan → parent → … → national plan. */
  planChain: ChainStepRecord[];
}

/** A resolved step of Trace.path / planChain (the resolver computes kind and bypassed levels). */
export interface TraceStepRecord {
  kind: 'MEASURE' | 'TASK' | 'ACTION' | 'PLAN';
  node: NodeRecord;
  link: LinkRecord | null;
  level: string;
  bypassed: string[];
}

export interface ObligationStatusRecord {
  regionId: string;
  regionName: string | null;
  planId: string | null;
  issuedOn: string | null;
  due: string;
  status: 'on_time' | 'late' | 'issued' | 'overdue' | 'not_due';
  /** Set where the status is listed on its own (status board); the obligation's own list omits it. */
  obligation?: ObligationRecord;
}

export interface ObligationRecord {
  key: string;
  ownerId: string;
  plan: string;
  text: string;
  due: string;
  dueText: string;
  subject: string | null;
  what: string;
  planDue: boolean;
  obligedLevel: string | null;
  file: string;
  sha256: string;
  line: number;
  offset: number;
  /** The date its statuses are judged against (set by the query that returned it). */
  asOf?: string;
}

export interface CascadeRecord {
  parentId: string | null;
  nationalPlanId: string | null;
  missingParent: string | null;
  parentLink: LinkRecord | null;
  childIds: string[];
}

export interface TaskCoverageRecord {
  task: NodeRecord;
  action: NodeRecord;
  links: LinkRecord[];
}

export interface CoverageRecord {
  plan: NodeRecord;
  national: NodeRecord;
  tasks: TaskCoverageRecord[];
}

export interface MatrixRowRecord {
  task: NodeRecord;
  action: NodeRecord;
  cells: { planId: string; links: number; bestScore: number | null }[];
}

export interface AlignmentMatrixRecord {
  plans: NodeRecord[];
  rows: MatrixRowRecord[];
}

export interface SearchHitRecord {
  node: NodeRecord;
  score: number;
  snippet: string;
}

export interface CandidateRecord {
  to: string;
  score: number;
  evidence: unknown[];
}

export interface EvidenceRecord {
  kind: string;
  text: string;
  weight: number | null;
  from: { start: number; end: number } | null;
  to: { start: number; end: number } | null;
  source: { id: string; file: string; line: number } | null;
}

// ---------------------------------------------------------------- what cypher/export/ returns

/** A table cell. */
export type Cell = string | number | boolean | null;

/** One national task in a plan's gap report (cypher/export/coverage.cypher). */
export interface ExportCoverageRow {
  actionId: string;
  action: string;
  taskId: string;
  task: string;
  covered: boolean;
  links: number;
  bestScore: number | null;
  bestMethod: string | null;
  bestMeasureId: string | null;
  bestMeasure: string | null;
  measureIds: string[];
}

/** A column of the matrix export: a local plan (cypher/export/matrix.cypher). */
export interface ExportMatrixPlan {
  id: string;
  title: string;
  level: string;
  region: string | null;
}

/** One national task across every local plan (cypher/export/matrix.cypher). */
export interface ExportMatrixRow {
  actionId: string;
  action: string;
  taskId: string;
  task: string;
  cells: { planId: string; links: number; bestScore: number | null }[];
}

export type CorrespondenceRow = Record<
  | 'actionId'
  | 'action'
  | 'measureId'
  | 'label'
  | 'measure'
  | 'file'
  | 'line'
  | 'taskId'
  | 'task'
  | 'taskPlan'
  | 'score'
  | 'method'
  | 'rank'
  | 'review'
  | 'reviewNote'
  | 'evidence',
  Cell
>;

export interface GraphNode {
  id: string;
  labels: string[];
  caption: string;
  level: string | null;
  kind: string | null;
  plan: string | null;
  national: boolean | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  type: string;
  score: number | null;
  method: string | null;
  role: string | null;
  mention: string | null;
  value: number | null;
  unit: string | null;
  year: number | null;
}
