// npm run bench:parse — documents per second on 1,000 generated seed-sized documents.
// Baseline in the same run: decoding and splitting the same bytes into lines (the floor any parser pays).
import { parseDocument } from '../src/parse/index.js';
import { generatePlans, seedBytes } from './corpus.js';

const corpus = generatePlans(1000).map((d) => ({ name: d.name, bytes: Buffer.from(d.text) }));
const avgKb = corpus.reduce((s, d) => s + d.bytes.length, 0) / corpus.length / 1024;

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

// Warm-up (JIT, OpenCC dictionaries) on a few documents, not counted.
for (const d of corpus.slice(0, 20)) parseDocument(d.bytes, d.name);

const baseline = time(() => {
  for (const d of corpus) new TextDecoder('utf-8', { fatal: true }).decode(d.bytes).split('\n');
});
let measures = 0;
const heapBefore = process.memoryUsage().heapUsed;
const parse = time(() => {
  for (const d of corpus)
    measures += parseDocument(d.bytes, d.name).sections.reduce((n, s) => n + s.measures.length, 0);
});

console.log(
  `corpus: ${corpus.length} documents, ${avgKb.toFixed(1)} KB each on average (seeds: ${(seedBytes() / 1024).toFixed(1)} KB)`,
);
console.log(
  `parse:    ${parse.toFixed(2)} s  ${(corpus.length / parse).toFixed(0)} documents/s  ${(measures / parse).toFixed(0)} measures/s`,
);
console.log(`baseline: ${baseline.toFixed(3)} s  (decode + split lines only)`);
console.log(`ratio:    parse takes ${(parse / baseline).toFixed(0)}× the decode-and-split baseline`);
console.log(`target:   1,000 documents in under 10 s → ${parse < 10 ? 'met' : 'NOT met'}`);
console.log(`heap growth: ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(0)} MB`);
