// The aligner: local plans → the national plan. For each local measure, ranked national tasks with a
// score in [0, 1] and the evidence behind it; section and plan links derived from those and from
// explicit statements; the measures with no national counterpart, with their best rejected candidates.
//
// Two passes. Pass 1 scores every measure against every task from the texts alone (national-index.ts).
// Pass 2 applies the structure prior: the measures of one local action mostly answer one national
// action, so a task in the action most of its siblings point to keeps its score, and a task elsewhere
// must be clearly stronger to count.
import type { AlignmentLink, AlignmentResult, Candidate, Unaligned } from '../model/alignment.js';
import type { PolicyDocument, Section } from '../model/document.js';
import { applyCurated, type Caption, type CuratedLink } from './curated.js';
import { citationLink, explicitSectionLinks } from './explicit.js';
import { end, makeLink, remark, upperEnd } from './links.js';
import { NationalIndex, round, type TaskScore } from './national-index.js';

export const THRESHOLDS = {
  /** A measure links to a task when its final score reaches this. */
  link: 0.65,
  /**
   * A further link must reach this share of the measure's best score, and rest on a concept of its own
   * (one the best link does not share): a measure implements several tasks when it says something
   * specific to each, not when one term is shared by neighbouring tasks.
   */
  relative: 0.6,
  /** At most this many tasks per measure. */
  maxLinksPerMeasure: 3,
  /** A local section links to a national action when the derived score reaches this. */
  section: 0.35,
  /** Weight of the structure prior: 0 = none, 1 = a task outside the section's action scores 0. */
  prior: 0.5,
  /** Candidates kept for a measure with no counterpart. */
  candidates: 3,
};

export interface AlignOptions {
  curated?: CuratedLink[] | null;
}

interface ScoredMeasure {
  plan: PolicyDocument;
  section: Section;
  id: string;
  title: string;
  text: string;
  scores: TaskScore[];
}

const ALIGNED_KINDS = new Set(['action', 'safeguards']);

export function align(
  documents: PolicyDocument[],
  index: NationalIndex,
  options: AlignOptions = {},
): AlignmentResult {
  const national = index.document;
  const plans = documents.filter((d) => d.kind === 'plan' && d.id !== national.id);
  const interpretations = documents.filter((d) => d.kind === 'interpretation');

  const links: AlignmentLink[] = [];
  const sectionLinks: AlignmentLink[] = [];
  const planLinks: AlignmentLink[] = [];
  const unaligned: Unaligned[] = [];

  for (const plan of plans) {
    const sections = plan.sections.filter((s) => ALIGNED_KINDS.has(s.kind) && s.measures.length > 0);
    for (const section of sections) {
      const measures: ScoredMeasure[] = section.measures.map((m) => ({
        plan,
        section,
        id: m.id,
        title: m.titleSimplified,
        text: m.textSimplified,
        scores: index.score(m.titleSimplified, index.features(m.textSimplified)),
      }));
      const affinity = sectionAffinity(measures);
      for (const m of measures) {
        const adjusted = m.scores
          .map((s) => ({
            s,
            score: s.score * (1 - THRESHOLDS.prior * (1 - (affinity.get(s.task.section.id) ?? 0))),
          }))
          .sort((a, b) => b.score - a.score);
        const best = adjusted[0]!.score;
        const ownClause = saysSomethingElse(m.text, adjusted[0]!.s);
        const chosen = adjusted
          .filter(
            (x, i) =>
              x.score >= THRESHOLDS.link &&
              (i === 0 || (x.score >= best * THRESHOLDS.relative && ownClause(x.s))),
          )
          .slice(0, THRESHOLDS.maxLinksPerMeasure);
        chosen.forEach(({ s, score }, i) => {
          const evidence = index.evidence(s, m.text);
          const share = affinity.get(s.task.section.id) ?? 0;
          if (share > 0)
            evidence.push(
              remark(
                'structure',
                `${Math.round(share * 100)}% of the measures of “${section.titleSimplified}” point to “${s.task.section.titleSimplified}”`,
                share,
              ),
            );
          links.push(makeLink(m, plan.id, s.task, score, 'lexical', evidence, i + 1));
        });
        if (chosen.length === 0) {
          const candidates: Candidate[] = adjusted.slice(0, THRESHOLDS.candidates).map(({ s, score }) => ({
            to: s.task.id,
            toTitle: s.task.title,
            score: round(score),
            evidence: index.evidence(s, m.text, 4),
          }));
          unaligned.push({ id: m.id, title: m.title, plan: plan.id, candidates });
        }
      }
      sectionLinks.push(...deriveSectionLinks(section, plan, links, index));
    }
    const cited = citationLink(plan, national);
    planLinks.push(cited ?? derivedPlanLink(plan, national, links, index));
  }

  // Explicit statements from interpretations: they confirm (or add) section links.
  for (const interpretation of interpretations) {
    const plan = interpretedPlan(interpretation, plans);
    for (const link of explicitSectionLinks(interpretation, plan, index)) {
      const existing = sectionLinks.find((l) => l.from === link.from && l.to === link.to);
      if (existing) {
        existing.method = 'explicit';
        existing.score = Math.max(existing.score, link.score);
        existing.evidence.unshift(...link.evidence);
      } else sectionLinks.push(link);
    }
  }
  rerank(sectionLinks);

  if (options.curated?.length) {
    const docs = [...plans, ...interpretations, national];
    const curatedLinks = applyCurated(links, options.curated, captions(docs, 'measure'));
    const curatedSections = applyCurated(sectionLinks, options.curated, captions(docs, 'section'));
    return {
      national: national.id,
      links: curatedLinks,
      sectionLinks: curatedSections,
      planLinks,
      unaligned: unaligned.filter((u) => !curatedLinks.some((l) => l.from === u.id)),
    };
  }
  return { national: national.id, links, sectionLinks, planLinks, unaligned };
}

