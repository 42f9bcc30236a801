// npm run eval — alignment quality on the labelled data. Fits nothing and writes nothing: it reads the
// calibration the aligner reads (data/calibration.json, fitted by `plantrace calibrate` on the seeds and
// the corpus's TUNING split) and reports
//   1. the seeds fixture (in-sample), uncalibrated rule vs calibrated scores;
//   2. the tuning split, cross-validated by document (a refit here, for the figures only);
//   3. the HELD-OUT split (documents never used for fitting, thresholds or vocabulary): last line.
// `--errors` also lists the held-out errors (read them only once tuning is over).
import path from 'node:path';
import { align, loadNational, NationalIndex } from '../src/align/index.js';
import { defaultCalibrationFile, formatReliability, readCalibration } from '../src/align/calibration.js';
import { evaluateLabels, type LabelledQuality } from '../src/align/evaluate.js';
import { candidatesOf, examples, fit, FOLDS, L2, weighSeeds } from '../src/align/fit.js';
import { labelsOf, readLabels, type Labels, type Split } from '../src/align/labels.js';
import { readLabelledDocuments } from '../src/pipeline/labelled.js';
import type { PolicyDocument } from '../src/model/document.js';
import { packageRoot } from '../src/paths.js';

const showErrors = process.argv.includes('--errors');
const showTuningErrors = process.argv.includes('--tuning-errors');
/** While tuning: leave the held-out split alone (not even read). */
const tuningOnly = process.argv.includes('--tuning-only');
const national = await loadNational();
const index = new NationalIndex(national);
const labels = readLabels(packageRoot);
const docs = await readLabelledDocuments(
  labels,
  tuningOnly ? ['seeds', 'tuning'] : ['seeds', 'tuning', 'heldout'],
);
const calibration = readCalibration();
if (!calibration) throw new Error(`${defaultCalibrationFile} is missing: run plantrace calibrate first`);
const heldoutIds = new Set(labels.documents.filter((d) => d.split === 'heldout').map((d) => d.id));
const leaked = calibration.data.sources.filter((s) => [...heldoutIds].some((id) => s.includes(id)));
if (leaked.length) throw new Error(`the calibration was fitted on held-out documents: ${leaked.join(', ')}`);

const f = (x: number) => x.toFixed(3);
const line = (q: LabelledQuality) =>
  `P ${f(q.precision)} R ${f(q.recall)} F1 ${f(q.f1)} top-1 ${f(q.top1)} ` +
  `no-counterpart ${q.noCounterpart.correct}/${q.noCounterpart.total} sections ${q.sections.correct}/${q.sections.total} ` +
  `explicit ${q.explicit.found}/${q.explicit.total} (links right ${q.explicitLinks.right}/${q.explicitLinks.emitted}) brier ${q.brier.toFixed(4)}`;

function quality(split: Split, calibrated: boolean): LabelledQuality {
  const l: Labels = labelsOf(labels, [split]);
  const result = align(docs.get(split) ?? [], index, {
    curated: null,
    calibration: calibrated ? calibration : null,
  });
  return evaluateLabels(result, l.measures, l.explicit, l.sections);
}

console.log(
  `calibration: ${path.relative(packageRoot, defaultCalibrationFile)} v${calibration.version}, threshold ${calibration.threshold}, fitted on ${calibration.data.sources.join(', ')}`,
);
console.log(`seeds (in-sample)   uncalibrated: ${line(quality('seeds', false))}`);
const seeds = quality('seeds', true);
console.log(`seeds (in-sample)   calibrated:   ${line(seeds)}`);
if (showTuningErrors) console.log(`  ${seeds.errors.join('\n  ')}`);
const tuning = quality('tuning', true);
console.log(`tuning (in-sample)  calibrated:   ${line(tuning)}`);
if (showTuningErrors) console.log(`  ${tuning.errors.join('\n  ')}`);

// Cross-validated on the fitting data (seeds + tuning), folds by document; figures on the tuning measures.
const fitGroups: PolicyDocument[][] = [docs.get('seeds') ?? [], docs.get('tuning') ?? []];
const fitLabels = labelsOf(labels, ['seeds', 'tuning']).measures;
const fitExamples = examples(candidatesOf(fitGroups, index, calibration.candidates), fitLabels);
const cv = fit(
  fitExamples,
  L2,
  FOLDS,
  weighSeeds(fitExamples, (id) => fitLabels.get(id)?.split === 'seeds'),
);
console.log(
  `tuning (cross-validated by document, fitted with the seeds, ${cv.crossValidation!.folds} folds): P ${f(cv.crossValidation!.precision)} ` +
    `R ${f(cv.crossValidation!.recall)} F1 ${f(cv.crossValidation!.f1)} brier ${cv.crossValidation!.brier.toFixed(4)} (threshold chosen ${cv.threshold})`,
);
console.log(formatReliability(cv.crossValidation!.reliability));

if (tuningOnly) process.exit(0);
const held = quality('heldout', true);
console.log(
  `\nheld-out (${held.measures} measures, ${held.explicit.total} explicit statements): ${line(held)}`,
);
console.log(formatReliability(held.reliability));
if (showErrors) console.log(`  ${held.errors.join('\n  ')}`);
console.log(
  `align (held-out): top-1 ${f(held.top1)} recall ${f(held.recall)} precision ${f(held.precision)} ` +
    `explicit ${f(held.explicit.total ? held.explicit.found / held.explicit.total : 1)} brier ${held.brier.toFixed(4)}`,
);
