// Catalog loader: a YAML description of a plan (seeds/national-plan.catalog.yaml) → the document model.
// Sections and tasks get the same ids a parsed official text would get (kind + position), and their
// spans point at the YAML lines they come from, so provenance works as for any other document.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument as parseYaml, type Node } from 'yaml';
import { CatalogFile } from '../model/catalog.js';
import {
  PolicyDocument,
  type Measure,
  type Section,
  type SectionKind,
  type Span,
} from '../model/document.js';
import { ParseError } from './errors.js';
import { documentId, KIND_PREFIX } from './ids.js';
import { toSimplified } from './script.js';

export function isCatalogFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Folded YAML joins lines with a space; Chinese text has none between characters. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^\p{ASCII}]) (?=[^\p{ASCII}])/gu, '')
    .trim();
}

/** `source` is the file's decoded text (src/read); `bytes` the file's own, for its sha256. */
export function parseCatalog(source: string, bytes: Uint8Array, file: string): PolicyDocument {
  const lines = new LineCounter();
  const yaml = parseYaml(source, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  if (yaml.errors.length > 0) {
    const e = yaml.errors[0]!;
    throw new ParseError(file, lineOf(e.pos[0]), `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const checked = CatalogFile.safeParse(yaml.toJS());
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const node = yaml.getIn(issue.path as (string | number)[], true) as Node | undefined;
    const parent = yaml.getIn(issue.path.slice(0, -1) as (string | number)[], true) as Node | undefined;
    const at = node?.range?.[0] ?? parent?.range?.[0] ?? 0;
    throw new ParseError(file, lineOf(at), `catalog entry ${issue.path.join('.')}: ${issue.message}`);
  }
  const catalog = checked.data;

  /** Span of an entry: its YAML lines, and the offsets of its `text` value in the file. */
  const spanOf = (entryPath: (string | number)[]): Span => {
    const entry = yaml.getIn(entryPath, true);
    const text = isMap(entry) ? entry.get('text', true) : undefined;
    const [from, , to] = (isMap(entry) && entry.range) || [0, 0, 0];
    const [start, end] = (isScalar(text) && text.range) || [from, to];
    return {
      line: lineOf(from),
      endLine: Math.max(lineOf(from), lineOf(Math.max(from, to - 1))),
      start,
      end,
    };
  };

  const id = documentId(catalog.docNumber, file);
  const perKind = new Map<SectionKind, number>();
  const sections: Section[] = catalog.sections.map((s, i) => {
    const n = (perKind.get(s.kind) ?? 0) + 1;
    perKind.set(s.kind, n);
    const sectionId = `${id}/${KIND_PREFIX[s.kind]}${n}`;
    const tasksNode = yaml.getIn(['sections', i, 'tasks'], true);
    const measures: Measure[] = s.tasks.map((t, j) => {
      const text = `${t.title}。${tidy(t.text)}`;
      return {
        location: null,
        id: `${sectionId}/m${j + 1}`,
        ordinal: j + 1,
        label: t.label,
        title: t.title,
        titleSimplified: toSimplified(t.title),
        text,
        textSimplified: toSimplified(text),
        paragraphLines: [lineOf(spanOf(['sections', i, 'tasks', j]).start)],
        items: [],
        ...spanOf(['sections', i, 'tasks', j]),
        targets: [],
        obligations: [],
        regions: [],
        agencies: [],
        confidence: t.confidence,
        keywords: t.terms.map(toSimplified),
      };
    });
    if (s.tasks.length > 0 && !isSeq(tasksNode)) throw new ParseError(file, 1, 'tasks must be a list');
    const text = tidy(s.text);
    return {
      location: null,
      id: sectionId,
      ordinal: i + 1,
      label: s.label,
      kind: s.kind,
      title: s.title,
      titleSimplified: toSimplified(s.title),
      text,
      textSimplified: toSimplified(text),
      paragraphLines: [lineOf(spanOf(['sections', i]).start)],
      ...spanOf(['sections', i]),
      targets: [],
      obligations: [],
      regions: [],
      agencies: [],
      measures,
      confidence: s.confidence,
      keywords: s.terms.map(toSimplified),
    };
  });

  const doc = {
    id,
    file: path.basename(file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: 'yaml',
    encoding: 'utf-8',
    script: 'simplified',
    kind: 'catalog',
    level: 'national',
    title: catalog.title,
    titleSimplified: toSimplified(catalog.title),
    region: null,
    regionCode: null,
    issuer: catalog.issuer,
    docNumber: catalog.docNumber,
    issuedOn: catalog.issuedOn,
    publishedOn: null,
    period: { start: catalog.period.start, end: catalog.period.end, text: catalog.period.text },
    interprets: null,
    preamble: catalog.basis ? `依据《${catalog.basis}》` : '',
    preambleLines: [],
    trailer: [],
    sections,
    targets: [],
    obligations: [],
    regions: [],
    agencies: [],
    attachments: [],
    notes: [],
  };
  const model = PolicyDocument.safeParse(doc);
  if (!model.success) {
    const issue = model.error.issues[0]!;
    throw new ParseError(file, 1, `document model check failed at ${issue.path.join('.')}: ${issue.message}`);
  }
  return model.data;
}
