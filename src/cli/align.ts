// `plantrace align <file…> [--json] [--no-curated] [--national <file>]`: plans at any level → their links
// to the level above (toPlan, toLevel) and each plan's parent, as JSON or as a readable table. No Neo4j:
// the cascade is checked from files alone (a county, its city and its province in one call).
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { AlignmentLink, CascadeResult } from '../model/alignment.js';
import { ParseError } from '../parse/index.js';
import { describeRejected } from '../pipeline/documents.js';
import { prepareBatch } from '../pipeline/prepare.js';
import { CliError } from './errors.js';
import { addPipelineOptions, pipelineOptions, type PipelineFlags } from './pipeline-options.js';

export function registerAlignCommand(program: Command): void {
  addPipelineOptions(
    program
      .command('align')
      .description('link local measures, actions and plans to the level above, with scores and evidence')
      .argument('<files...>', 'plans and interpretations of any level (files or folders)')
      .option('--json', 'print {nationals, plans, links, sectionLinks, planLinks, unaligned} as JSON'),
  ).action(async (files: string[], opts: PipelineFlags & { json?: boolean }) => {
    const cfg = loadConfig();
    let batch;
    try {
      batch = await prepareBatch(files, pipelineOptions(cfg, opts));
    } catch (err) {
      if (err instanceof ParseError) throw new CliError(err.message);
      throw err;
    }
    for (const r of batch.rejected) process.stderr.write(`${describeRejected(r)}\n`);
    const result = batch.alignment;
    process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : table(result));
    if (batch.rejected.length) process.exitCode = 2;
  });
}

function table(result: CascadeResult): string {
  const out: string[] = [`national plans: ${result.nationals.join(', ')}`, ''];
  out.push('plans:');
  for (const p of result.plans)
    out.push(
      `  ${p.level.padEnd(10)} ${p.plan} → ${p.parent} (${p.parentLevel}, ${p.method})${p.missing ? `  [cites 《${p.missing}》, not loaded]` : ''}`,
    );
  const row = (l: AlignmentLink) => {
    const why = l.evidence
      .filter(
        (e) => e.kind === 'term' || e.kind === 'statement' || e.kind === 'citation' || e.kind === 'measures',
      )
      .slice(0, 4)
      .map((e) => (e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text))
      .join('，');
    const bypass = l.evidence.some((e) => e.kind === 'note' && e.text.includes('bypassing')) ? ' bypass' : '';
    return `  ${l.score.toFixed(2)} ${l.method.padEnd(8)} ${l.from} ${l.fromTitle} → [${l.toLevel}${bypass}] ${l.to} ${l.toTitle}${why ? `  [${why}]` : ''}`;
  };
  out.push(
    '',
    'plan links:',
    ...result.planLinks.map(row),
    '',
    'actions:',
    ...result.sectionLinks.map(row),
    '',
  );
  out.push('measures:', ...result.links.map(row), '');
  out.push('no counterpart one level up (nor in the national plan):');
  for (const u of result.unaligned) {
    const best = u.candidates[0];
    out.push(
      `  ${u.id} ${u.title}${best ? `  (best rejected: ${best.to} ${best.toTitle} ${best.score.toFixed(2)})` : ''}`,
    );
  }
  return `${out.join('\n')}\n`;
}
