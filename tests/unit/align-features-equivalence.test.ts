// The aligner's fast paths (src/align/features.ts's per-code-unit Han table and first-unit map,
// src/align/national-index.ts's postings for the scores) against the plain definitions they replace:
// every line of the seeds and the labelled corpus, and strings built to reach their edges (characters
// outside the BMP, lone surrogates, generic pairs, one-character texts).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  concepts,
  onlyHan,
  textFeatures,
  type Occurrence,
  type TextFeatures,
} from '../../src/align/features.js';
import { loadNational } from '../../src/align/index.js';
import { NationalIndex, SCORING, type TaskScore } from '../../src/align/national-index.js';
import type { Vocabulary } from '../../src/align/vocabulary.js';
import { corpusLines as readCorpusLines, random } from '../support/corpus-text.js';

const corpusLines = readCorpusLines();

/** Strings of Han (BMP and beyond), digits, punctuation, Latin, lone surrogates, in random order. */
function randomStrings(count: number): string[] {
  const rand = random(17);
  const pieces = [
    '城',
    '市',
    '户',
    '籍',
    '制',
    '度',
    '改',
    '革',
    '推',
    '进',
    '的',
    '和',
    '〇',
    '々',
    '㐀',
    '龥',
    '鿿',
    '\u{20000}',
    '\u{2A6D6}',
    '\u{30000}',
    '\uD840',
    '\uDC00',
    '1',
    '3',
    'a',
    'Z',
    '，',
    '。',
    '、',
    '（',
    '）',
    ' ',
    '\n',
    'ア',
    'の',
  ];
  return Array.from({ length: count }, () => {
    let s = '';
    const n = 1 + Math.floor(rand() * 40);
    for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)]!;
    return s;
  });
}

// The definitions the fast paths replace, as they were.
const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const ONLY_HAN = /^\p{Script=Han}+$/u;

function plainConcepts(text: string, vocab: Vocabulary): Map<string, Occurrence[]> {
  const found = new Map<string, Occurrence[]>();
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
        if (list.length < 3 && !list.some((o) => o.start <= i && i < o.end))
          list.push({ start: i, end: i + surface.length });
        found.set(concept, list);
      }
    }
  }
  return found;
}

function plainFeatures(text: string, vocab: Vocabulary): TextFeatures {
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
  return { concepts: plainConcepts(text, vocab), words, wordAt, bigrams };
}

function plainTitlePairs(title: string, generic: Set<string>): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < title.length; i++) {
    const p = title.slice(i, i + 2);
    if (/^\p{Script=Han}{2}$/u.test(p) && !generic.has(p)) pairs.add(p);
  }
  return pairs;
}

