// npm run bench:align — 10,000 generated local measures aligned against the national catalog.
// Baseline in the same run: computing the measures' text features alone (segmentation, concepts and
// character pairs), the floor any lexical aligner pays before it compares anything.
import { align, loadNational, NationalIndex } from '../src/align/index.js';
import type { PolicyDocument } from '../src/model/document.js';
import { parseDocument } from '../src/parse/index.js';
import { generatePlans } from './corpus.js';

const TARGET_MEASURES = 10_000;
const plans: PolicyDocument[] = [];
let measures = 0;
for (const d of generatePlans(1200)) {
  if (measures >= TARGET_MEASURES) break;
  const doc = parseDocument(Buffer.from(d.text), d.name);
  plans.push(doc);
  measures += doc.sections.reduce((n, s) => n + s.measures.length, 0);
}

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, (performance.now() - t) / 1000];
};

const nationalPlan = await loadNational();
const [index, indexTime] = time(() => new NationalIndex(nationalPlan));
// Warm-up on a few plans (JIT, segmenter dictionaries), not counted.
align(plans.slice(0, 5), index, { curated: null });

const [, baseline] = time(() => {
  for (const p of plans)
    for (const s of p.sections) for (const m of s.measures) index.features(m.textSimplified);
});
const [result, total] = time(() => align(plans, index, { curated: null }));

console.log(
  `corpus:   ${plans.length} generated plans, ${measures} measures, against ${index.tasks.length} national tasks`,
);
console.log(`index:    ${(indexTime * 1000).toFixed(0)} ms to index the national catalog`);
console.log(
  `align:    ${total.toFixed(2)} s  ${(measures / total).toFixed(0)} measures/s  (${result.links.length} links, ${result.unaligned.length} unaligned)`,
);
console.log(`baseline: ${baseline.toFixed(2)} s  (text features only)`);
console.log(`ratio:    aligning takes ${(total / baseline).toFixed(2)}× the feature-extraction baseline`);
console.log(`target:   ${TARGET_MEASURES} measures in under 5 s → ${total < 5 ? 'met' : 'NOT met'}`);
