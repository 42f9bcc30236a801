// Fitting the calibration: labelled measures (and analysts' reviews) → rows of candidate features with
// accept/reject outcomes → a logistic regression, cross-validated by document, and the link threshold
// (a probability) that maximises out-of-fold F1. Used by `plantrace calibrate` and by `npm run eval`.
import type { PolicyDocument } from '../model/document.js';
import { measureCandidates, THRESHOLDS, type MeasureCandidates } from './aligner.js';
import {
  brier,
  crossValidate,
  FEATURES,
  fitLogistic,
  predict,
  reliability,
  type Calibration,
  type ReliabilityBin,
  type Row,
} from './calibration.js';
import type { NationalIndex } from './national-index.js';

/** An analyst's decision on a link (from the graph): CONFIRM / REJECT, or a link the analyst added. */
export interface Review {
  from: string;
  to: string;
  decision: 'CONFIRM' | 'REJECT';
  /** True for links the analyst added (method analyst). */
  added: boolean;
}

export interface LabelledMeasure {
  /** National task ids; [] = no counterpart. */
  tasks: string[];
}

export const L2 = 1;
export const FOLDS = 5;
/**
 * The seeds fixture was labelled in another style (more secondary tasks per measure) than the corpus
 * and the analysts: its rows count half, and the threshold is chosen on the other examples.
 */
export const SEEDS_WEIGHT = 0.5;

/** Weights the seeds' examples by SEEDS_WEIGHT; returns the test "measured on" for fit(). */
export function weighSeeds(
  examples: Example[],
  isSeed: (measureId: string) => boolean,
): (e: Example) => boolean {
  for (const e of examples) e.weight = isSeed(e.measure.id) ? SEEDS_WEIGHT : 1;
  const others = examples.filter((e) => !isSeed(e.measure.id));
  return others.length ? (e) => !isSeed(e.measure.id) : () => true;
}

/** Candidates of every measure of `documents` (aligned group by group: a plan with its interpretation). */
export function candidatesOf(groups: PolicyDocument[][], index: NationalIndex, limit = THRESHOLDS.scored) {
  return groups.flatMap((docs) => measureCandidates(docs, index, limit).measures);
}

export interface Example {
  measure: MeasureCandidates;
  /** The labelled tasks when the measure is fully labelled; null when only some pairs are reviewed. */
  tasks: Set<string> | null;
  /** Outcome of each candidate (index-aligned), null when unknown. */
  y: (0 | 1 | null)[];
  /** Weight of the measure's rows in the fit (default 1). */
  weight?: number;
}

/** Labelled measures and reviews joined to the candidates. Reviews win over fixture labels. */
export function examples(
  measures: MeasureCandidates[],
  labels: Map<string, LabelledMeasure>,
  reviews: Review[] = [],
): Example[] {
  const byMeasure = new Map<string, Review[]>();
  for (const r of reviews) byMeasure.set(r.from, [...(byMeasure.get(r.from) ?? []), r]);
  const out: Example[] = [];
  for (const m of measures) {
    const label = labels.get(m.id);
    const reviewed = byMeasure.get(m.id) ?? [];
    if (!label && reviewed.length === 0) continue;
    let tasks = label ? new Set(label.tasks) : null;
    if (tasks) {
      tasks = new Set(tasks);
      for (const r of reviewed) {
        if (r.decision === 'CONFIRM') tasks.add(r.to);
        else tasks.delete(r.to);
      }
    }
    const y = m.candidates.map((c) => {
      const r = reviewed.find((x) => x.to === c.s.task.id);
      if (r) return r.decision === 'CONFIRM' ? 1 : 0;
      if (tasks) return tasks.has(c.s.task.id) ? 1 : 0;
      return null;
    });
    out.push({ measure: m, tasks, y });
  }
  return out;
}

export function rowsOf(examples: Example[]): { rows: Row[]; at: { e: number; c: number }[] } {
  const rows: Row[] = [];
  const at: { e: number; c: number }[] = [];
  examples.forEach((ex, e) =>
    ex.measure.candidates.forEach((cand, c) => {
      const y = ex.y[c];
      if (y === null || y === undefined) return;
      rows.push({ x: cand.features, y, group: ex.measure.plan.id, w: ex.weight ?? 1 });
      at.push({ e, c });
    }),
  );
  return { rows, at };
}

export interface Decided {
  precision: number;
  recall: number;
  f1: number;
  top1: number;
  brier: number;
  reliability: ReliabilityBin[];
}

const EXPLICIT = FEATURES.indexOf('explicitTask');

