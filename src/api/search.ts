// Search helpers (pure): the user's words → a safe Lucene query over the Simplified text, and the
// highlighted snippet of a hit. Queries in Traditional script are converted first, so 隨遷子女 and
// 随迁子女 search the same index terms.
import { toSimplified } from '../parse/script.js';

const LUCENE_SPECIAL = /[\\+\-!():^[\]"{}~*?|&/]/g;

/** Words (split on spaces) as quoted phrases, all required: 随迁子女 公办学校 → "随迁子女" AND "公办学校". */
export function luceneQuery(text: string): string | null {
  const words = toSimplified(text)
    .split(/[\s\u3000]+/)
    .map((w) => w.replace(LUCENE_SPECIAL, ' ').trim())
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"`).join(' AND ');
}

/**
 * The text around the first match, with every match of each word wrapped in <mark>…</mark>. Matching is
 * on the Simplified text; the snippet shows the original script (same length, so offsets carry over).
 */
export function snippet(original: string, simplified: string, text: string, width = 60): string {
  const words = toSimplified(text)
    .split(/[\s\u3000]+/)
    .filter((w) => w.length > 0);
  const ranges: [number, number][] = [];
  for (const w of words)
    for (let i = simplified.indexOf(w); i >= 0; i = simplified.indexOf(w, i + w.length))
      ranges.push([i, i + w.length]);
  ranges.sort((a, b) => a[0] - b[0]);
  const first = ranges[0]?.[0] ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(original.length, start + width);
  let out = '';
  let at = start;
  for (const [s, e] of ranges) {
    if (s < at || e > end) continue;
    out += escapeHtml(original.slice(at, s)) + '<mark>' + escapeHtml(original.slice(s, e)) + '</mark>';
    at = e;
  }
  out += escapeHtml(original.slice(at, end));
  return `${start > 0 ? '…' : ''}${out}${end < original.length ? '…' : ''}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}
