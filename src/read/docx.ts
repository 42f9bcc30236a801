// Word .docx: the zip (fflate) and its XML (htmlparser2 in XML mode) read here, because the libraries
// that turn .docx into text drop Word's automatic numbering — and in Chinese plans the （一）/1. that
// the parser builds the structure from is often exactly that. numbering.xml's lists are counted as
// Word counts them; headers and footers live in parts of their own and are never read; a table row
// becomes one line, its cells apart.
import { unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { DocumentError } from './errors.js';
import { at, NO_METADATA, type ReadResult, type Reader, type SourceLocation } from './types.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export const isZip = (bytes: Uint8Array): boolean => ZIP.every((b, i) => bytes[i] === b);

export const docxReader: Reader = {
  format: 'docx',
  // The part names are stored uncompressed in the zip, so a Word file names word/ in its bytes.
  detect: (bytes, file) =>
    isZip(bytes) && (/\.docx$/i.test(file) || Buffer.from(bytes).includes('word/document.xml')),
  read: (bytes, file) => Promise.resolve(readDocx(bytes, file)),
};

const PARTS = ['word/document.xml', 'word/numbering.xml', 'word/styles.xml'];

export function readDocx(bytes: Uint8Array, file: string): ReadResult {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => PARTS.includes(f.name) });
  } catch (err) {
    throw new DocumentError(
      file,
      1,
      `damaged Word file: the zip container cannot be opened (${(err as Error).message})`,
    );
  }
  const xml = (name: string) => (parts[name] ? new TextDecoder().decode(parts[name]) : null);
  const document = xml('word/document.xml');
  if (document === null)
    throw new DocumentError(file, 1, 'not a Word document: the zip has no word/document.xml');
  const body = find(parseDocument(document, { xmlMode: true }).children, 'w:body');
  if (!body) throw new DocumentError(file, 1, 'damaged Word file: word/document.xml has no body');

  const styles = readStyles(xml('word/styles.xml'));
  const numbering = new Numbering(xml('word/numbering.xml'), styles);
  const lines: string[] = [];
  const where: SourceLocation[] = [];
  let paragraph = 0;

  const paragraphText = (p: Element): string[] => {
    paragraph++;
    const pPr = child(p, 'w:pPr');
    const styleId = attr(child(pPr, 'w:pStyle'), 'w:val');
    const number = numbering.next(numPr(pPr) ?? styles.numPr(styleId));
    const text = runsText(p);
    if (!text.some((t) => t.trim())) return [];
    const [first, ...rest] = text;
    return [joinNumber(number, first!), ...rest];
  };
  const push = (texts: string[], at: number) => {
    for (const t of texts) {
      const clean = t.replace(/\s+/g, (s) => (s.includes('\u3000') ? '\u3000' : ' ')).trim();
      if (!clean) continue;
      lines.push(clean);
      where.push(location(at));
    }
  };

  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isTag(node)) continue;
      if (node.name === 'w:p') {
        const at = paragraph + 1;
        push(paragraphText(node), at);
      } else if (node.name === 'w:tbl') {
        for (const row of children(node, 'w:tr')) {
          const first = paragraph + 1;
          const cells = children(row, 'w:tc').map((cell) =>
            children(cell, 'w:p').flatMap(paragraphText).join(' ').trim(),
          );
          push([cells.filter(Boolean).join('\u3000')], first);
        }
      } else if (node.name === 'w:sdt') {
        walk(child(node, 'w:sdtContent')?.children ?? []);
      } else if (node.name === 'w:customXml' || node.name === 'w:ins') {
        walk(node.children);
      }
    }
  };
  walk(body.children);
  if (lines.length === 0) throw new DocumentError(file, 1, 'the Word document has no text');
  return {
    format: 'docx',
    encoding: 'docx',
    text: lines.join('\n'),
    lines: where,
    metadata: NO_METADATA,
    attachments: [],
    notes: numbering.used
      ? [
          {
            line: 1,
            message: `Word's automatic numbering restored into the text (${numbering.used} paragraphs)`,
          },
        ]
      : [],
  };
}

const location = (paragraph: number) => at({ paragraph });

/** The number joins its text directly after Chinese punctuation (一、 （一） 1.), else after a space. */
function joinNumber(number: string | null, text: string): string {
  if (!number) return text;
  return /[、）)．.：:]$/.test(number) ? `${number}${text.trimStart()}` : `${number} ${text.trimStart()}`;
}

