// What the aligner reads in a text: the policy concepts it mentions (through the vocabulary), its words
// (ICU word segmentation via Intl.Segmenter: no dictionary to ship, no native module), and its Chinese
// character pairs (robust where segmentation splits a compound differently in two texts).
import type { Vocabulary } from './vocabulary.js';

export interface Occurrence {
  start: number;
  end: number;
}

export interface TextFeatures {
  /** Concept → where the text mentions it (first few occurrences). */
  concepts: Map<string, Occurrence[]>;
  /** Word → count, generic words and numbers left out. */
  words: Map<string, number>;
  /** Word → first occurrence, for evidence. */
  wordAt: Map<string, Occurrence>;
  /** Chinese character pair → count. */
  bigrams: Map<string, number>;
}

const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const ONLY_HAN = /^\p{Script=Han}+$/u;
const MAX_OCCURRENCES = 3;

/**
 * HAN_UNIT[c] = 1 when the one code unit c, as a string, is Han (HAN.test(String.fromCharCode(c))):
 * what the character pairs test at each position, as one array read instead of a regular expression.
 * Lone surrogates are not Han (a character outside the BMP is two code units, neither of them Han).
 */
const HAN_UNIT = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (HAN.test(String.fromCharCode(c))) table[c] = 1;
  return table;
})();

/** True when the code unit c alone is a Han character (HAN.test(String.fromCharCode(c))). */
export const hanUnit = (c: number): boolean => HAN_UNIT[c] === 1;

/** ONLY_HAN.test(w): a table read per code unit; a word holding a surrogate (pair) asks the expression. */
export function onlyHan(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return ONLY_HAN.test(w);
    if (HAN_UNIT[c] === 0) return false;
  }
  return true;
}

/** A vocabulary's surfaces by the code unit they start with (byFirstChar without a string per lookup). */
const byFirstUnit = new WeakMap<Vocabulary, Map<number, string[]>>();
function firstUnits(vocab: Vocabulary): Map<number, string[]> {
  let map = byFirstUnit.get(vocab);
  if (!map) {
    map = new Map();
    for (const [first, surfaces] of vocab.byFirstChar) map.set(first.charCodeAt(0), surfaces);
    byFirstUnit.set(vocab, map);
  }
  return map;
}

export function concepts(text: string, vocab: Vocabulary): Map<string, Occurrence[]> {
  const found = new Map<string, Occurrence[]>();
  const byFirst = firstUnits(vocab);
  // End of the last distinct word read (国家中心城市): nothing inside it is read as another concept.
  let blockedEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const candidates = byFirst.get(text.charCodeAt(i));
    if (!candidates) continue;
    for (const surface of candidates) {
      if (!text.startsWith(surface, i)) continue;
      if (i + surface.length <= blockedEnd) continue;
      if (vocab.distinct.has(surface)) blockedEnd = i + surface.length;
      for (const concept of vocab.conceptsOf.get(surface)!) {
        const list = found.get(concept) ?? [];
        // A concept matched through a longer surface at the same place is not counted twice.
        if (list.length < MAX_OCCURRENCES && !list.some((o) => o.start <= i && i < o.end))
          list.push({ start: i, end: i + surface.length });
        found.set(concept, list);
      }
    }
  }
  return found;
}

export function textFeatures(text: string, vocab: Vocabulary): TextFeatures {
  const words = new Map<string, number>();
  const wordAt = new Map<string, Occurrence>();
  for (const seg of segmenter.segment(text)) {
    const w = seg.segment;
    if (!seg.isWordLike || w.length < 2 || !onlyHan(w) || vocab.generic.has(w)) continue;
    const count = words.get(w);
    if (count === undefined) {
      words.set(w, 1);
      wordAt.set(w, { start: seg.index, end: seg.index + w.length });
    } else words.set(w, count + 1);
  }
  const bigrams = new Map<string, number>();
  const generic = vocab.generic;
  for (let i = 0; i + 1 < text.length; i++) {
    if (HAN_UNIT[text.charCodeAt(i + 1)] === 0) {
      i++; // no pair ends here, and none starts at i + 1
      continue;
    }
    if (HAN_UNIT[text.charCodeAt(i)] === 0) continue;
    const pair = text.slice(i, i + 2);
    if (generic.has(pair)) continue;
    bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
  }
  return { concepts: concepts(text, vocab), words, wordAt, bigrams };
}
