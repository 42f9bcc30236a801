// Quality of an alignment against a labelled fixture (tests/fixtures/alignment-gold.yaml): precision,
// recall and top-1 accuracy of measure links, accuracy of section links.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AlignmentResult } from '../model/alignment.js';

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

export interface AlignmentQuality {
  measures: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of measures whose best link is their primary task (or, with no counterpart, that have none). */
  top1: number;
  /** Measures with no counterpart that were correctly left unaligned / all such measures. */
  noCounterpart: { correct: number; total: number };
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