/** A paragraph's runs → its text, split where Word breaks the line inside the paragraph. */
function runsText(p: Element): string[] {
  const out = [''];
  const visit = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isTag(n)) continue;
      switch (n.name) {
        case 'w:t':
          out[out.length - 1] += textOf(n);
          break;
        case 'w:tab':
        case 'w:ptab':
          out[out.length - 1] += ' ';
          break;
        case 'w:br':
        case 'w:cr':
          if (attr(n, 'w:type') !== 'page') out.push('');
          break;
        case 'w:noBreakHyphen':
          out[out.length - 1] += '-';
          break;
        // Runs and the containers runs sit in; drawings, text boxes, deleted text and field codes are not text.
        case 'w:r':
        case 'w:hyperlink':
        case 'w:ins':
        case 'w:smartTag':
        case 'w:fldSimple':
        case 'w:customXml':
        case 'w:moveTo':
        case 'w:sdt':
        case 'w:sdtContent':
          visit(n.children);
          break;
      }
    }
  };
  visit(p.children);
  return out;
}

// ---------------------------------------------------------------- styles and numbering

interface NumPr {
  numId: string;
  ilvl: number;
}

interface Style {
  basedOn: string | null;
  numPr: Partial<NumPr> | null;
}

function readStyles(xml: string | null) {
  const styles = new Map<string, Style>();
  const root = xml ? find(parseDocument(xml, { xmlMode: true }).children, 'w:styles') : null;
  for (const s of root ? children(root, 'w:style') : []) {
    const id = attr(s, 'w:styleId');
    if (!id) continue;
    const pr = child(child(s, 'w:pPr'), 'w:numPr');
    styles.set(id, {
      basedOn: attr(child(s, 'w:basedOn'), 'w:val'),
      numPr: pr
        ? {
            numId: attr(child(pr, 'w:numId'), 'w:val') ?? undefined,
            ilvl: num(attr(child(pr, 'w:ilvl'), 'w:val')) ?? undefined,
          }
        : null,
    });
  }
  return {
    /** Numbering a paragraph takes from its style (or the styles it is based on). */
    numPr(id: string | null): (Partial<NumPr> & { styleId?: string }) | null {
      const seen = new Set<string>();
      for (let s = id; s && !seen.has(s); s = styles.get(s)?.basedOn ?? null) {
        seen.add(s);
        const pr = styles.get(s)?.numPr;
        if (pr?.numId !== undefined) return { ...pr, styleId: id ?? undefined };
      }
      return null;
    },
  };
}

function numPr(pPr: Element | null): Partial<NumPr> | null {
  const pr = child(pPr, 'w:numPr');
  if (!pr) return null;
  const numId = attr(child(pr, 'w:numId'), 'w:val');
  return { numId: numId ?? undefined, ilvl: num(attr(child(pr, 'w:ilvl'), 'w:val')) ?? undefined };
}

interface Level {
  start: number;
  format: string;
  text: string;
  /** 0: never restarts; n: restarts after a level above n is used; null: after any level above. */
  restart: number | null;
  legal: boolean;
  style: string | null;
}

/**
 * Word's list counters. Lists (w:num) that share an abstract definition share its counters — that is
 * how "continue numbering" works — unless a list overrides a level's start, which restarts that level
 * the first time the list is used. Using a level restarts the levels below it.
 */
class Numbering {
  private abstract = new Map<string, Map<number, Level>>();
  private nums = new Map<
    string,
    { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }
  >();
  /** Per abstract definition, the last number of each level; null until the level is used again. */
  private counters = new Map<string, (number | null)[]>();
  private started = new Set<string>();
  used = 0;

