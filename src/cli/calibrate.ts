// `plantrace calibrate [files…]`: refit the aligner's calibration (data/calibration.json) from the labelled
// fixtures (the seeds fixture and the corpus's TUNING split — never its held-out split) plus the
// analysts' reviews in the graph (confirmed / rejected links and the links they added). Prints precision,
// recall and F1 on a held-out fold before (the current file) and after (the refit), and refuses a refit
// that lowers that F1 unless --force. The file is versioned and says what it was fitted on.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import neo4j from 'neo4j-driver';
import { loadNational, NationalIndex, THRESHOLDS } from '../align/index.js';
import {
  defaultCalibrationFile,
  FEATURES,
  formatReliability,
  parseCalibration,
  writeCalibration,
  type Calibration,
} from '../align/calibration.js';
import {
  candidatesOf,
  decide,
  examples,
  fit,
  L2,
  probabilities,
  rowsOf,
  SEEDS_WEIGHT,
  weighSeeds,
  FOLDS,
  type Example,
  type Review,
} from '../align/fit.js';
import { labelsOf, readLabels } from '../align/labels.js';
import { readLabelledDocuments } from '../pipeline/labelled.js';
import { loadConfig } from '../config.js';
import { inTransaction } from '../graph/driver.js';
import { runQuery } from '../graph/cypher.js';
import { graphQueries } from '../graph/queries.js';
import type { PolicyDocument } from '../model/document.js';
import { packageRoot } from '../paths.js';
import { readDocuments, describeRejected } from '../pipeline/documents.js';
import { CliError } from './errors.js';
import { withDriver } from './load.js';

interface CalibrateOptions {
  reviews: boolean;
  force?: boolean;
  dryRun?: boolean;
  output?: string;
  fold?: string[];
}

export function registerCalibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description(
      'refit the link scores (data/calibration.json) from the labelled fixtures and analysts’ reviews',
    )
    .argument('[files...]', 'further documents whose measures analysts reviewed in the graph')
    .option('--no-reviews', 'fit on the labelled fixtures only (no Neo4j needed)')
    .option('--force', 'write the refit even when it lowers F1 on the held-out fold')
    .option('--dry-run', 'fit and report, write nothing')
    .option('--output <file>', 'where to write the parameters', defaultCalibrationFile)
    .option('--fold <planIds...>', 'the documents held out for the before/after comparison')
    .action(async (files: string[], opts: CalibrateOptions) => {
      const out = await calibrate(files, opts);
      process.stdout.write(out.report);
      if (out.refused) process.exitCode = 3;
    });
}

