// The calibration: the logistic fit, the reliability table and Brier score, the parameters file, and
// `plantrace calibrate`'s refusal of a refit that lowers F1 on the held-out fold.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brier,
  defaultCalibrationFile,
  FEATURES,
  fitLogistic,
  parseCalibration,
  predict,
  readCalibration,
  reliability,
  type Row,
} from '../../src/align/calibration.js';
import { readLabels } from '../../src/align/labels.js';
import { calibrate } from '../../src/cli/calibrate.js';
import { packageRoot } from '../../src/paths.js';
import { random } from '../support/corpus-text.js';

describe('logistic regression (IRLS, L2)', () => {
  it('recovers the weights that generated the data', () => {
    const rnd = random(7);
    const truth = { intercept: -1, weights: [3, -2] };
    const rows: Row[] = Array.from({ length: 4000 }, (_, i) => {
      const x = [rnd() * 2 - 1, rnd() * 2 - 1];
      return { x, y: rnd() < predict(truth, x) ? 1 : 0, group: `g${i % 5}` };
    });
    const fitted = fitLogistic(rows, 0.01);
    expect(fitted.intercept).toBeCloseTo(-1, 0);
    expect(fitted.weights[0]).toBeCloseTo(3, 0);
    expect(fitted.weights[1]).toBeCloseTo(-2, 0);
  });

  it('shrinks the weights with a larger penalty, never the intercept', () => {
    const rows: Row[] = [
      { x: [1], y: 1, group: 'a' },
      { x: [1], y: 1, group: 'a' },
      { x: [0], y: 0, group: 'b' },
      { x: [0], y: 1, group: 'b' },
    ];
    const loose = fitLogistic(rows, 0.01);
    const tight = fitLogistic(rows, 100);
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
    // With the weight shrunk to ~0, the intercept alone fits the base rate (3 of 4).
    expect(predict(tight, [0.5])).toBeCloseTo(0.75, 1);
  });
});

describe('reliability and Brier', () => {
  it('bins scores by tenths and reports the share correct', () => {
    const table = reliability([0.05, 0.72, 0.78, 0.95, 1], [0, 1, 0, 1, 1]);
    expect(table).toHaveLength(10);
    expect(table[0]).toEqual({ bin: '0.0–0.1', count: 1, meanScore: 0.05, correct: 0 });
    expect(table[7]).toEqual({ bin: '0.7–0.8', count: 2, meanScore: 0.75, correct: 0.5 });
    expect(table[9]).toMatchObject({ count: 2, correct: 1 });
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.0833, 4);
  });
});

describe('the parameters file', () => {
  it('is versioned, fitted on the features the aligner computes, and never on held-out documents', () => {
    const c = readCalibration()!;
    expect(c.version).toBeGreaterThanOrEqual(1);
    expect(c.features).toEqual([...FEATURES]);
    expect(c.threshold).toBeGreaterThan(0);
    expect(c.threshold).toBeLessThan(1);
    const heldout = readLabels(packageRoot)
      .documents.filter((d) => d.split === 'heldout')
      .map((d) => d.id);
    expect(heldout.length).toBeGreaterThan(0);
    for (const id of heldout) expect(c.data.sources.join(' ')).not.toContain(id);
  });

  it('is refused when fitted on other features', () => {
    const c = JSON.parse(readFileSync(defaultCalibrationFile, 'utf8')) as { features: string[] };
    c.features = c.features.slice(1);
    expect(() => parseCalibration(JSON.stringify(c))).toThrow(/fitted on features/);
  });

  it('is read by the Cypher of reviews through parameters only, read-only', () => {
    const text = readFileSync(path.join(packageRoot, 'cypher/calibration-reviews.cypher'), 'utf8');
    expect(text).toMatch(/\$limit/);
    expect(text).not.toMatch(/\b(MERGE|CREATE|SET|DELETE)\b/);
    expect(text).toMatch(/r\.review IN \['CONFIRM', 'REJECT'\]/);
  });
});

describe('plantrace calibrate', () => {
  it('compares before and after on a held-out fold, refuses a lower F1 unless forced, and bumps the version', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-calibrate-'));
    const output = path.join(dir, 'calibration.json');
    copyFileSync(defaultCalibrationFile, output);
    const current = parseCalibration(readFileSync(output, 'utf8'));
    const run = await calibrate([], { reviews: false, dryRun: true, output });
    const before = /before \([^)]*\): precision \S+ recall \S+ F1 (\S+)/.exec(run.report)!;
    const after = /after \(refit\):\s+precision \S+ recall \S+ F1 (\S+)/.exec(run.report)!;
    expect(before).not.toBeNull();
    expect(after).not.toBeNull();
    expect(run.refused).toBe(Number(after[1]) < Number(before[1]));
    const forced = await calibrate([], { reviews: false, dryRun: true, force: true, output });
    expect(forced.refused).toBe(false);
    expect(forced.written!.version).toBe(current.version + 1);
    expect(forced.written!.data.sources.some((s) => s.includes('沪府发-2024-12'))).toBe(true);
    // A dry run writes nothing.
    expect(parseCalibration(readFileSync(output, 'utf8')).version).toBe(current.version);
  }, 120_000);
});