/** NationalIndex.score as it was: each task's vector walked against the local one. */
function plainScore(index: NationalIndex, title: string, features: TextFeatures): TaskScore[] {
  const featureIdf = index['featureIdf'];
  const conceptIdf = index['conceptIdf'];
  const vector = new Map<string, number>();
  for (const [w, c] of features.words) {
    const idf = featureIdf.get(`1:${w}`);
    if (idf) vector.set(`1:${w}`, (1 + Math.log(c)) * idf);
  }
  for (const [b, c] of features.bigrams) {
    const idf = featureIdf.get(`2:${b}`);
    if (idf) vector.set(`2:${b}`, (1 + Math.log(c)) * idf * 0.5);
  }
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  const localNorm = norm(vector);
  const pairs = plainTitlePairs(title, index.vocabulary.generic);
  const dice = (a: Set<string>, b: Set<string>) => {
    if (a.size === 0 || b.size === 0) return 0;
    let common = 0;
    for (const x of a) if (b.has(x)) common++;
    return (2 * common) / (a.size + b.size);
  };
  const results: TaskScore[] = [];
  for (const task of index.tasks) {
    const shared: TaskScore['shared'] = [];
    let conceptMass = 0;
    for (const [concept, occurrences] of features.concepts) {
      if (!task.concepts.has(concept)) continue;
      const idf = conceptIdf.get(concept)!;
      conceptMass += idf;
      shared.push({
        concept,
        idf,
        from: occurrences[0]!,
        all: occurrences,
        to: task.features.concepts.get(concept)?.[0] ?? null,
      });
    }
    let dot = 0;
    const sharedWords: string[] = [];
    for (const [k, w] of vector) {
      const tw = task.vector.get(k);
      if (tw === undefined) continue;
      dot += w * tw;
      if (!k.startsWith('2:')) sharedWords.push(k.slice(2));
    }
    const textSimilarity = localNorm > 0 && task.norm > 0 ? dot / (localNorm * task.norm) : 0;
    const titleSimilarity = dice(pairs, plainTitlePairs(task.title, index.vocabulary.generic));
    const pConcept = 1 - Math.exp(-conceptMass / SCORING.conceptScale);
    const pTitle = SCORING.titleWeight * titleSimilarity;
    const pText = Math.min(1, SCORING.textScale * textSimilarity);
    const score = 1 - (1 - pConcept) * (1 - pTitle) * (1 - pText);
    shared.sort((a, b) => b.idf - a.idf);
    results.push({
      task,
      score,
      shared,
      titleSimilarity,
      textSimilarity,
      concept: pConcept,
      text: pText,
      sharedWords,
    });
  }
  return results.sort((a, b) => b.score - a.score);
}

/** Maps as their entries in order (insertion order is part of the answer: it orders the evidence). */
const entries = (f: TextFeatures) => ({
  concepts: [...f.concepts],
  words: [...f.words],
  wordAt: [...f.wordAt],
  bigrams: [...f.bigrams],
});
const scored = (xs: TaskScore[]) => xs.map((s) => ({ ...s, task: s.task.id }));

describe('aligner fast paths give the answers of the plain definitions', () => {
  let index: NationalIndex;
  beforeAll(async () => {
    index = new NationalIndex(await loadNational());
  });
  const texts = () => [...corpusLines, ...randomStrings(3000), '', '城', '城市', '\u{20000}\u{20001}'];

  it('onlyHan is /^\\p{Script=Han}+$/u', () => {
    const wrong: string[] = [];
    let han = 0;
    for (const t of texts())
      for (const w of [
        t,
        ...Array.from({ length: Math.max(0, t.length - 1) }, (_, i) => t.slice(i, i + 2)),
      ]) {
        if (onlyHan(w) !== ONLY_HAN.test(w)) wrong.push(w);
        if (ONLY_HAN.test(w)) han++;
      }
    expect(wrong).toEqual([]);
    expect(han).toBeGreaterThan(100_000);
  });

  it('textFeatures and concepts: the same entries in the same order', () => {
    const vocab = index.vocabulary;
    let words = 0;
    for (const t of texts()) {
      const fast = textFeatures(t, vocab);
      expect(entries(fast), t).toEqual(entries(plainFeatures(t, vocab)));
      expect([...concepts(t, vocab)]).toEqual([...plainConcepts(t, vocab)]);
      words += fast.words.size;
    }
    expect(words).toBeGreaterThan(10_000); // the corpus lines do reach the word path
  });

  it('the national tasks index the same features as the plain definitions give', () => {
    for (const task of index.tasks) {
      expect(entries(task.features)).toEqual(entries(plainFeatures(task.text, index.vocabulary)));
      expect([...task.titlePairs]).toEqual([...plainTitlePairs(task.title, index.vocabulary.generic)]);
    }
  });

  it('score: every task score, its parts and shared words, equal and in the same order', () => {
    let linked = 0;
    for (const t of [...corpusLines, ...randomStrings(500)]) {
      const f = index.features(t);
      const fast = index.score(t.slice(0, 30), f);
      expect(scored(fast), t).toEqual(scored(plainScore(index, t.slice(0, 30), f)));
      if (fast[0]!.sharedWords.length) linked++;
    }
    expect(linked).toBeGreaterThan(500);
  });
});
