// `plantrace align <file…> [--json] [--no-curated] [--national <file>]`: local documents → their links to
// the national plan, as JSON or as a readable table.
import type { Command } from 'commander';
import { alignDocuments, isNational, loadNational } from '../align/index.js';
import type { AlignmentLink, AlignmentResult } from '../model/alignment.js';
import { ParseError } from '../parse/index.js';
import { describeRejected, readDocuments } from '../pipeline/documents.js';
import { CliError } from './errors.js';

export function registerAlignCommand(program: Command): void {
  program
    .command('align')
    .description('link local measures and actions to the national plan, with scores and evidence')
    .argument('<files...>', 'local plans and interpretations (files or folders)')
    .option('--json', 'print {links, sectionLinks, planLinks, unaligned} as JSON')
    .option('--no-curated', 'leave out the hand-curated links (data/curated-links.yaml)')
    .option(
      '--national <file>',
      'national plan to align against (default: the bundled catalog of 国发〔2024〕17号)',
    )
    .action(async (files: string[], opts: { json?: boolean; curated: boolean; national?: string }) => {
      const { documents, rejected } = await readDocuments(files);
      for (const r of rejected) process.stderr.write(`${describeRejected(r)}\n`);
      let national;
      try {
        national = opts.national
          ? await loadNational(opts.national)
          : (documents.find(isNational) ?? (await loadNational()));
      } catch (err) {
        if (err instanceof ParseError) throw new CliError(err.message);
        throw err;
      }
      const local = documents.filter((d) => !isNational(d));
      const result = alignDocuments(local, { national, curated: opts.curated });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : table(result));
      if (rejected.length) process.exitCode = 2;
    });
}

function table(result: AlignmentResult): string {
  const out: string[] = [`national plan: ${result.national}`, ''];
  const row = (l: AlignmentLink) => {
    const why = l.evidence
      .filter(
        (e) => e.kind === 'term' || e.kind === 'statement' || e.kind === 'citation' || e.kind === 'measures',
      )
      .slice(0, 4)
      .map((e) => (e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text))
      .join('，');
    return `  ${l.score.toFixed(2)} ${l.method.padEnd(8)} ${l.from} ${l.fromTitle} → ${l.to} ${l.toTitle}${why ? `  [${why}]` : ''}`;
  };
  out.push('plans:', ...result.planLinks.map(row), '', 'actions:', ...result.sectionLinks.map(row), '');
  out.push('measures:', ...result.links.map(row), '');
  out.push('no national counterpart:');
  for (const u of result.unaligned) {
    const best = u.candidates[0];
    out.push(
      `  ${u.id} ${u.title}${best ? `  (best rejected: ${best.to} ${best.toTitle} ${best.score.toFixed(2)})` : ''}`,
    );
  }
  return `${out.join('\n')}\n`;
}
