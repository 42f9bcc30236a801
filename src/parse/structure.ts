// Paragraphs → sections → measures → sub-items, by numbering rather than by Markdown heading level
// (converted documents get levels wrong). The document's top numbered style under its sections is its
// measure style; a section without it takes the highest style it has (an interpretation's 一是…二是…).
import type { Item } from '../model/document.js';
import { ParseError } from './errors.js';
import { CLOSING_DATE as DATE_LINE, SIGNATURE, type Paragraph } from './lines.js';
import type { MarkerStyle } from './markers.js';
import { MappedText } from './text.js';

export interface RawMeasure {
  ordinal: number;
  label: string;
  title: string;
  text: MappedText;
  items: Item[];
  line: number;
  endLine: number;
}

export interface RawSection {
  ordinal: number;
  label: string;
  title: string;
  text: MappedText;
  measures: RawMeasure[];
  line: number;
  endLine: number;
  start: number;
  end: number;
}

export interface RawStructure {
  preamble: Paragraph[];
  sections: RawSection[];
  /** Signature and date lines after the last section. */
  closing: Paragraph[];
}

const RANK: Record<MarkerStyle, number> = {
  chapter: 0,
  'han-comma': 0,
  'han-paren': 1,
  'arabic-dot': 2,
  'arabic-paren': 3,
  'han-point': 4,
};

export function buildStructure(paragraphs: Paragraph[], file: string): RawStructure {
  const firstSection = paragraphs.findIndex((p) => p.marker.type === 'section');
  if (firstSection < 0) {
    throw new ParseError(
      file,
      paragraphs[0]?.line ?? 1,
      'no section heading (一、… or 第一章…) found: not a plan or interpretation',
    );
  }
  const preamble = paragraphs.slice(0, firstSection);
  const body = paragraphs.slice(firstSection);

  // Closing lines: the signature and date after the last section's text.
  const closing: Paragraph[] = [];
  while (body.length > 1) {
    const last = body[body.length - 1]!;
    if (!(DATE_LINE.test(last.content.text) || SIGNATURE.test(last.content.text))) break;
    closing.unshift(body.pop()!);
  }

  // Split the body at section headings, checking their numbering.
  const groups: Paragraph[][] = [];
  for (const p of body) {
    if (p.marker.type === 'section') {
      const expected = groups.length + 1;
      if (p.marker.number !== expected) {
        const what = groups.length === 0 ? 'the first section' : `section ${groups.length + 1}`;
        throw new ParseError(
          file,
          p.line,
          `${what} is numbered ${p.marker.printed} (expected ${expected}): a section is missing or out of order`,
        );
      }
      groups.push([p]);
    } else {
      groups[groups.length - 1]!.push(p);
    }
  }

  const numberedStyles = body.filter((p) => p.marker.type === 'numbered').map((p) => p.marker.style!);
  const docMeasureStyle = topStyle(numberedStyles.filter((s) => s !== 'han-point'));
  let lastDocMeasure = 0;

  const sections = groups.map((group, i): RawSection => {
    const heading = group[0]!;
    const inside = group.slice(1);
    const styles = inside.filter((p) => p.marker.type === 'numbered').map((p) => p.marker.style!);
    const measureStyle =
      docMeasureStyle && styles.includes(docMeasureStyle) ? docMeasureStyle : topStyle(styles);
    const measures: RawMeasure[] = [];
    let own = MappedText.empty;
    let current: { head: Paragraph; parts: Paragraph[] } | null = null;
    const flush = () => {
      if (current) measures.push(toMeasure(current.head, current.parts));
      current = null;
    };

    for (const p of inside) {
      if (p.marker.type === 'numbered' && p.marker.style === measureStyle) {
        const n = p.marker.number;
        const prevInSection = measures.length + (current ? 1 : 0);
        const runsOn = measureStyle === docMeasureStyle;
        const ok =
          prevInSection > 0
            ? n === (current ? current.head.marker.number : 0) + 1
            : n === 1 || (runsOn && n === lastDocMeasure + 1);
        if (!ok) {
          const after = current ? `follows ${current.head.marker.printed}` : 'opens the section';
          throw new ParseError(
            file,
            p.line,
            `measure ${p.marker.printed} ${after}: numbering is broken (a measure may be missing)`,
          );
        }
        flush();
        current = { head: p, parts: [] };
        if (runsOn) lastDocMeasure = n;
      } else if (current) {
        current.parts.push(p);
      } else {
        own = own.concat(p.content, '\n');
      }
    }
    flush();
    const last = group[group.length - 1]!;
    return {
      ordinal: i + 1,
      label: heading.marker.label,
      title: heading.marker.rest.replace(/[。；;：:]+$/, ''),
      text: own,
      measures,
      line: heading.line,
      endLine: last.endLine,
      start: heading.content.start,
      end: last.content.end,
    };
  });
  return { preamble, sections, closing };
}

function topStyle(styles: MarkerStyle[]): MarkerStyle | null {
  return styles.reduce<MarkerStyle | null>(
    (best, s) => (best === null || RANK[s] < RANK[best] ? s : best),
    null,
  );
}

function toMeasure(head: Paragraph, parts: Paragraph[]): RawMeasure {
  const rest = head.content.slice(head.marker.length);
  let text = rest;
  const items: Item[] = [];
  for (const p of parts) {
    text = text.concat(p.content, '\n');
    if (p.marker.type === 'numbered') {
      items.push({ ordinal: p.marker.number, label: p.marker.printed, text: p.marker.rest, line: p.line });
    }
  }
  return {
    ordinal: head.marker.number,
    label: head.marker.printed,
    title: boldTitle(head, rest.text) ?? measureTitle(rest.text),
    text: text.trim(),
    items,
    line: head.line,
    endLine: parts.length ? parts[parts.length - 1]!.endLine : head.endLine,
  };
}

/** **1.标题**正文: the bold opening is the title, when the text runs on past it with no 。 between. */
function boldTitle(head: Paragraph, rest: string): string | null {
  if (head.boldOpening === null || head.boldOpening <= head.marker.length) return null;
  const bold = rest.slice(0, head.boldOpening - head.marker.length).replace(/[。；;：:，,\s]+$/, '');
  return bold && measureTitle(rest).length > bold.length ? bold : null;
}

/** The title ends at the paragraph's first 。 (or ！？); a long unpunctuated opening is cut at its first clause. */
export function measureTitle(rest: string): string {
  const stop = rest.search(/[。！？!?]/);
  if (stop > 0 && stop <= 80) return rest.slice(0, stop);
  if (stop < 0 && rest.length <= 40) return rest.replace(/[；;，,：:]+$/, '');
  const clause = rest.search(/[，；,;：:]/);
  if (clause > 0 && clause <= 40) return rest.slice(0, clause);
  return `${rest.slice(0, 30)}…`;
}
