// Traditional → Simplified with OpenCC's dictionaries (opencc-js), for matching and search; the
// original script is kept beside it.
import * as OpenCCModule from 'opencc-js';
import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';

// opencc-js's types import './core' without an extension, which NodeNext resolution cannot follow, so its
// Converter comes out untyped: its signature, stated once here.
const OpenCC = OpenCCModule as unknown as {
  Converter(options: { from: string; to: string }): (text: string) => string;
};
const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * What those two converters would change (their dictionaries: opencc-js's to/cn and from/tw, TSPhrases,
 * TSCharacters, TWVariantsRevPhrases, TWVariantsRev, and the compatibility ideographs they normalise): the characters they map to another one, and the
 * phrases they change although no character of theirs changes alone (反覆 → 反复). A text holding none
 * of them comes back unchanged from both, so it skips them — most of a Simplified corpus.
 */
const entries = (dict: string) =>
  dict.split('|').map((e) => {
    const [key, value] = e.split(' ');
    return { key: key!, value: value! };
  });
// A character either converter changes on its own (群 is in TWVariantsRev as 群 → 羣, and back to 群 in the
// same converter's to/cn stage: unchanged).
const tsPhrases = entries(TSPhrases);
const twVariants = entries(TWVariantsRev);
const changing = new Set<string>();
for (const dict of [entries(TSCharacters), twVariants])
  for (const { key, value } of dict)
    if (key !== value && (t2s(key) !== key || tw2s(key) !== key)) changing.add(key);
// The converters first normalise CJK compatibility ideographs (U+F901 更 → 更).
for (const { key } of entries(CJKCompatibility)) changing.add(key);
// A variant that turns into a character of a phrase (秘 → 祕 in 李祕书长) may change that phrase's reading.
const inPhrases = new Set(tsPhrases.flatMap(({ key }) => [...key]));
for (const { key, value } of twVariants) if (key !== value && inPhrases.has(value)) changing.add(key);
/** Those phrases by their first character. */
const changingPhrases = new Map<string, string[]>();
for (const dict of [tsPhrases, entries(TWVariantsRevPhrases)])
  for (const { key, value } of dict)
    if (key !== value && ![...key].some((ch) => changing.has(ch))) {
      const first = String.fromCodePoint(key.codePointAt(0)!);
      changingPhrases.set(first, [...(changingPhrases.get(first) ?? []), key]);
    }

/**
 * The same, by UTF-16 code unit for the Basic Multilingual Plane: 1 = a character the converters change,
 * 2 = the first character of a phrase they change. A text is scanned with one array read per character
 * instead of a string and two hash lookups.
 */
const CHANGES = 1;
const STARTS_PHRASE = 2;
const bmp = new Uint8Array(0x10000);
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
for (const ch of changing)
  if (ch.length === 1 && !isSurrogate(ch.charCodeAt(0))) bmp[ch.charCodeAt(0)]! |= CHANGES;
for (const first of changingPhrases.keys())
  if (first.length === 1 && !isSurrogate(first.charCodeAt(0))) bmp[first.charCodeAt(0)]! |= STARTS_PHRASE;

/** Whether the converters change the text from `at`, where a character (or a phrase starting with it) is. */
const changesAt = (text: string, ch: string, at: number) =>
  changing.has(ch) || !!changingPhrases.get(ch)?.some((p) => text.startsWith(p, at));

/** The Simplified form of a text (Simplified text passes through unchanged). */
export function toSimplified(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSurrogate(c)) {
      // A character outside the BMP (a pair) or a lone surrogate: looked up as the string it is.
      const pair = c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (changesAt(text, text.slice(i, pair ? i + 2 : i + 1), i)) return tw2s(t2s(text));
      if (pair) i++;
      continue;
    }
    const flags = bmp[c]!;
    if (flags === 0) continue;
    if (flags & CHANGES || changesAt(text, text[i]!, i)) return tw2s(t2s(text));
  }
  return text;
}

/** Share of CJK characters that conversion changes: about 0 for Simplified text, 0.1+ for Traditional. */
export function traditionalShare(text: string, simplified = toSimplified(text)): number {
  let cjk = 0;
  let changed = 0;
  const n = Math.min(text.length, simplified.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      if (text[i] !== simplified[i]) changed++;
    }
  }
  return cjk === 0 ? 0 : changed / cjk;
}
