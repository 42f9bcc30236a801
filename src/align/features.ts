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

export function concepts(text: string, vocab: Vocabulary): Map<string, Occurrence[]> {
  const found = new Map<string, Occurrence[]>();
  // End of the last distinct word read (国家中心城市): nothing inside it is read as another concept.
  let blockedEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const candidates = vocab.byFirstChar.get(text[i]!);
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
    if (!seg.isWordLike || w.length < 2 || !ONLY_HAN.test(w) || vocab.generic.has(w)) continue;
    words.set(w, (words.get(w) ?? 0) + 1);
    if (!wordAt.has(w)) wordAt.set(w, { start: seg.index, end: seg.index + w.length });
  }
  const bigrams = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text[i]!;
    const b = text[i + 1]!;
    if (!HAN.test(a) || !HAN.test(b)) continue;
    const pair = a + b;
    if (vocab.generic.has(pair)) continue;
    bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
  }
  return { concepts: concepts(text, vocab), words, wordAt, bigrams };
}
