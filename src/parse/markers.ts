// The numbering that opens a paragraph. Chinese official documents use, from the top down:
// 一、 (or 第一章/第一部分) › （一） › 1. › （1）; interpretations enumerate points as 一是…二是….
// Which style means "section", "measure" or "sub-item" is decided per document (see structure.ts).
import { labelNumber } from './numerals.js';

export type MarkerStyle = 'chapter' | 'han-comma' | 'han-paren' | 'arabic-dot' | 'arabic-paren' | 'han-point';

export interface Marker {
  type: 'section' | 'numbered' | 'plain';
  style: MarkerStyle | null;
  /** The number as printed (一, 十九, 3). */
  label: string;
  /** The marker as printed, with its punctuation (（一）, 3., 一是). */
  printed: string;
  number: number;
  /** Text after the marker. */
  rest: string;
  /** Length of the marker in the paragraph. */
  length: number;
}

const HAN = '[一二三四五六七八九十百]+';
const PATTERNS: { style: MarkerStyle; re: RegExp }[] = [
  { style: 'chapter', re: new RegExp(`^第(${HAN})(?:章|部分|篇)[\\s、：:]*`) },
  { style: 'han-comma', re: new RegExp(`^(${HAN})[、，.．]\\s*`) },
  { style: 'han-paren', re: new RegExp(`^[（(](${HAN})[）)]\\s*`) },
  { style: 'arabic-paren', re: /^[（(]([0-9０-９]{1,3})[）)]\s*/ },
  { style: 'arabic-dot', re: /^([0-9０-９]{1,3})(?:[.．](?![0-9０-９])|、)\s*/ },
  { style: 'han-point', re: new RegExp(`^(${HAN})是(?=\\S)`) },
];

/** What follows 第X部分 when the paragraph refers to that part instead of opening it. */
const REFERENCE_GOES_ON = /^(?:第|的|是|里|提出|部署|对应|定名|[，,])/;

const PLAIN: Marker = { type: 'plain', style: null, label: '', printed: '', number: 0, rest: '', length: 0 };

export function classify(text: string): Marker {
  for (const { style, re } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const number = labelNumber(m[1]!);
    if (number === null || number === 0) continue;
    const rest = text.slice(m[0].length);
    if (rest.length === 0 && style !== 'han-comma' && style !== 'chapter') continue;
    // 第二部分第（四）条…, 第三部分是…, 第五部分定名为…，…。: a sentence referring to a part, written straight
    // after it (a heading has a space, 、 or ： there, or a short title).
    const bare = style === 'chapter' && !/[\s、：:]$/.test(m[0]);
    // (A sentence, too: 第三部分讲城中村改造。 — a heading does not end in 。)
    if (bare && (REFERENCE_GOES_ON.test(rest) || /[，,].*。$/.test(rest) || /[。！!]$/.test(rest))) continue;
    const isSection = (style === 'han-comma' || style === 'chapter') && looksLikeHeading(rest);
    return {
      type: isSection ? 'section' : 'numbered',
      style,
      label: m[1]!,
      printed: m[0].trim(),
      number,
      rest,
      length: m[0].length,
    };
  }
  return { ...PLAIN, rest: text };
}

/** Section headings are short titles or questions, not sentences that happen to start with 一、. */
function looksLikeHeading(rest: string): boolean {
  if (rest.length === 0 || rest.length > 60) return false;
  if (/[？?]$/.test(rest)) return true;
  return !/[。；;]./.test(rest) && !/，.*，/.test(rest);
}
