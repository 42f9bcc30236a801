// `plantrace parse <file…> [--json]`: documents → the document model, as an outline or as JSON.
// A file that cannot be parsed is reported as `file:line: reason` on stderr; the others still print.
import type { Command } from 'commander';
import type { PolicyDocument } from '../model/document.js';
import { readDocuments } from '../parse/read.js';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('parse plan or interpretation documents into the document model')
    .argument(
      '<files...>',
      'documents or folders (Markdown or text in UTF-8, GB18030/GBK or UTF-16; YAML catalogs)',
    )
    .option('--json', 'print a JSON array, one document per file')
    .action((files: string[], opts: { json?: boolean }) => {
      const { documents: docs, rejected } = readDocuments(files);
      for (const r of rejected) process.stderr.write(`${r.file}:${r.line}: ${r.reason}\n`);
      process.stdout.write(opts.json ? `${JSON.stringify(docs, null, 2)}\n` : docs.map(outline).join('\n'));
      if (rejected.length) process.exitCode = 2;
    });
}

/** A readable outline: metadata, then sections and measures with their lines. */
export function outline(doc: PolicyDocument): string {
  const out: string[] = [];
  out.push(`${doc.title}`);
  out.push(
    `  id ${doc.id} · ${doc.kind} · ${doc.level}${doc.region ? ` · ${doc.region} (${doc.regionCode})` : ''}`,
  );
  const facts = [
    doc.docNumber && `number ${doc.docNumber}`,
    doc.issuer && `issuer ${doc.issuer}`,
    doc.issuedOn && `issued ${doc.issuedOn}`,
    doc.period && `period ${doc.period.start ?? '?'}–${doc.period.end ?? '?'}`,
    `${doc.encoding}, ${doc.script}`,
  ].filter(Boolean);
  out.push(`  ${facts.join(' · ')}`);
  out.push(`  file ${doc.file} (sha256 ${doc.sha256.slice(0, 12)}…)`);
  for (const s of doc.sections) {
    out.push(`  ${s.label}、${s.title}  [${s.kind}] line ${s.line}${targetsNote(s.targets.length)}`);
    for (const m of s.measures) {
      out.push(`    ${m.label} ${m.title}  line ${m.line}${targetsNote(m.targets.length)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const targetsNote = (n: number) => (n ? `, ${n} target${n > 1 ? 's' : ''}` : '');
