// Small shared pieces: escaping, the score scale (sure / probable / likely / weak / gap), badges, and the
// highlighting of evidence offsets in a text.
import { t, tv } from './messages.js';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** A text field of a form ('' when absent; a file field is not text). */
export const formText = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
};
export const esc = (s: string | number | boolean | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export { GAP, SCALE, scoreClass } from './scale.js';
import { scoreClass } from './scale.js';

export function scoreBadge(score: number): string {
  const c = scoreClass(score);
  return `<span class="badge score ${c.id}" style="background:${c.bg};color:${c.fg}" title="${esc(t(c.label))}">${score.toFixed(2)}</span>`;
}

export const methodChip = (method: string) =>
  `<span class="chip method m-${esc(method.toLowerCase())}">${esc(tv('', method))}</span>`;

export function reviewChip(review: { decision: string } | null | undefined): string {
  if (!review) return '';
  return `<span class="chip review r-${esc(review.decision.toLowerCase())}">${esc(tv('reviewState_', review.decision))}</span>`;
}

export interface Range {
  start: number;
  end: number;
  kind: string;
  text: string;
}

/**
 * The text with the given ranges wrapped in <mark> (class = evidence kind; terms win over words where
 * they overlap). Ranges outside the text are dropped; the rest is escaped.
 */
export function highlight(text: string, ranges: Range[]): string {
  const rank = (k: string) => (k === 'word' ? 1 : 2);
  const owner: (Range | null)[] = Array.from({ length: text.length }, () => null);
  for (const r of ranges) {
    if (r.start < 0 || r.end > text.length || r.end <= r.start) continue;
    for (let i = r.start; i < r.end; i++) {
      const o = owner[i];
      if (!o || rank(r.kind) > rank(o.kind)) owner[i] = r;
    }
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const o = owner[i];
    let j = i + 1;
    while (j < text.length && owner[j] === o) j++;
    const chunk = esc(text.slice(i, j));
    out += o
      ? `<mark class="ev ev-${o.kind === 'word' ? 'word' : 'term'}" title="${esc(o.text)}">${chunk}</mark>`
      : chunk;
    i = j;
  }
  return out;
}

export interface SourceLoc {
  file: string;
  line: number;
  endLine: number | null;
  format?: string | null;
  page?: number | null;
  pageLine?: number | null;
  paragraph?: number | null;
  element?: string | null;
  ocr?: boolean;
}

/** Where a text is: file and lines of the parsed text, and the page/paragraph/element of the published file. */
export function sourceLine(s: SourceLoc): string {
  const where =
    s.endLine && s.endLine !== s.line
      ? t('lines', { line: s.line, endLine: s.endLine })
      : t('line', { line: s.line });
  const published = [
    s.page ? t('page', { page: s.page, line: s.pageLine ?? '' }) : null,
    s.paragraph ? t('paragraph', { n: s.paragraph }) : null,
    s.element ? s.element : null,
    s.ocr ? 'OCR' : null,
  ].filter(Boolean);
  return `<code>${esc(s.file)}</code> · ${esc(where)}${published.length ? ` · <span class="loc">${esc(published.join(' · '))}</span>` : ''}`;
}
