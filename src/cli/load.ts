// `plantrace load <file or folder…>` and `plantrace unload <planId>`: documents into and out of the graph.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../config.js';
import { createDriver, verifyNeo4j } from '../graph/driver.js';
import { loadInputs, type LoadOptions, type LoadSummary } from '../pipeline/load.js';
import { unloadDocument } from '../graph/writer.js';
import { describeRejected } from '../pipeline/documents.js';
import { printableName } from '../read/index.js';
import { say } from './errors.js';
import { addPipelineOptions, pipelineOptions, type PipelineFlags } from './pipeline-options.js';

export function registerLoadCommands(program: Command): void {
  addPipelineOptions(
    program
      .command('load')
      .description(
        'parse, extract, align and write documents into Neo4j (in chunks, several documents per transaction; a document that fails is rolled back alone); documents already loaded that the new ones concern are re-linked',
      )
      .argument('<inputs...>', 'documents or folders of documents')
      .option('--dry-run', 'do everything but write, and say what would be written')
      .option('--force', 'rewrite documents even when the graph already holds exactly their rows'),
  ).action(async (inputs: string[], opts: PipelineFlags & { dryRun?: boolean; force?: boolean }) => {
    const cfg = loadConfig();
    const options = { ...pipelineOptions(cfg, opts), force: opts.force };
    const summary = opts.dryRun
      ? await loadInputs(null, cfg.NEO4J_DATABASE, inputs, { ...options, dryRun: true })
      : await withDriver(cfg, (driver) => loadWithProgress(driver, cfg, inputs, options));
    process.stdout.write(describeSummary(summary, !!opts.dryRun));
    if (summary.rejected.length || summary.failed.length) process.exitCode = 2;
  });

  program
    .command('unload')
    .description('remove one document (plan, sections, measures, their links) from the graph')
    .argument('<planId>', 'the document id, e.g. 沪府发-2024-12')
    .action(async (id: string) => {
      const cfg = loadConfig();
      const { found, counts } = await withDriver(cfg, (driver) =>
        unloadDocument(driver, cfg.NEO4J_DATABASE, id),
      );
      if (!found) {
        say(`plantrace: no document with id ${id} in the graph`);
        process.exitCode = 2;
        return;
      }
      console.log(
        `unloaded ${id}: ${counts.nodesDeleted} nodes and ${counts.relationshipsDeleted} relationships removed`,
      );
    });
}

export async function withDriver<T>(cfg: Config, work: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = createDriver(cfg);
  try {
    await verifyNeo4j(driver, cfg.neo4jUri);
    return await work(driver);
  } finally {
    await driver.close();
  }
}

/** A progress bar on a terminal for runs of more than a few documents; nothing otherwise. */
export async function loadWithProgress(
  driver: Driver,
  cfg: Config,
  inputs: string[],
  options: LoadOptions,
): Promise<LoadSummary> {
  let bar: cliProgress.SingleBar | null = null;
  const summary = await loadInputs(driver, cfg.NEO4J_DATABASE, inputs, {
    ...options,
    onProgress: (done, total) => {
      if (!bar && total > 5 && process.stderr.isTTY) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: 'loading {bar} {value}/{total} documents · {eta_formatted} left',
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar?.update(done);
    },
  });
  (bar as cliProgress.SingleBar | null)?.stop();
  return summary;
}

export function describeSummary(s: LoadSummary, dryRun: boolean): string {
  const out: string[] = [];
  for (const r of s.rejected) out.push(`rejected ${describeRejected(r)}`);
  for (const k of s.skipped) out.push(`skipped  ${printableName(k.file)}: ${k.reason}`);
  for (const f of s.failed)
    out.push(`failed   ${f.file} (${f.id}): ${f.reason} — rolled back, graph unchanged for it`);
  for (const p of s.placements.filter((x) => x.missing))
    out.push(
      `note     ${p.plan} cites 《${p.missing}》, which is not loaded: linked to ${p.parent} for now; loading that plan re-links it`,
    );
  if (s.relinked.length) out.push(`re-linked (a plan above them arrived): ${s.relinked.join(', ')}`);
  if (dryRun) {
    out.push(
      `dry run: ${s.rows.documents} documents would be written (${s.rows.measures} measures, ${s.rows.links} IMPLEMENTS links; ` +
        `${s.rows.nodes} node rows, ${s.rows.relationships} relationship rows); ${s.rejected.length} rejected`,
    );
  } else {
    const c = s.counts;
    out.push(
      `documents: ${s.loaded.length} loaded, ${s.unchanged.length} unchanged, ${s.relinked.length} re-linked, ${s.rejected.length} rejected, ${s.failed.length} failed`,
      `nodes: ${c.nodesCreated} created, ${c.nodesDeleted} removed; relationships: ${c.relationshipsCreated} created, ` +
        `${c.relationshipsDeleted} removed; properties set: ${c.propertiesSet}`,
      `time: ${s.seconds.prepare.toFixed(2)} s parse+extract+align, ${s.seconds.write.toFixed(2)} s write`,
    );
  }
  return `${out.join('\n')}\n`;
}
