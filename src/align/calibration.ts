// Calibrated link scores. Every candidate (a local measure × one of its best-ranked upper tasks) is
// described by the features the aligner already computes (features below); a logistic regression fitted
// on labelled data turns them into the probability that an expert accepts the link. The fitted
// parameters live in a versioned file (data/calibration.json) that the aligner reads and that
// `plantrace calibrate` rewrites from the labelled fixtures and the analysts' reviews.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataDir } from '../paths.js';

/** The features of one candidate link, each in [0, 1] or [-1, 1]; order matters (weights follow it). */
export const FEATURES = [
  /** Concept evidence: 1 - exp(-Σ idf / 4). */
  'concept',
  /** No policy concept shared at all (the score rests on words and character pairs alone). */
  'noConcept',
  /** Shared concepts, counted up to 3, / 3. */
  'concepts',
  /** A shared concept is in the measure's title. */
  'titleConcept',
  /** TF-IDF cosine over words and character pairs, stretched ×2 and capped at 1. */
  'text',
  /** Character-pair Dice of the two titles. */
  'title',
  /** Share of the local section's measures whose best task lies in this task's section. */
  'share',
  /** The three text signals combined as a noisy OR (the uncalibrated score). */
  'noisy',
  /** The noisy OR after the structure prior. */
  'adjusted',
  /** 1 for the measure's best-ranked task. */
  'top',
  /** adjusted / the measure's best adjusted score. */
  'relative',
  /** adjusted − the best other candidate's adjusted score (positive only for the top task). */
  'margin',
  /** The candidate rests on a concept stated in a clause the best task's concepts do not touch. */
  'ownClause',
  /** An explicit statement links this measure to this task. */
  'explicitTask',
  /** An explicit statement links the measure's section to this task's section. */
  'explicitSection',
  /** Both ends are organisation/safeguard provisions (组织实施, 保障措施, 政策措施). */
  'safeguardPair',
  /** One end is a safeguard provision and the other an action's task. */
  'crossKind',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export const CalibrationFile = z.object({
  /** Incremented by every refit that is written. */
  version: z.number().int().min(1),
  fittedAt: z.string(),
  method: z.string(),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  intercept: z.number(),
  /** L2 penalty used in the fit (on the weights, not the intercept). */
  l2: z.number().min(0),
  /** A measure links to a task whose probability reaches this. */
  threshold: z.number().min(0).max(1),
  /** Candidates per measure that are scored (the best-ranked by the uncalibrated score). */
  candidates: z.number().int().min(1),
  /** What the fit was made from. */
  data: z.object({
    sources: z.array(z.string()),
    measures: z.number().int().min(0),
    rows: z.number().int().min(0),
    positives: z.number().int().min(0),
    reviews: z.number().int().min(0),
  }),
  /** Out-of-fold quality on the fitting data (cross-validated by document). */
  crossValidation: z
    .object({
      folds: z.number().int(),
      brier: z.number(),
      precision: z.number(),
      recall: z.number(),
      f1: z.number(),
      reliability: z.array(
        z.object({ bin: z.string(), count: z.number(), meanScore: z.number(), correct: z.number() }),
      ),
    })
    .nullable(),
  /** When written by `plantrace calibrate`: the held-out fold's figures before and after. */
  heldOutFold: z
    .object({
      documents: z.array(z.string()),
      before: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }),
      after: z.object({ precision: z.number(), recall: z.number(), f1: z.number() }),
      forced: z.boolean(),
    })
    .nullable()
    .default(null),
});
export type Calibration = z.infer<typeof CalibrationFile>;

export const defaultCalibrationFile = path.join(dataDir, 'calibration.json');

let cached: { file: string; value: Calibration | null } | null = null;

/** The fitted parameters (null when the file does not exist: the aligner then uses its uncalibrated rule). */
export function readCalibration(file = defaultCalibrationFile): Calibration | null {
  if (cached?.file === file) return cached.value;
  const value = existsSync(file) ? parseCalibration(readFileSync(file, 'utf8'), file) : null;
  cached = { file, value };
  return value;
}

