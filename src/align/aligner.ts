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
import { toSimplified } from '../parse/script.js';
import { applyCurated, type Caption, type CuratedLink } from './curated.js';
import { FEATURES, predict, readCalibration, type Calibration, type FeatureName } from './calibration.js';
import { concepts } from './features.js';
import { citationLink, explicitLinks, titleSimilarity, type Denial, type ExplicitLinks } from './explicit.js';
import { end, makeLink, remark, upperEnd } from './links.js';
import { NationalIndex, round, type TaskScore } from './national-index.js';

export const THRESHOLDS = {
  /** Uncalibrated rule (no calibration file): a measure links to a task when its final score reaches this. */
  link: 0.65,
  /**
   * Uncalibrated rule: a further link must reach this share of the measure's best score, and rest on a
   * concept of its own (one the best link does not share): a measure implements several tasks when it
   * says something specific to each, not when one term is shared by neighbouring tasks.
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
  /** Candidates per measure described by features (and scored by the calibration) when it has none. */
  scored: 6,
  /**
   * Calibrated: the least probability of a link an explicit statement makes — the share of the reader's
   * explicit links the labels call right on sets it had not seen, counted when each was held out (rounds
   * 10 and 11: 51 of 52 and 52 of 55, so 103 of 107). The texts' features alone put some at 0.03–0.4
   * (a second task the statement names, in words the measure's text does not share).
   */
  stated: 0.96,
};

export interface AlignOptions {
  curated?: CuratedLink[] | null;
  /**
   * Fitted parameters that turn a candidate's features into the probability an expert accepts it
   * (default: data/calibration.json when it exists; null: the uncalibrated noisy-OR rule).
   */
  calibration?: Calibration | null;
  /** Link threshold as a probability, overriding the calibration file's (calibrated scores only). */
  threshold?: number;
}

interface ScoredMeasure {
  plan: PolicyDocument;
  section: Section;
  id: string;
  title: string;
  text: string;
  scores: TaskScore[];
}

/** One candidate link of a measure, with the features the calibration reads. */
export interface CandidateFeatures {
  s: TaskScore;
  /** The noisy-OR score after the structure prior (the uncalibrated score). */
  adjusted: number;
  /** Share of the section's measures pointing to the task's section. */
  share: number;
  features: number[];
}

/** A measure and its best-ranked candidates (by the uncalibrated score). */
export interface MeasureCandidates {
  plan: PolicyDocument;
  section: Section;
  id: string;
  title: string;
  text: string;
  candidates: CandidateFeatures[];
}

// Sections whose measures are aligned. A plan's numbered section the parser could not classify (`other`)
// still holds measures, which still implement something: they are aligned too.
/** Score of a goals → goals section link (structure alone). */
const GOALS_SCORE = 0.9;
const ALIGNED_KINDS = new Set(['action', 'safeguards', 'other']);

/**
 * Every measure of the plans among `documents` with its best candidates and their features. The
 * explicit statements (interpretations, the plans' own text) are read first: they are features too.
 */
