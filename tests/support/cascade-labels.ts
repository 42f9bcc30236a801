// The cascade corpus's gold labels (tests/fixtures/corpus/labels/cascade.yaml), written by a labeller who
// had not read the aligner, and the figures computed from them: child → parent top-1, recall, precision.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import type { CascadeResult } from '../../src/model/alignment.js';

const Labels = z.object({
  documents: z.array(
    z.object({
      file: z.string(),
      id: z.string(),
      level: z.enum(['national', 'provincial', 'municipal', 'county']),
      parent: z.string().nullable().optional(),
      split: z.enum(['tuning', 'heldout']),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      parent: z.array(z.string()).default([]),
      national: z.array(z.string()).default([]),
    }),
  ),
  obligations: z.array(
    z.object({
      plan: z.string(),
      line: z.number(),
      text: z.string(),
      due: z
        .union([z.string(), z.date()])
        .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
      subject: z.string().nullable(),
      what: z.string(),
      plan_obligation: z.boolean(),
    }),
  ),
  status: z.array(
    z.object({
      obligation_line: z.number(),
      plan: z.string(),
      region: z.string(),
      child: z.string().nullable(),
      status: z.enum(['on_time', 'late', 'not_issued']),
    }),
  ),
});
export type CascadeLabels = z.infer<typeof Labels>;

export const CORPUS = 'tests/fixtures/corpus';
export function cascadeLabels(): CascadeLabels {
  // YAML 1.1 dates (2025-06-30) arrive as Date objects; the schema turns them back into ISO strings.
  return Labels.parse(YAML.parse(readFileSync(`${CORPUS}/labels/cascade.yaml`, 'utf8'), { version: '1.1' }));
}

export interface ParentFigures {
  measures: number;
  top1: number;
  recall: number;
  precision: number;
  /** Measures labelled "no counterpart one level up" that got a link to a parent measure. */
  forced: string[];
  errors: string[];
}

/** Child → parent figures for the municipal and county plans of one split. */
export function parentFigures(
  result: CascadeResult,
  labels: CascadeLabels,
  split: 'tuning' | 'heldout',
): ParentFigures {
  const docs = new Map(labels.documents.map((d) => [d.id, d]));
  const planOf = (id: string) => id.split('/')[0]!;
  const inSplit = labels.measures.filter((m) => {
    const d = docs.get(planOf(m.id));
    return d && d.split === split && (d.level === 'municipal' || d.level === 'county');
  });
  const parentLinks = (id: string) =>
    result.links
      .filter((l) => l.from === id && l.toLevel !== 'national')
      .sort((a, b) => a.rank - b.rank || b.score - a.score);
  let top1 = 0;
  let withParent = 0;
  let found = 0;
  let labelled = 0;
  let emitted = 0;
  let correct = 0;
  const forced: string[] = [];
  const errors: string[] = [];
  for (const m of inSplit) {
    const links = parentLinks(m.id);
    emitted += links.length;
    correct += links.filter((l) => m.parent.includes(l.to)).length;
    for (const l of links) if (!m.parent.includes(l.to)) errors.push(`false ${m.id} → ${l.to} (${l.score})`);
    if (m.parent.length === 0) {
      if (links.length) forced.push(m.id);
      continue;
    }
    withParent++;
    labelled += m.parent.length;
    found += m.parent.filter((p) => links.some((l) => l.to === p)).length;
    if (links[0] && m.parent.includes(links[0].to)) top1++;
    else errors.push(`top-1 ${m.id}: ${links[0]?.to ?? 'none'} (labelled ${m.parent.join(', ')})`);
  }
  return {
    measures: inSplit.length,
    top1: withParent ? top1 / withParent : 0,
    recall: labelled ? found / labelled : 0,
    precision: emitted ? correct / emitted : 0,
    forced,
    errors,
  };
}
