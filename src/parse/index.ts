// The parser: what the reader stage made of a published file (src/read) → the validated document model
// (src/model/document.ts). paragraphs (debris removed, page breaks mended) → structure → metadata → ids.
// Format-free: a PDF, a Word file and a web page arrive here as text with a source map.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  PolicyDocument,
  type Measure,
  type Section,
  type SectionKind,
  type SourceLocation,
} from '../model/document.js';
import { readSource, readText, type ReadOptions, type ReadResult } from '../read/index.js';
import { ParseError } from './errors.js';
import { toParagraphs } from './lines.js';
import { readMetadata } from './metadata.js';
import { toSimplified, traditionalShare } from './script.js';
import { buildStructure } from './structure.js';
import type { MappedText } from './text.js';
import { isCatalogFile, parseCatalog } from './catalog.js';
import { documentId, KIND_PREFIX } from './ids.js';

export { ParseError } from './errors.js';

/** Section kind from its (Simplified) title. */
export function sectionKind(rawTitle: string): SectionKind {
  // A quoted document name (《实施方案》) says nothing about the section's own kind.
  const title = rawTitle.replace(/《[^》]*》/g, '');
  if (/目标|总体要求|指导思想|基本原则|总体思路|重要意义|背景/.test(title) && !/行动/.test(title)) {
    return /目标|总体要求|指导思想|总体思路/.test(title) ? 'goals' : 'other';
  }
  if (/组织实施|保障措施|组织保障|保障机制|政策措施|实施保障|贯彻落实|工作要求|组织领导|配套政策/.test(title))
    return 'safeguards';
  if (
    /行动|任务|工程|举措|重点|推进|推动|促进|实施|建设|提升|培育|完善|深化|加快|强化|增强|壮大|做强|打造|构建|健全/.test(
      title,
    )
  )
    return 'action';
  return 'other';
}

/** A published file of any format → the document model. */
export async function parseFile(file: string, options: ReadOptions = {}): Promise<PolicyDocument> {
  const { bytes, read } = await readSource(file, options);
  return parseRead(read, bytes, file);
}

/** Text bytes (plain, Markdown, YAML catalog) → the document model, synchronously. */
export function parseDocument(bytes: Uint8Array, file: string): PolicyDocument {
  return parseRead(readText(bytes, file), bytes, file);
}

/** For a text cut from `source`: the source line on which each of its paragraphs (split at \n) begins. */
function paragraphLinesOf(source: string): (text: MappedText) => number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return (text) => {
    const out: number[] = [];
    let at = 0;
    while (at < text.length) {
      out.push(lineOf(text.offsetAt(at)));
      const next = text.text.indexOf('\n', at);
      if (next < 0) break;
      at = next + 1;
    }
    return out;
  };
}

/** The reader's result → the document model. `bytes` are the published file's, for its sha256. */
export function parseRead(read: ReadResult, bytes: Uint8Array, file: string): PolicyDocument {
  if (read.format === 'yaml' || isCatalogFile(file)) return parseCatalog(read.text, bytes, file);
  const { text, encoding } = read;
  const locate = (line: number): SourceLocation | null => read.lines?.[line - 1] ?? null;
  const { paragraphs, fileHeaders, trailer, notes } = toParagraphs(text);
  const paragraphLines = paragraphLinesOf(text);
  notes.push(...read.notes);
  notes.sort((a, b) => a.line - b.line);
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
    published: read.metadata,
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
      location: locate(m.line),
      id: `${sectionId}/m${j + 1}`,
      ordinal: m.ordinal,
      label: m.label,
      title: m.title,
      titleSimplified: toSimplified(m.title),
      text: m.text.text,
      textSimplified: toSimplified(m.text.text),
      paragraphLines: paragraphLines(m.text),
      items: m.items,
      line: m.line,
      endLine: m.endLine,
      start: m.text.start,
      end: m.text.end,
      targets: [],
      obligations: [],
      regions: [],
      agencies: [],
      confidence: null,
      keywords: [],
    }));
    return {
      location: locate(s.line),
      id: sectionId,
      ordinal: s.ordinal,
      label: s.label,
      kind,
      title: s.title,
      titleSimplified: simplifiedTitles[i]!,
      text: s.text.text,
      textSimplified: toSimplified(s.text.text),
      paragraphLines: paragraphLines(s.text),
      line: s.line,
      endLine: s.endLine,
      start: s.start,
      end: s.end,
      targets: [],
      obligations: [],
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
    format: read.format,
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
    publishedOn: read.metadata.publishedOn,
    period: meta.period,
    interprets: meta.interprets,
    preamble,
    preambleLines: structure.preamble.map((p) => p.line),
    trailer,
    sections,
    targets: [],
    obligations: [],
    regions: [],
    agencies: [],
    attachments: read.attachments,
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