  constructor(
    xml: string | null,
    private styles: ReturnType<typeof readStyles>,
  ) {
    const root = xml ? find(parseDocument(xml, { xmlMode: true }).children, 'w:numbering') : null;
    if (!root) return;
    for (const a of children(root, 'w:abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of children(a, 'w:lvl')) levels.set(num(attr(l, 'w:ilvl')) ?? 0, readLevel(l));
      this.abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
    }
    for (const n of children(root, 'w:num')) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(n, 'w:lvlOverride')) {
        const start = num(attr(child(o, 'w:startOverride'), 'w:val'));
        const lvl = child(o, 'w:lvl');
        overrides.set(num(attr(o, 'w:ilvl')) ?? 0, {
          ...(start !== null ? { start } : {}),
          ...(lvl ? { level: readLevel(lvl) } : {}),
        });
      }
      this.nums.set(attr(n, 'w:numId') ?? '', {
        abstractId: attr(child(n, 'w:abstractNumId'), 'w:val') ?? '',
        overrides,
      });
    }
  }

  private level(numId: string, ilvl: number): Level | null {
    const n = this.nums.get(numId);
    if (!n) return null;
    return n.overrides.get(ilvl)?.level ?? this.abstract.get(n.abstractId)?.get(ilvl) ?? null;
  }

  /** The number printed before a paragraph in list (numId, ilvl), counting it; null when unnumbered. */
  next(pr: (Partial<NumPr> & { styleId?: string }) | null): string | null {
    if (!pr?.numId || pr.numId === '0') return null;
    const n = this.nums.get(pr.numId);
    if (!n) return null;
    // A style's numbering may name no level: the level is the one that links back to the style.
    let ilvl = pr.ilvl;
    if (ilvl === undefined) {
      const levels = this.abstract.get(n.abstractId);
      ilvl = [...(levels?.entries() ?? [])].find(([, l]) => l.style && l.style === pr.styleId)?.[0] ?? 0;
    }
    const lvl = this.level(pr.numId, ilvl);
    if (!lvl) return null;
    const counters = this.counters.get(n.abstractId) ?? new Array<number | null>(9).fill(null);
    this.counters.set(n.abstractId, counters);
    const startOf = (k: number) => n.overrides.get(k)?.start ?? this.level(pr.numId!, k)?.start ?? 1;
    if (!this.started.has(pr.numId)) {
      this.started.add(pr.numId);
      for (const [k, o] of n.overrides) if (o.start !== undefined) counters[k] = null;
    }
    const last = counters[ilvl];
    counters[ilvl] = last === null || last === undefined ? startOf(ilvl) : last + 1;
    for (let k = ilvl + 1; k < 9; k++) {
      const restart = this.level(pr.numId, k)?.restart ?? null;
      if (restart === null || (restart !== 0 && restart <= ilvl + 1)) counters[k] = null;
    }
    if (lvl.format === 'none' || lvl.format === 'bullet') return null;
    this.used++;
    return lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const value = counters[k] ?? startOf(k);
      const format = lvl.legal && k < ilvl ? 'decimal' : (this.level(pr.numId!, k)?.format ?? 'decimal');
      return formatNumber(value, format);
    });
  }
}

function readLevel(l: Element): Level {
  const restart = num(attr(child(l, 'w:lvlRestart'), 'w:val'));
  return {
    start: num(attr(child(l, 'w:start'), 'w:val')) ?? 1,
    format: attr(child(l, 'w:numFmt'), 'w:val') ?? 'decimal',
    text: attr(child(l, 'w:lvlText'), 'w:val') ?? '',
    restart,
    legal: child(l, 'w:isLgl') !== null,
    style: attr(child(l, 'w:pStyle'), 'w:val'),
  };
}

const HAN = '〇一二三四五六七八九';
const HAN_LEGAL = '零壹贰叁肆伍陆柒捌玖';
const CELESTIAL = '甲乙丙丁戊己庚辛壬癸';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** Chinese counting as printed in documents: 十, 十一, 二十, 一百零五. */
export function chineseCounting(n: number, digits = HAN, units = ['', '十', '百', '千']): string {
  if (n <= 0 || n >= 10000) return String(n);
  const parts = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  parts.forEach((d, i) => {
    const unit = units[parts.length - 1 - i]!;
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += digits[0];
    zero = false;
    out += d === 1 && unit === units[1] && i === 0 ? unit : digits[d]! + unit;
  });
  return out;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCounting(n, HAN_LEGAL, ['', '拾', '佰', '仟']);
    case 'ideographTraditional':
      return CELESTIAL[n - 1] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    default:
      return String(n);
  }
}

function letters(n: number): string {
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

// ---------------------------------------------------------------- XML helpers

function find(nodes: ChildNode[], name: string): Element | null {
  for (const n of nodes) {
    if (!isTag(n)) continue;
    if (n.name === name) return n;
    const hit = find(n.children, name);
    if (hit) return hit;
  }
  return null;
}

function children(el: Element | null, name: string): Element[] {
  return (el?.children ?? []).filter((n): n is Element => isTag(n) && n.name === name);
}

function child(el: Element | null, name: string): Element | null {
  return children(el, name)[0] ?? null;
}

function attr(el: Element | null, name: string): string | null {
  return el?.attribs[name] ?? null;
}

function num(s: string | null): number | null {
  return s !== null && /^-?\d+$/.test(s) ? Number(s) : null;
}

function textOf(el: Element): string {
  return el.children.map((c) => (isText(c) ? c.data : '')).join('');
}
