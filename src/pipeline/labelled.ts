// The labelled corpus read as documents (orchestration: the reader and parser stages), for calibration
// and evaluation; the labels themselves are src/align/labels.ts.
import { existsSync } from 'node:fs';
import type { Labels, Split } from '../align/labels.js';
import type { PolicyDocument } from '../model/document.js';
import { describeRejected, readDocuments } from './documents.js';

/** The labelled documents of each split, parsed (a split is aligned as one batch: plans with their interpretations). */
export async function readLabelledDocuments(
  labels: Labels,
  splits: Split[],
): Promise<Map<Split, PolicyDocument[]>> {
  const out = new Map<Split, PolicyDocument[]>();
  for (const split of splits) {
    const files = labels.documents.filter((d) => d.split === split && existsSync(d.file)).map((d) => d.file);
    const { documents, rejected } = await readDocuments(files);
    for (const r of rejected) process.stderr.write(`${describeRejected(r)}\n`);
    out.set(split, documents);
  }
  return out;
}