/**
 * The aligner's decision rule applied to given probabilities (p[e][c] for candidate c of example e):
 * links at p ≥ threshold (at most three), plus what an explicit statement names; quality against the
 * fully labelled examples, Brier over emitted links and the best rejected candidate of unlinked measures.
 */
export function decide(examples: Example[], p: number[][], threshold: number): Decided {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let top1 = 0;
  let n = 0;
  const scores: number[] = [];
  const outcomes: (0 | 1)[] = [];
  examples.forEach((ex, e) => {
    if (!ex.tasks) return;
    n++;
    const ranked = ex.measure.candidates.map((c, i) => ({ c, i, p: p[e]![i]! })).sort((a, b) => b.p - a.p);
    const emitted = ranked.filter((x) => x.p >= threshold).slice(0, THRESHOLDS.maxLinksPerMeasure);
    for (const x of ranked) if (!emitted.includes(x) && x.c.features[EXPLICIT] === 1) emitted.push(x);
    for (const x of emitted) {
      const ok = ex.tasks.has(x.c.s.task.id);
      if (ok) tp++;
      else fp++;
      scores.push(x.p);
      outcomes.push(ok ? 1 : 0);
    }
    for (const t of ex.tasks) if (!emitted.some((x) => x.c.s.task.id === t)) fn++;
    if (emitted.length === 0 && ranked[0]) {
      scores.push(ranked[0].p);
      outcomes.push(ex.tasks.has(ranked[0].c.s.task.id) ? 1 : 0);
    }
    const primary = [...ex.tasks][0] ?? null;
    if ((emitted[0]?.c.s.task.id ?? null) === primary) top1++;
  });
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    top1: n ? top1 / n : 0,
    brier: brier(scores, outcomes),
    reliability: reliability(scores, outcomes),
  };
}

/** The threshold (0.20 … 0.80) with the best F1 for these probabilities; ties go to the one nearest 0.5. */
export function bestThreshold(examples: Example[], p: number[][]): number {
  let best = { t: 0.5, f1: -1 };
  for (let k = 20; k <= 80; k++) {
    const t = k / 100;
    const f1 = decide(examples, p, t).f1;
    if (f1 > best.f1 + 1e-9 || (Math.abs(f1 - best.f1) <= 1e-9 && Math.abs(t - 0.5) < Math.abs(best.t - 0.5)))
      best = { t, f1 };
  }
  return best.t;
}

/** Probabilities of every candidate under fitted parameters. */
export function probabilities(
  examples: Example[],
  c: Pick<Calibration, 'weights' | 'intercept'>,
): number[][] {
  return examples.map((ex) => ex.measure.candidates.map((cand) => predict(c, cand.features)));
}

export interface FitResult {
  weights: number[];
  intercept: number;
  threshold: number;
  rows: number;
  positives: number;
  crossValidation: Calibration['crossValidation'];
}

/**
 * Fit on the examples: out-of-fold probabilities (folds by document) choose the threshold and give the
 * cross-validated figures; the final weights are fitted on all rows.
 */
export function fit(
  examples: Example[],
  l2 = L2,
  folds = FOLDS,
  /** Which examples the threshold and the cross-validated figures are measured on (default: all). */
  measuredOn: (e: Example) => boolean = () => true,
): FitResult {
  const { rows, at } = rowsOf(examples);
  if (rows.length === 0) throw new Error('no labelled candidates to fit on');
  const oof = crossValidate(rows, folds, l2);
  const p = examples.map((ex) => ex.measure.candidates.map(() => 0));
  at.forEach(({ e, c }, k) => (p[e]![c] = oof[k]!));
  // Candidates without an outcome (partially reviewed measures) get the full model's probability.
  const model = fitLogistic(rows, l2);
  examples.forEach((ex, e) =>
    ex.y.forEach((y, c) => {
      if (y === null) p[e]![c] = predict(model, ex.measure.candidates[c]!.features);
    }),
  );
  const keep = examples.map(measuredOn);
  const measured = examples.filter((_, i) => keep[i]);
  const pm = p.filter((_, i) => keep[i]);
  const threshold = bestThreshold(measured, pm);
  const cv = decide(measured, pm, threshold);
  return {
    weights: model.weights,
    intercept: model.intercept,
    threshold,
    rows: rows.length,
    positives: rows.filter((r) => r.y === 1).length,
    crossValidation: {
      folds: Math.min(folds, new Set(rows.map((r) => r.group)).size),
      brier: cv.brier,
      precision: round(cv.precision),
      recall: round(cv.recall),
      f1: round(cv.f1),
      reliability: cv.reliability,
    },
  };
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
