// Quality of an alignment against a labelled fixture (tests/fixtures/alignment-gold.yaml): precision,
// recall and top-1 accuracy of measure links, accuracy of section links.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AlignmentLink, AlignmentResult } from '../model/alignment.js';
import { brier, reliability, type ReliabilityBin } from './calibration.js';
import type { ExplicitLabel, MeasureLabel } from './labels.js';

const Gold = z.object({
  national: z.string(),
  measures: z.record(
    z.string(),
    z.object({ primary: z.string().nullable(), also: z.array(z.string()).default([]) }),
  ),
  sections: z.record(z.string(), z.string().nullable()),
});
export type Gold = z.infer<typeof Gold>;

export function readGold(file: string): Gold {
  return Gold.parse(parse(readFileSync(file, 'utf8')));
}

/** The measure-level figures every evaluation reports. */
export interface MeasureQuality {
  measures: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of measures whose best link is their primary task (or, with no counterpart, that have none). */
  top1: number;
  /** Measures with no counterpart that were correctly left unaligned / all such measures. */
  noCounterpart: { correct: number; total: number };
}

export interface AlignmentQuality extends MeasureQuality {
  sectionAccuracy: number;
  errors: string[];
}

export function evaluate(result: AlignmentResult, gold: Gold): AlignmentQuality {
  const full = (id: string) => `${gold.national}/${id}`;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let top1 = 0;
  const none = { correct: 0, total: 0 };
  const errors: string[] = [];
  for (const [measure, g] of Object.entries(gold.measures)) {
    const expected = new Set([g.primary, ...g.also].filter((x): x is string => !!x).map(full));
    const found = result.links.filter((l) => l.from === measure).sort((a, b) => a.rank - b.rank);
    for (const l of found) {
      if (expected.has(l.to)) tp++;
      else {
        fp++;
        errors.push(`false link ${measure} → ${l.to} (${l.score})`);
      }
    }
    for (const e of expected)
      if (!found.some((l) => l.to === e)) {
        fn++;
        errors.push(`missed ${measure} → ${e}`);
      }
    const best = found[0]?.to ?? null;
    if (best === (g.primary ? full(g.primary) : null)) top1++;
    if (!g.primary) {
      none.total++;
      if (found.length === 0) none.correct++;
    }
  }
  let sectionsRight = 0;
  for (const [section, g] of Object.entries(gold.sections)) {
    const best =
      result.sectionLinks.filter((l) => l.from === section).sort((a, b) => a.rank - b.rank)[0]?.to ?? null;
    if (best === (g ? full(g) : null)) sectionsRight++;
    else errors.push(`section ${section}: expected ${g ?? 'none'}, got ${best ?? 'none'}`);
  }
  const n = Object.keys(gold.measures).length;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    measures: n,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    top1: top1 / n,
    noCounterpart: none,
    sectionAccuracy: sectionsRight / Object.keys(gold.sections).length,
    errors,
  };
}

export interface LabelledQuality extends MeasureQuality {
  /** Labelled explicit statements found as explicit links (local → the national action or one of its tasks). */
  explicit: { found: number; total: number };
  /**
   * Explicit links from statements whose local end is labelled, and how many of them the labels call right
   * (a measure's link to one of its tasks, a section's link to one of its national sections): the
   * statements' precision, which `explicit` (their recall) does not show.
   */
  explicitLinks: { right: number; emitted: number };
  /** Sections whose best link is one of their labelled national sections (or none when none). */
  sections: { correct: number; total: number };
  /** Over emitted links and the best rejected candidate of each unaligned measure. */
  brier: number;
  reliability: ReliabilityBin[];
  errors: string[];
}

