// Alignment down the cascade: every plan is aligned to its parent one level up (a city's measures against
// its province's measures) with the same aligner and guarantees as against the national plan; a measure
// with no counterpart in a local parent is tried against the national plan directly, and such a link says
// that it bypasses the levels between. Interpretations are aligned with the plan they explain.
import type { AlignmentLink, CascadeResult, PlanPlacement, Unaligned } from '../model/alignment.js';
import type { PolicyDocument } from '../model/document.js';
import { align, interpretedPlan, type AlignOptions } from './aligner.js';
import type { CuratedLink } from './curated.js';
import { end, makeLink, remark, upperEnd } from './links.js';
import { NationalIndex } from './national-index.js';
import type { ParentChoice } from './parents.js';

export interface CascadeInput {
  /** Local plans and interpretations to align. */
  documents: PolicyDocument[];
  /** Every parent and national document the plans need, by id (from the batch or the graph). */
  uppers: Map<string, PolicyDocument>;
  /** Each plan's parent (src/align/parents.ts). */
  parents: Map<string, ParentChoice>;
  /** Plans an interpretation may explain (the batch's and the graph's). */
  plansForInterpretations: PolicyDocument[];
  curated: CuratedLink[] | null;
  /** Calibration and threshold for every align() call (src/align/calibration.ts; default: the file's). */
  scoring?: Pick<AlignOptions, 'calibration' | 'threshold'>;
}

/** One index per upper plan, built once per process: a national plan or a province's is indexed once. */
const indexes = new WeakMap<PolicyDocument, NationalIndex>();
export function indexOf(doc: PolicyDocument): NationalIndex {
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = new NationalIndex(doc)));
  return index;
}

export function alignCascade(input: CascadeInput): CascadeResult {
  const plans = input.documents.filter((d) => d.kind === 'plan' && d.level !== 'national');
  const interpretations = input.documents.filter((d) => d.kind === 'interpretation');
  const upper = (id: string) => {
    const doc = input.uppers.get(id);
    if (!doc) throw new Error(`upper plan ${id} is not available for alignment`);
    return doc;
  };

  // Plans grouped by parent; an interpretation goes with the plan it explains (or alone, to its national).
  const groups = new Map<string, PolicyDocument[]>();
  const put = (key: string, doc: PolicyDocument) => groups.set(key, [...(groups.get(key) ?? []), doc]);
  for (const plan of plans) put(input.parents.get(plan.id)!.parent.id, plan);
  const candidatePlans = [
    ...new Map([...input.plansForInterpretations, ...plans].map((p) => [p.id, p])).values(),
  ];
  for (const interpretation of interpretations) {
    const plan = interpretedPlan(interpretation, candidatePlans);
    const choice = plan ? input.parents.get(plan.id) : undefined;
    // Interpretations state links to the national plan (国家《行动计划》提出…): align them against it, with
    // their plan (already loaded or in the batch) as the document they explain.
    const key = choice?.national ?? [...input.uppers.values()].find((d) => d.level === 'national')?.id;
    if (!key) continue;
    if (plan && !groups.get(key)?.includes(plan)) put(`${key}|explains`, plan);
    put(key, interpretation);
  }

  const result: CascadeResult = {
    nationals: [],
    plans: [],
    links: [],
    sectionLinks: [],
    planLinks: [],
    unaligned: [],
  };
  for (const [key, docs] of groups) {
    if (key.endsWith('|explains')) continue;
    const parent = upper(key);
    // Plans that interpretations of this group explain take part, so that explicit statements start at
    // the plan's own actions; their other links come from their own group.
    const helperDocs = (groups.get(`${key}|explains`) ?? []).filter((p) => !docs.includes(p));
    const helpers = new Set(helperDocs.map((p) => p.id));
    const r = align([...docs, ...helperDocs], indexOf(parent), { ...input.scoring, curated: input.curated });
    const links = r.links.filter((l) => !helpers.has(l.fromPlan));
    const unaligned = r.unaligned.filter((u) => !helpers.has(u.plan));
    result.sectionLinks.push(
      ...r.sectionLinks.filter((l) => !helpers.has(l.fromPlan) || l.method === 'explicit'),
    );
    result.planLinks.push(
      ...r.planLinks
        .filter((l) => !helpers.has(l.fromPlan))
        .map((l) => placedPlanLink(l, input.parents.get(l.fromPlan), parent)),
    );

    if (parent.level === 'national') {
      result.links.push(...links);
      result.unaligned.push(...unaligned);
      continue;
    }
    // No counterpart one level up: try the national plan directly, and say the link bypasses the parent.
    result.links.push(...links);
    const byPlan = new Map<string, Unaligned[]>();
    for (const u of unaligned) byPlan.set(u.plan, [...(byPlan.get(u.plan) ?? []), u]);
    for (const [planId, missing] of byPlan) {
      const choice = input.parents.get(planId)!;
      const national = upper(choice.national);
      const doc = docs.find((d) => d.id === planId)!;
      const ids = new Set(missing.map((u) => u.id));
      const reduced: PolicyDocument = {
        ...doc,
        sections: doc.sections.map((s) => ({ ...s, measures: s.measures.filter((m) => ids.has(m.id)) })),
      };
      const direct = align([reduced], indexOf(national), { ...input.scoring, curated: null });
      const note = remark(
        'note',
        `no counterpart in ${parent.titleSimplified} (${parent.level}): linked to the national task directly, bypassing the ${parent.level} level`,
      );
      const bypass = direct.links.map((l) => ({ ...l, evidence: [note, ...l.evidence] }));
      result.links.push(...bypass);
      const linked = new Set(bypass.map((l) => l.from));
      result.unaligned.push(...missing.filter((u) => !linked.has(u.id)));
    }
  }
  // An interpretation's explicit link may confirm a section link its plan's own group derived.
  result.sectionLinks = dedupe(result.sectionLinks);

  for (const plan of plans) {
    const c = input.parents.get(plan.id)!;
    result.plans.push(placement(plan, c));
  }
  result.nationals = [...new Set(result.plans.map((p) => p.national))].sort();
  return result;
}

function placement(plan: PolicyDocument, c: ParentChoice): PlanPlacement {
  return {
    plan: plan.id,
    title: plan.titleSimplified,
    level: plan.level,
    parent: c.parent.id,
    parentLevel: c.parent.level,
    national: c.national,
    method: c.method,
    evidence: c.evidence,
    missing: c.missing,
  };
}

/**
 * The plan link the aligner made (citation of the upper document by number or full title, else derived
 * from coverage) — made explicit when parent resolution found a citation the aligner's exact match missed
 * (a short title, another script), and annotated with what parent resolution noticed.
 */
function placedPlanLink(
  l: AlignmentLink,
  c: ParentChoice | undefined,
  parent: PolicyDocument,
): AlignmentLink {
  if (!c) return l;
  if (c.method === 'explicit' && l.method !== 'explicit') {
    const plan = { id: l.from, titleSimplified: l.fromTitle };
    return makeLink(end(plan), l.fromPlan, upperEnd(parent, parent), 1, 'explicit', [
      ...c.evidence,
      ...l.evidence,
    ]);
  }
  if (c.method === 'derived') return { ...l, evidence: [...c.evidence, ...l.evidence] };
  return l;
}

function dedupe(links: AlignmentLink[]): AlignmentLink[] {
  const seen = new Map<string, AlignmentLink>();
  for (const l of links) {
    const key = `${l.from}|${l.to}`;
    const prev = seen.get(key);
    if (!prev || (l.method === 'explicit' && prev.method !== 'explicit')) seen.set(key, l);
  }
  return [...seen.values()];
}
