// What the Cypher in cypher/api/ returns: node property maps and link maps. These are the parent types
// of the GraphQL resolvers (codegen `mappers`), so a field resolver knows exactly what it receives.

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

export interface TraceRecord {
  measure: NodeRecord;
  /** Best first; with the national task, its action and plan of each link. */
  links: {
    link: LinkRecord;
    actionId: string;
    planId: string;
    task: NodeRecord;
    action: NodeRecord;
    plan: NodeRecord;
  }[];
  actionLink: LinkRecord | null;
  planLink: LinkRecord | null;
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
