// Printed lines (from a PDF's text layer or from OCR) → paragraphs with their page and line on the page.
// Running headers, footers and page numbers are found by where they stand (the top or bottom band of the
// page) and by repeating across pages; paragraphs are rebuilt from indentation and where lines end, and
// joined across page breaks.
import { compactPages } from './errors.js';
import { at, type ReadResult } from './types.js';

/** One printed line, in points, y growing downwards from the top of the page. */
export interface PrintedLine {
  page: number;
  /** Left and right ends of the line's text, and its baseline. */
  x: number;
  right: number;
  y: number;
  /** Font size (or glyph height for OCR). */
  size: number;
  text: string;
}

export interface PageBox {
  width: number;
  height: number;
}

/** Share of the page height at the top and at the bottom where running headers and footers stand. */
const BAND = 0.12;
// — 3 —, -3-, 第3页, 3/12; OCR reads the dashes as 一.
const PAGE_NUMBER =
  /^[-—–－_一\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*共\s*\d+\s*页)?[-—–－_一\s]*$/;

/** Lines of one page (already read left to right) → furniture removed, paragraphs rebuilt. */
export function layOut(
  pages: PrintedLine[][],
  boxes: PageBox[],
  ocr: (page: number) => boolean,
): Pick<ReadResult, 'text' | 'lines' | 'notes'> {
  const { body, dropped } = dropFurniture(pages, boxes);
  const all = body.flat();
  if (all.length === 0) return { text: '', lines: [], notes: [] };
  const size = median(all.map((l) => l.size));
  const left = leftMargin(
    all.map((l) => l.x),
    size,
  );
  const rights = all.map((l) => l.right).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)]!;
  const pitch = median(
    all.slice(1).flatMap((l, i) => (l.page === all[i]!.page && l.y > all[i]!.y ? [l.y - all[i]!.y] : [])),
  );

  interface Para {
    text: string;
    page: number;
    pageLine: number;
    last: PrintedLine;
    pages: Set<number>;
  }
  const paras: Para[] = [];
  for (const [p, lines] of body.entries()) {
    lines.forEach((line, i) => {
      const prev = paras[paras.length - 1];
      if (prev && continues(prev.last, line, { left, right, size, pitch })) {
        prev.text = joinText(prev.text, line.text);
        prev.last = line;
        prev.pages.add(line.page);
        return;
      }
      paras.push({ text: line.text, page: p + 1, pageLine: i + 1, last: line, pages: new Set([p + 1]) });
    });
  }

  const notes: ReadResult['notes'] = [];
  paras.forEach((para, i) => {
    if (para.pages.size > 1) {
      const pages = [...para.pages];
      notes.push({
        line: i + 1,
        message: `paragraph runs on from page ${pages[0]} to page ${pages[pages.length - 1]} (joined)`,
      });
    }
  });
  for (const d of dropped) {
    // A note belongs to a text line: the first paragraph on the first page the furniture was seen on.
    const line = Math.max(1, paras.findIndex((q) => q.page >= d.pages[0]!) + 1);
    notes.push({ line, message: `${d.what} "${d.sample}" dropped (${pagesLabel(d.pages)})` });
  }
  return {
    text: paras.map((q) => q.text).join('\n'),
    lines: paras.map((q) => at({ page: q.page, pageLine: q.pageLine, ocr: ocr(q.page) })),
    notes: notes.sort((a, b) => a.line - b.line),
  };
}

const pagesLabel = (pages: number[]) =>
  pages.length === 1 ? `page ${pages[0]}` : `pages ${compactPages(pages)}`;

interface Dropped {
  what: 'running header' | 'running footer' | 'page number';
  sample: string;
  pages: number[];
}

function dropFurniture(
  pages: PrintedLine[][],
  boxes: PageBox[],
): { body: PrintedLine[][]; dropped: Dropped[] } {
  const band = (l: PrintedLine): 'top' | 'bottom' | null => {
    const h = boxes[l.page - 1]!.height;
    return l.y < h * BAND ? 'top' : l.y > h * (1 - BAND) ? 'bottom' : null;
  };
  // The same text (digits aside) in the same band on several pages is furniture.
  const key = (l: PrintedLine) => `${band(l)}|${l.text.replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const seenOn = new Map<string, Set<number>>();
  for (const line of pages.flat()) {
    if (!band(line)) continue;
    const k = key(line);
    seenOn.set(k, (seenOn.get(k) ?? new Set()).add(line.page));
  }
  const repeats = (l: PrintedLine) => {
    const n = seenOn.get(key(l))?.size ?? 0;
    // A third of the pages, not half: headers alternating between odd and even pages count too.
    return pages.length > 1 && n >= 2 && n >= pages.length / 3;
  };
  const dropped = new Map<string, Dropped>();
  const body = pages.map((lines) =>
    lines.filter((l) => {
      const where = band(l);
      if (!where) return true;
      const number = PAGE_NUMBER.test(l.text);
      if (!number && !repeats(l)) return true;
      const what = number ? 'page number' : where === 'top' ? 'running header' : 'running footer';
      const k = number ? `number|${where}` : key(l);
      const d = dropped.get(k) ?? { what, sample: l.text.trim(), pages: [] };
      d.pages.push(l.page);
      dropped.set(k, d);
      return false;
    }),
  );
  return { body, dropped: [...dropped.values()] };
}

/** Whether `line` carries on the paragraph whose last line is `prev`. */
function continues(
  prev: PrintedLine,
  line: PrintedLine,
  m: { left: number; right: number; size: number; pitch: number },
): boolean {
  const em = Math.max(prev.size, line.size);
  if (Math.abs(prev.size - line.size) > 0.15 * em) return false;
  // A line that stops short of the right margin ends its paragraph.
  if (prev.right < m.right - 0.75 * em) return false;
  if (line.page === prev.page && line.y - prev.y > Math.max(m.pitch, em) * 1.8) return false;
  const indent = line.x - m.left;
  if (indent < 0.8 * em) return true;
  // An indented line opens a paragraph, unless it is the centred rest of a centred title.
  const centre = (m.left + m.right) / 2;
  return indent > 2.5 * em && Math.abs((line.x + line.right) / 2 - centre) < em;
}

/** Chinese lines join without a space; Latin words broken at a line end keep one. */
export function joinText(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * The left margin: the leftmost position where several lines start. Not the most common start — in a
 * plan of short paragraphs most lines are first lines, indented by two characters.
 */
function leftMargin(xs: number[], size: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const enough = Math.max(2, Math.ceil(sorted.length * 0.05));
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]! - sorted[i]! <= 0.5 * size) j++;
    if (j - i + 1 >= enough) return sorted[i]!;
  }
  return sorted[0]!;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Text pieces of one line, left to right → the line's text: no space inside Chinese, one between words. */
export function joinPieces(pieces: { x: number; right: number; str: string; size: number }[]): string {
  let out = '';
  let end = -Infinity;
  for (const p of pieces) {
    const gap = p.x - end;
    const a = out.slice(-1);
    const b = p.str.charAt(0);
    if (out && gap > 0.25 * p.size && a !== ' ' && b !== ' ' && !CJK.test(a) && !CJK.test(b)) out += ' ';
    out += p.str;
    end = Math.max(end, p.right);
  }
  // Letter-spaced headings (甘 肃 省 人 民 政 府 文 件) come with a space between every character.
  return out
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '')
    .trim();
}
