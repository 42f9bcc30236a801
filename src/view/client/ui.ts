// Small shared pieces: escaping, the score scale (sure / probable / likely / weak / gap), badges, and the
// highlighting of evidence offsets in a text.
import { t, tv, type MessageKey } from './messages.js';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
export const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface ScoreClass {
  id: 'sure' | 'probable' | 'likely' | 'weak' | 'gap';
  label: MessageKey;
  min: number;
  /** Background and text colours (text chosen for a contrast of at least 4.5:1). */
  bg: string;
  fg: string;
}

/**
 * The heat map's scale. The aligner links at 0.65 and above; 0.9 and above is taken as sure, 0.8–0.9 as
 * probable, 0.65–0.8 as likely; lower scores come only from analysts or curation.
 */
export const SCALE: ScoreClass[] = [
  { id: 'sure', label: 'legendSure', min: 0.9, bg: '#1a5276', fg: '#ffffff' },
  { id: 'probable', label: 'legendProbable', min: 0.8, bg: '#5499c7', fg: '#0b1f2e' },
  { id: 'likely', label: 'legendLikely', min: 0.65, bg: '#f5cba7', fg: '#4a2a0a' },
  { id: 'weak', label: 'legendWeak', min: 0, bg: '#fbeee6', fg: '#4a2a0a' },
];
export const GAP: ScoreClass = { id: 'gap', label: 'legendGap', min: -1, bg: '#ffffff', fg: '#5d6d7e' };

export function scoreClass(score: number | null | undefined): ScoreClass {
  if (score === null || score === undefined) return GAP;
  return SCALE.find((c) => score >= c.min) ?? SCALE[SCALE.length - 1]!;
}

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

export function sourceLine(s: { file: string; line: number; endLine: number | null }): string {
  const where =
    s.endLine && s.endLine !== s.line
      ? t('lines', { line: s.line, endLine: s.endLine })
      : t('line', { line: s.line });
  return `<code>${esc(s.file)}</code> · ${esc(where)}`;
}