export async function calibrate(
  files: string[],
  opts: CalibrateOptions,
): Promise<{ report: string; refused: boolean; written: Calibration | null }> {
  const lines: string[] = [];
  const say = (s: string) => lines.push(s);
  const output = path.resolve(opts.output ?? defaultCalibrationFile);
  const index = new NationalIndex(await loadNational());
  const labels = readLabels(packageRoot);
  const heldoutIds = new Set(labels.documents.filter((d) => d.split === 'heldout').map((d) => d.id));
  const fitting = labelsOf(labels, ['seeds', 'tuning']);
  const docs = await readLabelledDocuments(labels, ['seeds', 'tuning']);
  const groups: PolicyDocument[][] = [docs.get('seeds') ?? [], docs.get('tuning') ?? []];

  let reviews: Review[] = [];
  if (opts.reviews) {
    const cfg = loadConfig();
    const rows = await withDriver(cfg, (driver) =>
      inTransaction(driver, cfg.NEO4J_DATABASE, 'READ', (tx) =>
        runQuery(tx, graphQueries.calibrationReviews, { limit: neo4j.int(100_000) }),
      ),
    );
    const known = new Set(groups.flat().map((d) => d.id));
    const extraFiles = new Set(files.map((f) => path.resolve(f)));
    for (const r of rows) {
      const plan = r.plan ?? '';
      if (heldoutIds.has(plan)) continue; // the held-out split stays unseen, reviews included
      if (!known.has(plan) && typeof r.file === 'string' && existsSync(r.file))
        extraFiles.add(path.resolve(r.file));
    }
    if (extraFiles.size) {
      const { documents, rejected } = await readDocuments([...extraFiles]);
      for (const r of rejected) say(`skipped ${describeRejected(r)}`);
      const fresh = documents.filter((d) => !known.has(d.id) && !heldoutIds.has(d.id));
      if (fresh.length) groups.push(fresh);
    }
    const measureIds = new Set(
      groups.flat().flatMap((d) => d.sections.flatMap((s) => s.measures.map((m) => m.id))),
    );
    reviews = rows
      .filter((r) => !heldoutIds.has(r.plan ?? ''))
      .map((r) => ({
        from: r.from,
        to: r.to,
        decision: r.decision === 'REJECT' ? ('REJECT' as const) : ('CONFIRM' as const),
        added: r.added === true,
      }));
    const usable = reviews.filter((r) => measureIds.has(r.from));
    say(
      `reviews in the graph: ${rows.length} (${usable.length} on measures of documents at hand` +
        `${rows.length - usable.length ? `; ${rows.length - usable.length} skipped: document not found or held out` : ''})`,
    );
    reviews = usable;
  }

  const limit = THRESHOLDS.scored;
  const all = examples(candidatesOf(groups, index, limit), fitting.measures, reviews);
  const measuredOn = weighSeeds(
    all,
    (id) => fitting.measures.get(id)?.split === 'seeds' && !reviews.some((r) => r.from === id),
  );
  const plans = [...new Set(all.map((e) => e.measure.plan.id))].sort();
  // Default fold: every fifth plan of those the threshold is measured on (the corpus and reviewed ones).
  const measuredPlans = [...new Set(all.filter(measuredOn).map((e) => e.measure.plan.id))].sort();
  const foldIds = new Set(
    opts.fold?.length
      ? opts.fold
      : (measuredPlans.length ? measuredPlans : plans).filter((_, i) => i % 5 === 0),
  );
  const inFold = (e: Example) => foldIds.has(e.measure.plan.id);
  const train = all.filter((e) => !inFold(e));
  const fold = all.filter(inFold);
  if (fold.length === 0 || train.length === 0)
    throw new CliError(
      `the held-out fold (${[...foldIds].join(', ')}) must hold some, not all, labelled documents`,
    );

  // The current parameters; a file fitted on other features (an older aligner) cannot score these
  // candidates: the comparison is then against the uncalibrated rule, and the version still goes up.
  let current: Calibration | null = null;
  let previousVersion = 0;
  if (existsSync(output)) {
    const text = readFileSync(output, 'utf8');
    previousVersion = Number((JSON.parse(text) as { version?: unknown }).version) || 0;
    try {
      current = parseCalibration(text, output);
    } catch (err) {
      say(
        `current ${path.basename(output)} is not usable here (${(err as Error).message.split(':').slice(-1)[0]!.trim()})`,
      );
    }
  }
  const before = current
    ? decide(fold, probabilities(fold, current), current.threshold)
    : decide(
        fold,
        fold.map((e) => e.measure.candidates.map((c) => c.adjusted)),
        THRESHOLDS.link,
      );
  const foldFit = fit(train, L2, FOLDS, measuredOn);
  const after = decide(fold, probabilities(fold, foldFit), foldFit.threshold);
  const pct = (q: { precision: number; recall: number; f1: number }) =>
    `precision ${q.precision.toFixed(3)} recall ${q.recall.toFixed(3)} F1 ${q.f1.toFixed(3)}`;
  say(`held-out fold: ${[...foldIds].join(', ')} (${fold.length} measures; fitted on ${train.length})`);
  say(
    `  before (${current ? `${path.basename(output)} v${current.version}` : 'uncalibrated rule'}): ${pct(before)}`,
  );
  say(`  after (refit):  ${pct(after)}`);

  const final = fit(all, L2, FOLDS, measuredOn);
  const { rows } = rowsOf(all);
  say(
    `refit on everything: ${all.length} measures, ${rows.length} candidate rows (${final.positives} accepted), ` +
      `threshold ${final.threshold}; cross-validated by document: ${pct(final.crossValidation!)} brier ${final.crossValidation!.brier}`,
  );
  say(formatReliability(final.crossValidation!.reliability));

  const refused = after.f1 < before.f1 - 1e-9 && !opts.force;
  if (refused) {
    say(
      `refused: the refit lowers F1 on the held-out fold (${before.f1.toFixed(3)} → ${after.f1.toFixed(3)}); --force writes it anyway`,
    );
    return { report: `${lines.join('\n')}\n`, refused, written: null };
  }
  const sources = [
    ...new Set(
      groups
        .flat()
        .filter((d) => all.some((e) => e.measure.plan.id === d.id))
        .map((d) => {
          const file = labels.documents.find((l) => l.id === d.id)?.file ?? d.file;
          const split = labels.documents.find((l) => l.id === d.id)?.split ?? 'reviews';
          return `${d.id} (${path.relative(packageRoot, path.resolve(file))}, ${split})`;
        }),
    ),
  ];
  const written: Calibration = {
    version: previousVersion + 1,
    fittedAt: new Date().toISOString(),
    method:
      `logistic regression (IRLS, L2 ${L2}) over ${FEATURES.length} candidate features, seeds fixture rows weighted ${SEEDS_WEIGHT}; ` +
      `threshold = best out-of-fold F1 (folds by document) on the corpus and reviewed measures`,
    features: [...FEATURES],
    weights: final.weights.map((w) => Math.round(w * 1e6) / 1e6),
    intercept: Math.round(final.intercept * 1e6) / 1e6,
    l2: L2,
    threshold: final.threshold,
    candidates: limit,
    data: {
      sources,
      measures: all.length,
      rows: rows.length,
      positives: final.positives,
      reviews: reviews.length,
    },
    crossValidation: final.crossValidation,
    heldOutFold: {
      documents: [...foldIds],
      before: round3(before),
      after: round3(after),
      forced: !!opts.force && after.f1 < before.f1 - 1e-9,
    },
  };
  if (opts.dryRun) say('dry run: nothing written');
  else {
    writeCalibration(written, output);
    say(`wrote ${path.relative(process.cwd(), output)} v${written.version}`);
  }
  return { report: `${lines.join('\n')}\n`, refused: false, written };
}

const round3 = (q: { precision: number; recall: number; f1: number }) => ({
  precision: Math.round(q.precision * 1000) / 1000,
  recall: Math.round(q.recall * 1000) / 1000,
  f1: Math.round(q.f1 * 1000) / 1000,
});