/** Quality of an alignment against labels (measure ids → national task ids), on the labelled measures given. */
export function evaluateLabels(
  result: AlignmentResult,
  measures: Map<string, MeasureLabel>,
  explicit: ExplicitLabel[] = [],
  sections: Map<string, { national: string[] }> = new Map(),
): LabelledQuality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let top1 = 0;
  const none = { correct: 0, total: 0 };
  const errors: string[] = [];
  const scores: number[] = [];
  const outcomes: (0 | 1)[] = [];
  const linksFrom = new Map<string, AlignmentLink[]>();
  for (const l of result.links) linksFrom.set(l.from, [...(linksFrom.get(l.from) ?? []), l]);
  const unaligned = new Map(result.unaligned.map((u) => [u.id, u]));
  for (const [measure, g] of measures) {
    const expected = new Set(g.tasks);
    const found = (linksFrom.get(measure) ?? []).sort((a, b) => a.rank - b.rank);
    for (const l of found) {
      scores.push(l.score);
      outcomes.push(expected.has(l.to) ? 1 : 0);
      if (expected.has(l.to)) tp++;
      else {
        fp++;
        errors.push(
          `false link ${measure} → ${l.to} (${l.score})${g.tasks.length ? '' : ' [no counterpart]'}`,
        );
      }
    }
    for (const e of expected)
      if (!found.some((l) => l.to === e)) {
        fn++;
        const cand = unaligned.get(measure)?.candidates.find((c) => c.to === e);
        errors.push(`missed ${measure} → ${e}${cand ? ` (candidate ${cand.score})` : ''}`);
      }
    const best = unaligned.get(measure)?.candidates[0];
    if (best) {
      scores.push(best.score);
      outcomes.push(expected.has(best.to) ? 1 : 0);
    }
    if ((found[0]?.to ?? null) === (g.tasks[0] ?? null)) top1++;
    if (g.tasks.length === 0) {
      none.total++;
      if (found.length === 0) none.correct++;
    }
  }
  let explicitFound = 0;
  const taskSection = (id: string) => id.replace(/\/m\d+$/, '');
  const all = [...result.sectionLinks, ...result.links];
  for (const e of explicit) {
    // Found: a link between the two ends whose evidence quotes the statement on the line it is printed on,
    // in the document it is printed in (the same link found from another statement, or from the same line
    // of another document, does not count for this one).
    const links = all.filter(
      (l) =>
        l.method === 'explicit' &&
        l.from === e.local &&
        (l.to === e.national || taskSection(l.to) === e.national),
    );
    const inDocument = (id: string | undefined) =>
      id === e.interpretation || !!id?.startsWith(`${e.interpretation}/`);
    const quotedAt = links.flatMap((l) =>
      l.evidence.filter((x) => x.kind === 'statement' && inDocument(x.source?.id)).map((x) => x.source?.line),
    );
    if (quotedAt.includes(e.line)) explicitFound++;
    else if (links.length)
      errors.push(
        `explicit statement not read: ${e.local} → ${e.national} (line ${e.line}; the link is read from ${quotedAt.length ? `line ${quotedAt.join('/')}` : 'another document'})`,
      );
    else errors.push(`explicit statement not found: ${e.local} → ${e.national} (line ${e.line})`);
  }
  const explicitLinks = { right: 0, emitted: 0 };
  for (const l of [...result.sectionLinks, ...result.links]) {
    if (l.method !== 'explicit' || !l.evidence.some((e) => e.kind === 'statement')) continue;
    const labelled = measures.get(l.from)?.tasks ?? sections.get(l.from)?.national;
    if (!labelled) continue;
    explicitLinks.emitted++;
    if (labelled.includes(l.to)) explicitLinks.right++;
    else
      errors.push(
        `false explicit link ${l.from} → ${l.to}: ${l.evidence.find((e) => e.kind === 'statement')?.text.slice(0, 60)}`,
      );
  }
  let sectionsRight = 0;
  for (const [section, g] of sections) {
    const best =
      result.sectionLinks.filter((l) => l.from === section).sort((a, b) => a.rank - b.rank)[0]?.to ?? null;
    if (best ? g.national.includes(best) : g.national.length === 0) sectionsRight++;
    else errors.push(`section ${section}: expected ${g.national.join('|') || 'none'}, got ${best ?? 'none'}`);
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    measures: measures.size,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    top1: measures.size ? top1 / measures.size : 0,
    noCounterpart: none,
    explicit: { found: explicitFound, total: explicit.length },
    explicitLinks,
    sections: { correct: sectionsRight, total: sections.size },
    brier: brier(scores, outcomes),
    reliability: reliability(scores, outcomes),
    errors,
  };
}
