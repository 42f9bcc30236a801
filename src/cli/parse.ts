// `plantrace parse <file…> [--json]`: documents → the document model, as an outline or as JSON.
// A file that cannot be parsed is reported as `file:line: reason` on stderr; the others still print.
import type { Command } from 'commander';
import type { PolicyDocument, Section } from '../model/document.js';
import { describeRejected, readDocuments } from '../pipeline/documents.js';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('parse plan or interpretation documents into the document model')
    .argument(
      '<files...>',
      'documents or folders: PDF, Word (.docx, .doc), web pages (HTML), Markdown or text (UTF-8, GB18030/GBK, UTF-16), YAML catalogs',
    )
    .option('--json', 'print a JSON array, one document per file')
    .option('--ocr', 'read scanned PDF pages with OCR (Debian tesseract-ocr, tesseract-ocr-chi-sim)')
    .action(async (files: string[], opts: { json?: boolean; ocr?: boolean }) => {
      const { documents: docs, rejected, skipped } = await readDocuments(files, { ocr: opts.ocr });
      for (const r of rejected) process.stderr.write(`${describeRejected(r)}\n`);
      for (const s of skipped) process.stderr.write(`${s.file}: skipped: ${s.reason}\n`);
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
    doc.publishedOn && `published ${doc.publishedOn}`,
    doc.period && `period ${doc.period.start ?? '?'}–${doc.period.end ?? '?'}`,
    `${doc.format}, ${doc.encoding}, ${doc.script}`,
  ].filter(Boolean);
  out.push(`  ${facts.join(' · ')}`);
  out.push(`  file ${doc.file} (sha256 ${doc.sha256.slice(0, 12)}…)`);
  if (doc.attachments.length) {
    out.push(`  attachments: ${doc.attachments.map((a) => `${a.title} <${a.href}>`).join(' · ')}`);
  }
  for (const s of doc.sections) {
    out.push(`  ${s.label}、${s.title}  [${s.kind}] ${place(s)}${targetsNote(s.targets.length)}`);
    for (const m of s.measures) {
      out.push(`    ${m.label} ${m.title}  ${place(m)}${targetsNote(m.targets.length)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Where a provision is in the published file: page and line, paragraph, element, or the text line. */
export function place(p: Pick<Section, 'line' | 'location'>): string {
  const at = p.location;
  const ocr = at?.ocr ? ' (OCR)' : '';
  if (at?.page) return `page ${at.page}${at.pageLine ? ` line ${at.pageLine}` : ''}${ocr}`;
  if (at?.paragraph) return `paragraph ${at.paragraph}`;
  if (at?.element) return `line ${p.line} (${at.element})`;
  return `line ${p.line}`;
}

const targetsNote = (n: number) => (n ? `, ${n} target${n > 1 ? 's' : ''}` : '');