export function measureCandidates(
  documents: PolicyDocument[],
  index: NationalIndex,
  limit: number = THRESHOLDS.scored,
): {
  measures: MeasureCandidates[];
  explicit: ExplicitLinks;
  plans: PolicyDocument[];
  interpretations: PolicyDocument[];
} {
  const national = index.document;
  const plans = documents.filter((d) => d.kind === 'plan' && d.id !== national.id);
  const interpretations = documents.filter((d) => d.kind === 'interpretation');
  const explicit = explicitLinks(
    plans,
    interpretations.map((doc) => ({ doc, plan: interpretedPlan(doc, plans) })),
    index,
  );
  const explicitTask = new Set(explicit.measures.map((l) => `${l.from}→${l.to}`));
  const explicitSection = new Set(
    [...explicit.sections, ...explicit.measureSections].map((l) => `${l.from}→${l.to}`),
  );
  const out: MeasureCandidates[] = [];
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
          .map((s) => {
            const share = affinity.get(s.task.section.id) ?? 0;
            return { s, share, adjusted: s.score * (1 - THRESHOLDS.prior * (1 - share)) };
          })
          .sort((a, b) => b.adjusted - a.adjusted);
        const best = adjusted[0]!.adjusted;
        const second = adjusted[1]?.adjusted ?? 0;
        const ownClause = saysSomethingElse(m.text, adjusted[0]!.s);
        const localSafeguard = section.kind === 'safeguards';
        const inTitle = new Set(concepts(m.title, index.vocabulary).keys());
        const candidates = adjusted.slice(0, limit).map((c, i) => {
          const upperSafeguard = c.s.task.section.kind === 'safeguards';
          const x: Record<FeatureName, number> = {
            concept: c.s.concept,
            noConcept: c.s.shared.length === 0 ? 1 : 0,
            concepts: Math.min(3, c.s.shared.length) / 3,
            titleConcept: c.s.shared.some((x) => inTitle.has(x.concept)) ? 1 : 0,
            text: c.s.text,
            title: c.s.titleSimilarity,
            share: c.share,
            noisy: c.s.score,
            adjusted: c.adjusted,
            top: i === 0 ? 1 : 0,
            relative: best > 0 ? c.adjusted / best : 0,
            margin: i === 0 ? c.adjusted - second : c.adjusted - best,
            ownClause: i === 0 || ownClause(c.s) ? 1 : 0,
            explicitTask: explicitTask.has(`${m.id}→${c.s.task.id}`) ? 1 : 0,
            explicitSection:
              explicitSection.has(`${section.id}→${c.s.task.section.id}`) ||
              explicitSection.has(`${m.id}→${c.s.task.section.id}`)
                ? 1
                : 0,
            safeguardPair: localSafeguard && upperSafeguard ? 1 : 0,
            crossKind: localSafeguard !== upperSafeguard ? 1 : 0,
          };
          return { s: c.s, adjusted: c.adjusted, share: c.share, features: FEATURES.map((f) => x[f]) };
        });
        // A task an explicit statement names is a candidate even when the texts rank it lower.
        for (const l of explicit.measures) {
          if (l.from !== m.id || candidates.some((c) => c.s.task.id === l.to)) continue;
          const c = adjusted.find((a) => a.s.task.id === l.to);
          if (!c) continue;
          const f = FEATURES.map((name) =>
            name === 'explicitTask' ? 1 : name === 'relative' ? (best > 0 ? c.adjusted / best : 0) : 0,
          );
          candidates.push({ s: c.s, adjusted: c.adjusted, share: c.share, features: f });
        }
        out.push({ plan, section, id: m.id, title: m.title, text: m.text, candidates });
      }
    }
  }
  return { measures: out, explicit, plans, interpretations };
}

