// What the graph already holds, read back for the pipeline: plan references for parent resolution, and
// documents rebuilt (sections, measures, texts, terms) for aligning children and interpretations against
// plans loaded earlier. A rebuilt document carries what alignment reads; extractions stay in the graph.
import type { Driver } from 'neo4j-driver';
import type { Citation, PlanRef } from '../align/parents.js';
import { noExtractions, type DocumentLevel, type PolicyDocument } from '../model/document.js';
import { runQuery } from './cypher.js';
import { inTransaction } from './driver.js';
import { graphQueries, type StoredPlanRow } from './queries.js';

/** A stored plan's references: the stored row with its citations parsed and its level typed. */
export interface StoredPlan extends PlanRef, Omit<StoredPlanRow, keyof PlanRef> {}

export async function storedPlans(driver: Driver, database: string): Promise<StoredPlan[]> {
  const rows = await inTransaction(driver, database, 'READ', (tx) =>
    runQuery(tx, graphQueries.storedPlans, {}),
  );
  return rows.map((o) => ({
    ...o,
    level: o.level as DocumentLevel,
    cites: JSON.parse(o.cites) as Citation[],
  }));
}

type Props = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);
/** A stored string property, '' when absent (never `String(object)`). */
const text = (v: unknown, absent = '') => (typeof v === 'string' ? v : absent);
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);

export async function storedDocuments(
  driver: Driver,
  database: string,
  ids: string[],
): Promise<PolicyDocument[]> {
  if (ids.length === 0) return [];
  const rows = await inTransaction(driver, database, 'READ', (tx) =>
    runQuery(tx, graphQueries.storedDocuments, { ids }),
  );
  return rows.map((r) => rebuild(r.plan, r.sections));
}

function provision(p: Props) {
  return {
    location: null,
    // Stored since the evidence of a statement names its paragraph's line; empty for older graphs.
    paragraphLines: ((p.paragraphLines as unknown[] | null) ?? []).map(num),
    id: String(p.id),
    ordinal: num(p.ordinal),
    label: text(p.label),
    title: text(p.title),
    titleSimplified: text(p.titleSimplified),
    text: text(p.text),
    textSimplified: text(p.textSimplified),
    line: num(p.line),
    endLine: num(p.endLine),
    start: num(p.start),
    end: num(p.end),
    targets: [],
    regions: [],
    agencies: [],
    obligations: [],
    confidence: (str(p.confidence) as 'H' | 'M' | 'L' | null) ?? null,
    keywords: (p.keywords as string[] | null) ?? [],
  };
}

function rebuild(plan: Props, sections: Props[]): PolicyDocument {
  const byLine = (a: Props, b: Props) =>
    num(a.line) - num(b.line) || String(a.id).localeCompare(String(b.id));
  return {
    id: String(plan.id),
    file: text(plan.file),
    sha256: text(plan.sha256),
    format: (str(plan.format) ?? 'text') as PolicyDocument['format'],
    encoding: text(plan.encoding, 'utf-8'),
    script: (str(plan.script) ?? 'simplified') as PolicyDocument['script'],
    kind: String(plan.kind) as PolicyDocument['kind'],
    level: String(plan.level) as DocumentLevel,
    title: String(plan.title),
    titleSimplified: String(plan.titleSimplified),
    region: str(plan.region),
    regionCode: str(plan.regionCode),
    issuer: str(plan.issuer),
    docNumber: str(plan.docNumber),
    issuedOn: str(plan.issuedOn),
    publishedOn: str(plan.publishedOn),
    period:
      plan.periodText === null || plan.periodText === undefined
        ? null
        : {
            start: plan.periodStart === null ? null : num(plan.periodStart),
            end: plan.periodEnd === null ? null : num(plan.periodEnd),
            text: text(plan.periodText),
          },
    interprets: str(plan.interpretsTitle),
    preamble: text(plan.preamble),
    preambleLines: ((plan.preambleLines as unknown[] | null) ?? []).map(num),
    trailer: [],
    sections: [...sections].sort(byLine).map((s) => ({
      ...provision(s),
      kind: String(s.kind) as PolicyDocument['sections'][number]['kind'],
      measures: [...((s.measures as Props[] | null) ?? [])]
        .sort(byLine)
        .map((m) => ({ ...provision(m), items: [] })),
    })),
    ...noExtractions(),
  };
}
