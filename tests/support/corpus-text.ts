// Text for equivalence tests: every non-empty line of the seeds and the labelled corpus, and a deterministic
// generator for strings built around it (a failure is then the same on every run).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.(txt|md|yaml)$/.test(e.name) ? [p] : [];
  });
}

/** Every non-empty line of the seeds and the labelled corpus. */
export const corpusLines = (): string[] =>
  [...filesUnder('seeds'), ...filesUnder('tests/fixtures/corpus')]
    .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    .filter((l) => l.trim() !== '');

/** A small deterministic generator (mulberry32): numbers in [0, 1). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
