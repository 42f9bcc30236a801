// Source text → logical paragraphs: cleaned lines, debris dropped (page headers, page numbers, rules,
// the 抄送/印发 block), and paragraphs that a page break cut in two joined again.
import { MappedText, cleanLine } from './text.js';
import { classify, type Marker } from './markers.js';

export interface Paragraph {
  /** 1-based line of the paragraph's first source line. */
  line: number;
  endLine: number;
  content: MappedText;
  /** Whether the source marked it as a heading (Markdown # or a bold opening). */
  headingMarkup: boolean;
  /**
   * Length (in `content`) of a bold opening followed by more text on the line (**1.标题**正文): where a
   * measure's title ends when the source marks it so rather than with 。. Null otherwise.
   */
  boldOpening: number | null;
  marker: Marker;
}

export interface Note {
  line: number;
  message: string;
}

const PAGE_NUMBER = /^[-—–－\s]*\d{1,3}[-—–－\s]*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$/;
/** A red-header line such as 上海市人民政府文件 (repeated on PDF pages). */
const FILE_HEADER = /^[\u4e00-\u9fa5]{2,24}文件$/;
const TRAILER = /^(?:抄送|抄报|主送单位|分送)[:：]/;
/** Closing lines after the last section: a signature (an issuing body) and a date. */
export const SIGNATURE = /^[\u4e00-\u9fa5（）()]{2,30}(?:人民政府|办公厅|办公室|委员会|政府|部|局|厅|委)$/;
export const CLOSING_DATE =
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/;
const TERMINAL = /[。！？；：!?;:…”’」』）)】]$/;

export interface SplitResult {
  paragraphs: Paragraph[];
  /** The red-header lines (issuer evidence) and the dropped trailer, for metadata. */
  fileHeaders: string[];
  trailer: string[];
  notes: Note[];
}

export function toParagraphs(text: string): SplitResult {
  const notes: Note[] = [];
  const fileHeaders: string[] = [];
  const trailer: string[] = [];
  const raw: Paragraph[] = [];
  let offset = 0;
  let inTrailer = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const no = i + 1;
    const start = offset;
    offset += line.length + 1;
    const content = cleanLine(line, start);
    if (content.length === 0 || RULE.test(line)) continue;
    if (inTrailer || TRAILER.test(content.text)) {
      if (!inTrailer)
        notes.push({ line: no, message: 'distribution block (抄送/印发) left out of the text' });
      inTrailer = true;
      trailer.push(content.text);
      continue;
    }
    if (PAGE_NUMBER.test(content.text)) {
      notes.push({ line: no, message: `page number "${content.text}" dropped` });
      continue;
    }
    if (FILE_HEADER.test(content.text)) {
      fileHeaders.push(content.text);
      notes.push({ line: no, message: `page header "${content.text}" dropped` });
      continue;
    }
    const headingMarkup = /^\s*(?:#{1,6}\s|\*\*|__)/.test(line);
    const bold = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)(?=\S)/.exec(line);
    const boldOpening = bold ? cleanLine(bold[1]!, 0).length : null;
    raw.push({ line: no, endLine: no, content, headingMarkup, boldOpening, marker: classify(content.text) });
  }
  return { paragraphs: joinBroken(raw, notes), fileHeaders, trailer, notes };
}

/**
 * Joins a paragraph with the next when a page break cut it: it ends without closing punctuation and
 * the next one starts no numbered item. A short unpunctuated heading takes only a short unpunctuated
 * continuation (a heading split in two), never a body paragraph. Before the first section nothing is
 * joined: that part is title, number and date lines.
 *
 * Linear time: a run of cut paragraphs is collected and joined once at its end; the decision to take
 * the next part looks only at the run's last part (its closing punctuation) and, for the title test,
 * at the run's marker, which is computed exactly while the run is short and bounded otherwise (see
 * `runIsTitleOnly`).
 */
function joinBroken(paras: Paragraph[], notes: Note[]): Paragraph[] {
  const out: Paragraph[] = [];
  let run: Run | null = null;
  const close = () => {
    if (run && run.parts.length > 1) {
      const content = MappedText.join(run.parts);
      out[out.length - 1] = {
        ...run.first,
        endLine: run.endLine,
        content,
        marker: classify(content.text),
      };
    }
    run = null;
  };
  let seenSection = false;
  for (const p of paras) {
    const current = run;
    if (current && seenSection && canJoin(current, p)) {
      notes.push({ line: p.line, message: `line ${p.line} continues line ${current.endLine} (page break)` });
      current.parts.push(p.content);
      current.length += p.content.length;
      current.endLine = p.endLine;
      current.marker = null;
      continue;
    }
    close();
    if (p.marker.type === 'section') seenSection = true;
    out.push(p);
    run = { first: p, parts: [p.content], length: p.content.length, endLine: p.endLine, marker: p.marker };
  }
  close();
  return out;
}

/** Paragraphs being joined: the first one, every part, and the joined text's marker when known. */
interface Run {
  first: Paragraph;
  parts: MappedText[];
  length: number;
  endLine: number;
  marker: Marker | null;
}

/** Up to this length a run's marker is computed from its whole joined text. */
const EXACT_RUN = 64;
/** Every character a numbering marker can contain (markers.ts: 第…章, 一、, （一）, 1., （1）, 一是). */
const NOT_MARKER = /[^一二三四五六七八九十百〇零两0-9０-９\s、，.．（）()：:第章部分篇是]/;

/**
 * Whether the joined text is a numbered item with a short, unpunctuated title (rest ≤ 40 characters),
 * exactly as `classify(joined text)` says. A longer run can only be one if its marker is longer than
 * EXACT_RUN − 40 characters; a marker holds only NOT_MARKER's complement, so a non-marker character in
 * the first EXACT_RUN characters settles it without reading the whole run.
 */
function runIsTitleOnly(run: Run): boolean {
  const titleOnly = (m: Marker) => m.type !== 'plain' && !/[，。；,;]/.test(m.rest) && m.rest.length <= 40;
  if (run.marker) return titleOnly(run.marker);
  if (run.length > EXACT_RUN + 40) {
    let head = '';
    for (const part of run.parts) {
      head += part.text.slice(0, EXACT_RUN - head.length);
      if (head.length >= EXACT_RUN) break;
    }
    if (NOT_MARKER.test(head)) return false;
  }
  run.marker = classify(run.parts.map((part) => part.text).join(''));
  return titleOnly(run.marker);
}

/** A paragraph's label in a script or transcript (【解说】, 【同期声】): a short bracketed word, no digits. */
const LABEL = /^【[^】\d０-９]{1,6}】/;

function canJoin(prev: Run, next: Paragraph): boolean {
  if (next.marker.type !== 'plain' || next.headingMarkup) return false;
  // In a script of labelled paragraphs (【字幕】…, 【解说】…) each opens on its own, though a caption ends
  // unpunctuated; a page break may still cut before a bracket that is no label (【2024】30号, 【城市更新】).
  if (LABEL.test(next.content.text) && LABEL.test(prev.first.content.text)) return false;
  // A signature or date line closes the document; a page break never cuts one into the text before it.
  if (SIGNATURE.test(next.content.text) || CLOSING_DATE.test(next.content.text)) return false;
  // The joined text ends with its last (non-empty) part.
  if (TERMINAL.test(prev.parts[prev.parts.length - 1]!.text)) return false;
  if (prev.first.headingMarkup || runIsTitleOnly(prev)) {
    return next.content.length <= 12 && !/[，。；：,;:]/.test(next.content.text);
  }
  return true;
}