export function align(
  documents: PolicyDocument[],
  index: NationalIndex,
  options: AlignOptions = {},
): AlignmentResult {
  const national = index.document;
  const calibration = options.calibration === undefined ? readCalibration() : options.calibration;
  const threshold = options.threshold ?? calibration?.threshold ?? THRESHOLDS.link;
  const { measures, explicit, plans, interpretations } = measureCandidates(
    documents,
    index,
    calibration?.candidates ?? THRESHOLDS.scored,
  );

  const links: AlignmentLink[] = [];
  const sectionLinks: AlignmentLink[] = [];
  const planLinks: AlignmentLink[] = [];
  const unaligned: Unaligned[] = [];

  for (const plan of plans) {
    const own = measures.filter((m) => m.plan === plan);
    for (const m of own) {
      const scored = m.candidates
        .map((c) => ({ c, score: calibration ? predict(calibration, c.features) : c.adjusted }))
        .sort((a, b) => b.score - a.score);
      const chosen = calibration
        ? scored.filter((x) => x.score >= threshold)
        : scored.filter((x, i) => {
            const best = scored[0]!.score;
            return (
              x.score >= threshold &&
              (i === 0 ||
                (x.score >= best * THRESHOLDS.relative && x.c.features[FEATURES.indexOf('ownClause')] === 1))
            );
          });
      // A statement that the measure has no counterpart in an action or task (or at all) keeps the texts'
      // candidates there from becoming links; a statement naming the task still links it.
      const denials = explicit.denials.filter((d) => d.from === m.id);
      const covers = (d: Denial, x: (typeof scored)[number]) =>
        d.to === null || d.to === x.c.s.task.id || d.to === x.c.s.task.section.id;
      const denied = (x: (typeof scored)[number]) =>
        x.c.features[FEATURES.indexOf('explicitTask')] !== 1 && denials.some((d) => covers(d, x));
      const emitted = chosen.filter((x) => !denied(x)).slice(0, THRESHOLDS.maxLinksPerMeasure);
      // What an explicit statement says is a link even below the threshold: the task it names, or the
      // best task of the action it names for this very measure.
      for (const x of scored)
        if (!emitted.includes(x) && x.c.features[FEATURES.indexOf('explicitTask')] === 1) emitted.push(x);
      for (const l of explicit.measureSections) {
        if (l.from !== m.id || emitted.some((x) => x.c.s.task.section.id === l.to)) continue;
        const best = scored.find((x) => x.c.s.task.section.id === l.to);
        if (best) emitted.push(best);
      }
      emitted.forEach(({ c, score }, i) => {
        const evidence = index.evidence(c.s, m.text);
        if (c.share > 0)
          evidence.push(
            remark(
              'structure',
              `${Math.round(c.share * 100)}% of the measures of “${m.section.titleSimplified}” point to “${c.s.task.section.titleSimplified}”`,
              c.share,
            ),
          );
        const stated = [
          ...explicit.measures.filter((l) => l.from === m.id && l.to === c.s.task.id),
          ...explicit.measureSections.filter((l) => l.from === m.id && l.to === c.s.task.section.id),
        ];
        evidence.unshift(...stated.flatMap((l) => l.evidence));
        links.push(
          makeLink(m, plan.id, c.s.task, score, stated.length ? 'explicit' : 'lexical', evidence, i + 1),
        );
      });
      if (emitted.length === 0) {
        const candidates: Candidate[] = scored.slice(0, THRESHOLDS.candidates).map((x) => {
          const evidence = index.evidence(x.c.s, m.text, 4);
          // Why a candidate over the threshold is not a link: the statement saying so.
          if (x.score >= threshold && denied(x))
            evidence.unshift(
              ...denials
                .filter((d) => covers(d, x))
                .map((d) => ({
                  ...d.evidence,
                  kind: 'note' as const,
                  text: `no counterpart, says: ${d.evidence.text}`,
                })),
            );
          return { to: x.c.s.task.id, toTitle: x.c.s.task.title, score: round(x.score), evidence };
        });
        unaligned.push({ id: m.id, title: m.title, plan: plan.id, candidates });
      }
    }
    const sections = plan.sections.filter((s) => ALIGNED_KINDS.has(s.kind) && s.measures.length > 0);
    for (const section of sections) sectionLinks.push(...deriveSectionLinks(section, plan, links, index));
    // Goals answer goals: the plan's 总体要求/主要目标 section restates the upper plan's.
    const upperGoals = national.sections.filter((s) => s.kind === 'goals');
    if (upperGoals.length === 1)
      for (const goals of plan.sections.filter((s) => s.kind === 'goals'))
        sectionLinks.push(
          makeLink(end(goals), plan.id, upperEnd(upperGoals[0]!, national), GOALS_SCORE, 'derived', [
            remark('structure', 'the goals section of the plan restates the goals section of the plan above'),
          ]),
        );
    const cited = citationLink(plan, national);
    planLinks.push(cited ?? derivedPlanLink(plan, national, links, index));
  }

  // Explicit statements (interpretations, the plans' own text): they confirm (or add) section links.
  for (const link of explicit.sections) {
    const existing = sectionLinks.find((l) => l.from === link.from && l.to === link.to);
    if (existing) {
      existing.method = 'explicit';
      existing.score = Math.max(existing.score, link.score);
      existing.evidence.unshift(...link.evidence);
    } else sectionLinks.push(link);
  }
  rerank(sectionLinks);
  rerank(links);
  // A link a statement makes is as sure as the reader's statements are, whatever the texts say (after
  // ranking: the texts still tell which of a measure's links is its main counterpart).
  if (calibration)
    for (const l of links) if (l.method === 'explicit') l.score = Math.max(l.score, THRESHOLDS.stated);

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
    // A safeguards section gathers unlike measures (coordination, funding, monitoring, publicity): it
    // answers the upper safeguards section its linked measures point to, scored by those measures alone.
    const safeguards = section.kind === 'safeguards' && target.kind === 'safeguards';
    const score = safeguards ? (linked ? sum / linked : 0) : sum / section.measures.length;
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

/**
 * The plan an interpretation explains: the one whose document number it cites, else the one whose title
 * its quoted name or its own title restates (character pairs, any script: both are Simplified here),
 * preferring plans of the same region; else the only plan of its region.
 */
export function interpretedPlan(
  interpretation: PolicyDocument,
  plans: PolicyDocument[],
): PolicyDocument | null {
  if (plans.length === 0) return null;
  const text = toSimplified(
    [
      interpretation.title,
      interpretation.preamble,
      ...interpretation.sections.slice(0, 3).map((s) => s.text),
    ].join('\n'),
  );
  const byNumber = plans.filter((p) => p.docNumber && text.includes(toSimplified(p.docNumber)));
  if (byNumber.length === 1) return byNumber[0]!;
  const sameRegion = (p: PolicyDocument) => !!p.regionCode && p.regionCode === interpretation.regionCode;
  const names = [
    interpretation.interprets ?? '',
    interpretation.titleSimplified.replace(/(?:政策)?解读.*$/, ''),
    ...[...text.matchAll(/《([^》]{6,80})》/g)].map((m) => m[1]!),
  ].filter((n) => n.length >= 4);
  const ranked = plans
    .map((p) => ({
      p,
      s: Math.max(0, ...names.map((n) => titleSimilarity(n, p.titleSimplified))) + (sameRegion(p) ? 0.2 : 0),
    }))
    .sort((a, b) => b.s - a.s);
  const [best, second] = ranked;
  if (best && best.s >= 0.6 && (!second || second.s < best.s - 0.05)) return best.p;
  const regional = plans.filter(sameRegion);
  return regional.length === 1 ? regional[0]! : null;
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
