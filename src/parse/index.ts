// The loader: a policy document's bytes → the validated document model (src/model/document.ts).
// decode → paragraphs (debris removed, page breaks mended) → structure → metadata → ids.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PolicyDocument, type Measure, type Section, type SectionKind } from '../model/document.js';
import { decode, DecodeError } from './decode.js';
import { ParseError } from './errors.js';
import { toParagraphs } from './lines.js';
import { readMetadata } from './metadata.js';
import { toSimplified, traditionalShare } from './script.js';
import { buildStructure } from './structure.js';
import { isCatalogFile, parseCatalog } from './catalog.js';
import { documentId, KIND_PREFIX } from './ids.js';

export { ParseError } from './errors.js';
export { documentId } from './ids.js';

/** Section kind from its (Simplified) title. */
export function sectionKind(rawTitle: string): SectionKind {
  // A quoted document name (《实施方案》) says nothing about the section's own kind.
  const title = rawTitle.replace(/《[^》]*》/g, '');
  if (/目标|总体要求|指导思想|基本原则|总体思路|重要意义|背景/.test(title) && !/行动/.test(title)) {
    return /目标|总体要求|指导思想|总体思路/.test(title) ? 'goals' : 'other';
  }
  if (/组织实施|保障措施|组织保障|保障机制|政策措施|实施保障|贯彻落实|工作要求|组织领导|配套政策/.test(title))
    return 'safeguards';
  if (/行动|任务|工程|举措|重点|推进|实施|建设|提升|培育|完善|深化|加快|强化/.test(title)) return 'action';
  return 'other';
}

export function parseFile(file: string): PolicyDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new ParseError(
      file,
      1,
      `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return isCatalogFile(file) ? parseCatalog(bytes, file) : parseDocument(bytes, file);
}

export function parseDocument(bytes: Uint8Array, file: string): PolicyDocument {
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decode(bytes));
  } catch (err) {
    if (err instanceof DecodeError) throw new ParseError(file, 1, err.message);
    throw err;
  }
  const { paragraphs, fileHeaders, trailer, notes } = toParagraphs(text);
  const structure = buildStructure(paragraphs, file);

  const simplifiedTitles = structure.sections.map((s) => toSimplified(s.title));
  const kinds = simplifiedTitles.map(sectionKind);
  const goalsText = structure.sections
    .filter((_, i) => kinds[i] === 'goals')
    .map((s) => toSimplified(s.text.text))
    .join('\n');
  const bodySample = toSimplified(text.slice(0, 20000));
  const meta = readMetadata({
    preamble: structure.preamble,
    closing: structure.closing,
    fileHeaders,
    trailer,
    sectionTitles: simplifiedTitles,
    goalsText,
    bodyText: bodySample,
  });
  const id = documentId(meta.docNumber, file);

  const perKind = new Map<SectionKind, number>();
  const sections: Section[] = structure.sections.map((s, i) => {
    const kind = kinds[i]!;
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    const sectionId = `${id}/${KIND_PREFIX[kind]}${n}`;
    // Measures are numbered by position inside their section, not by the printed number: national
    // tasks run (一)…(十九) across actions, and a catalog that misses one task in action 2 must not
    // shift the ids of action 3's tasks.
    const measures: Measure[] = s.measures.map((m, j) => ({
      id: `${sectionId}/m${j + 1}`,
      ordinal: m.ordinal,
      label: m.label,
      title: m.title,
      titleSimplified: toSimplified(m.title),
      text: m.text.text,
      textSimplified: toSimplified(m.text.text),
      items: m.items,
      line: m.line,
      endLine: m.endLine,
      start: m.text.start,
      end: m.text.end,
      targets: [],
      regions: [],
      agencies: [],
      confidence: null,
      keywords: [],
    }));
    return {
      id: sectionId,
      ordinal: s.ordinal,
      label: s.label,
      kind,
      title: s.title,
      titleSimplified: simplifiedTitles[i]!,
      text: s.text.text,
      textSimplified: toSimplified(s.text.text),
      line: s.line,
      endLine: s.endLine,
      start: s.start,
      end: s.end,
      targets: [],
      regions: [],
      agencies: [],
      measures,
      confidence: null,
      keywords: [],
    };
  });

  const preamble = structure.preamble.map((p) => p.content.text).join('\n');
  const doc = {
    id,
    file: path.basename(file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    encoding,
    script: traditionalShare(text.slice(0, 20000), bodySample) > 0.05 ? 'traditional' : 'simplified',
    kind: meta.kind,
    level: meta.level,
    title: meta.title,
    titleSimplified: toSimplified(meta.title),
    region: meta.region?.name ?? null,
    regionCode: meta.region?.id ?? null,
    issuer: meta.issuer,
    docNumber: meta.docNumber,
    issuedOn: meta.issuedOn,
    period: meta.period,
    interprets: meta.interprets,
    preamble,
    trailer,
    sections,
    targets: [],
    regions: [],
    agencies: [],
    notes,
  };
  const checked = PolicyDocument.safeParse(doc);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new ParseError(file, 1, `document model check failed at ${issue.path.join('.')}: ${issue.message}`);
  }
  if (sections.every((s) => s.measures.length === 0 && s.text.length === 0)) {
    throw new ParseError(file, sections[0]?.line ?? 1, 'sections have no text: the document looks truncated');
  }
  return checked.data;
}