/**
 * For further links of a measure: does the candidate rest on a concept the measure states in a clause
 * of its own, a clause where none of the best link's concepts appear? (全面取消在就业地参保户籍限制 is
 * about social security even though it says 户籍.)
 */
function saysSomethingElse(text: string, primary: TaskScore): (candidate: TaskScore) => boolean {
  const clauseOf = (at: number) => {
    let start = at;
    while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
    let end = at;
    while (end < text.length && !CLAUSE_END.test(text[end]!)) end++;
    return { start, end };
  };
  const primaryAt = primary.shared.flatMap((c) => c.all);
  const primaryConcepts = new Set(primary.shared.map((c) => c.concept));
  return (candidate) =>
    candidate.shared.some(
      (c) =>
        !primaryConcepts.has(c.concept) &&
        c.all.some((o) => {
          const clause = clauseOf(o.start);
          return !primaryAt.some((p) => p.start < clause.end && p.end > clause.start);
        }),
    );
}
const CLAUSE_END = /[，,；;。！？\n：:]/;

/** Share of a section's measures whose best task lies in each national section, weighted by that score. */
function sectionAffinity(measures: ScoredMeasure[]): Map<string, number> {
  const votes = new Map<string, number>();
  let total = 0;
  for (const m of measures) {
    const top = m.scores[0]!;
    votes.set(top.task.section.id, (votes.get(top.task.section.id) ?? 0) + top.score);
    total += top.score;
  }
  // A lone measure's vote says nothing about its siblings: no prior for one-measure sections.
  if (measures.length < 2 || total === 0)
    return new Map(measures[0] ? [[measures[0].scores[0]!.task.section.id, 1]] : []);
  for (const [k, v] of votes) votes.set(k, v / total);
  return votes;
}

function deriveSectionLinks(
  section: Section,
  plan: PolicyDocument,
  links: AlignmentLink[],
  index: NationalIndex,
): AlignmentLink[] {
  const own = links.filter((l) => l.fromPlan === plan.id && l.from.startsWith(`${section.id}/`));
  const out: AlignmentLink[] = [];
  for (const target of index.sections) {
    const taskIds = new Set(target.measures.map((m) => m.id));
    let sum = 0;
    let linked = 0;
    const tasks = new Set<string>();
    for (const m of section.measures) {
      const best = own
        .filter((l) => l.from === m.id && taskIds.has(l.to))
        .reduce((b, l) => Math.max(b, l.score), 0);
      if (best > 0) linked++;
      sum += best;
      for (const l of own) if (l.from === m.id && taskIds.has(l.to)) tasks.add(l.to);
    }
    const score = sum / section.measures.length;
    if (score < THRESHOLDS.section) continue;
    const count = `${linked} of ${section.measures.length} measures link to ${tasks.size} of ${target.measures.length} tasks of this action`;
    out.push(
      makeLink(end(section), plan.id, upperEnd(target, index.document), score, 'derived', [
        remark('measures', count, linked / section.measures.length),
      ]),
    );
  }
  return out;
}

function derivedPlanLink(
  plan: PolicyDocument,
  national: PolicyDocument,
  links: AlignmentLink[],
  index: NationalIndex,
): AlignmentLink {
  const covered = new Set(links.filter((l) => l.fromPlan === plan.id).map((l) => l.to));
  const share = covered.size / index.tasks.length;
  return makeLink(end(plan), plan.id, upperEnd(national, national), share, 'derived', [
    remark('measures', `covers ${covered.size} of ${index.tasks.length} national tasks`, share),
  ]);
}

/** The plan an interpretation explains: same region, and the quoted name when it says one. */
export function interpretedPlan(
  interpretation: PolicyDocument,
  plans: PolicyDocument[],
): PolicyDocument | null {
  const sameRegion = plans.filter((p) => p.regionCode && p.regionCode === interpretation.regionCode);
  const named = interpretation.interprets;
  const byName = named ? sameRegion.find((p) => p.titleSimplified.includes(named)) : undefined;
  return byName ?? (sameRegion.length === 1 ? sameRegion[0]! : null);
}

function rerank(links: AlignmentLink[]): void {
  const byFrom = new Map<string, AlignmentLink[]>();
  for (const l of links) byFrom.set(l.from, [...(byFrom.get(l.from) ?? []), l]);
  for (const group of byFrom.values()) {
    group.sort((a, b) => b.score - a.score || (a.method === 'explicit' ? -1 : 1));
    group.forEach((l, i) => (l.rank = i + 1));
  }
}

/** Captions of the measures (or the sections) of some documents, by id. */
function captions(docs: PolicyDocument[], level: 'measure' | 'section'): Map<string, Caption> {
  const map = new Map<string, Caption>();
  for (const d of docs)
    for (const s of d.sections) {
      if (level === 'section') map.set(s.id, { title: s.titleSimplified, plan: d.id, level: d.level });
      else
        for (const m of s.measures) map.set(m.id, { title: m.titleSimplified, plan: d.id, level: d.level });
    }
  return map;
}