export function parseCalibration(json: string, file = 'calibration'): Calibration {
  const value = CalibrationFile.parse(JSON.parse(json));
  if (value.features.join() !== FEATURES.join())
    throw new Error(
      `${file}: fitted on features [${value.features.join(', ')}], the aligner computes [${FEATURES.join(', ')}]`,
    );
  if (value.weights.length !== FEATURES.length) throw new Error(`${file}: ${value.weights.length} weights`);
  return value;
}

export function writeCalibration(value: Calibration, file = defaultCalibrationFile): void {
  writeFileSync(file, `${JSON.stringify(CalibrationFile.parse(value), null, 2)}\n`);
  if (cached?.file === file) cached = null;
}

export function predict(c: Pick<Calibration, 'weights' | 'intercept'>, x: readonly number[]): number {
  let z = c.intercept;
  for (let i = 0; i < x.length; i++) z += c.weights[i]! * x[i]!;
  return sigmoid(z);
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export interface Row {
  x: number[];
  y: 0 | 1;
  /** The fold key (a document id): rows of one document are held out together. */
  group: string;
  /** Sample weight (default 1). */
  w?: number;
}

/**
 * L2-penalised logistic regression by iteratively reweighted least squares (Newton's method): a dozen
 * features and a few thousand rows converge in a handful of iterations. The intercept is not penalised.
 */
export function fitLogistic(rows: Row[], l2 = 1, iterations = 50): { weights: number[]; intercept: number } {
  const d = (rows[0]?.x.length ?? FEATURES.length) + 1;
  const beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const r of rows) {
      const xi = [1, ...r.x];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * xi[j]!;
      const p = sigmoid(z);
      const w = r.w ?? 1;
      const s = Math.max(p * (1 - p), 1e-9) * w;
      for (let j = 0; j < d; j++) {
        grad[j]! += w * (r.y - p) * xi[j]!;
        for (let k = j; k < d; k++) hess[j]![k]! += s * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    for (let j = 1; j < d; j++) {
      grad[j]! -= l2 * beta[j]!;
      hess[j]![j]! += l2;
    }
    hess[0]![0]! += 1e-6;
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j]! += step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-7) break;
  }
  return { intercept: beta[0]!, weights: beta.slice(1) };
}

/** Gaussian elimination with partial pivoting (the Hessian is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/** Out-of-fold probabilities: each group's rows predicted by a model fitted on the other groups. */
export function crossValidate(rows: Row[], folds: number, l2: number): number[] {
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const foldOf = new Map(groups.map((g, i) => [g, i % Math.min(folds, groups.length)]));
  const out = new Array<number>(rows.length).fill(0);
  const k = Math.min(folds, groups.length);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((r) => foldOf.get(r.group) !== f);
    const model = fitLogistic(train, l2);
    rows.forEach((r, i) => {
      if (foldOf.get(r.group) === f) out[i] = predict(model, r.x);
    });
  }
  return out;
}

export interface ReliabilityBin {
  bin: string;
  count: number;
  meanScore: number;
  /** Share of the bin's links that are correct. */
  correct: number;
}

/** Reliability table (bins 0–0.1 … 0.9–1) of scores against outcomes. */
export function reliability(scores: number[], outcomes: (0 | 1)[]): ReliabilityBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ i, sum: 0, hit: 0, n: 0 }));
  scores.forEach((s, k) => {
    const b = bins[Math.min(9, Math.floor(s * 10))]!;
    b.n++;
    b.sum += s;
    b.hit += outcomes[k]!;
  });
  return bins.map((b) => ({
    bin: `${(b.i / 10).toFixed(1)}–${((b.i + 1) / 10).toFixed(1)}`,
    count: b.n,
    meanScore: b.n ? round(b.sum / b.n) : 0,
    correct: b.n ? round(b.hit / b.n) : 0,
  }));
}

export function brier(scores: number[], outcomes: (0 | 1)[]): number {
  if (scores.length === 0) return 0;
  return round(scores.reduce((s, p, i) => s + (p - outcomes[i]!) ** 2, 0) / scores.length, 4);
}

export function formatReliability(table: ReliabilityBin[]): string {
  const lines = ['bin       count  mean score  share correct'];
  for (const b of table)
    lines.push(
      `${b.bin.padEnd(9)} ${String(b.count).padStart(5)}  ${b.count ? b.meanScore.toFixed(3) : '    -'}       ${b.count ? b.correct.toFixed(3) : '    -'}`,
    );
  return lines.join('\n');
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
