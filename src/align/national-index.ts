// The national plan, indexed for alignment: every task (a measure of the national plan) with its
// concepts, TF-IDF vector of words and character pairs, and title pairs. Scoring a local text against
// all tasks is a handful of sparse dot products, so 10,000 measures align in a few seconds.
import type { PolicyDocument, Section } from '../model/document.js';
import type { Evidence } from '../model/alignment.js';
import { concepts, hanUnit, textFeatures, type Occurrence, type TextFeatures } from './features.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

export interface NationalTask {
  id: string;
  title: string;
  /** The indexed (upper) plan and its level: what a link to this task points into. */
  plan: string;
  level: PolicyDocument['level'];
  text: string;
  section: Section;
  features: TextFeatures;
  /** Concepts of the task: from its text, and from its catalog terms (which have no span). */
  concepts: Set<string>;
  titlePairs: Set<string>;
  vector: Map<string, number>;
  norm: number;
}

/** Score of one local text against one national task, with the parts that make it up. */
export interface TaskScore {
  task: NationalTask;
  score: number;
  shared: { concept: string; idf: number; from: Occurrence; all: Occurrence[]; to: Occurrence | null }[];
  titleSimilarity: number;
  textSimilarity: number;
  /** The concept and text parts of the score, each in [0, 1] (features of the calibration). */
  concept: number;
  text: number;
  sharedWords: string[];
}

/**
 * How the evidence sources combine. They are independent signs that a local text restates a task, so
 * they combine as a noisy OR: each raises the score towards 1 without any of them being required.
 * These are the only tuned numbers; they are set once for the genre, not per document.
 */
export const SCORING = {
  /** Concept evidence: 1 - exp(-Σ idf / conceptScale); one rare shared concept ≈ 0.5. */
  conceptScale: 4,
  /** Weight of the title similarity (Dice over character pairs). */
  titleWeight: 0.8,
  /** Cosine of TF-IDF vectors is small for texts of unequal length; this stretches it. */
  textScale: 2,
};

export class NationalIndex {
  readonly vocabulary: Vocabulary;
  readonly tasks: NationalTask[];
  /** Sections that hold tasks (actions, policy measures), in document order. */
  readonly sections: Section[];
  private readonly conceptIdf = new Map<string, number>();
  private readonly featureIdf = new Map<string, number>();
  /**
   * Feature key → the tasks whose vector holds it and their weights, as [task, weight, task, weight, …]
   * in task order: a local text's vector is read once (one lookup per key) instead of once per task.
   */
  private readonly postings = new Map<string, number[]>();

  constructor(readonly document: PolicyDocument) {
    const terms = document.sections.flatMap((s) => [...s.keywords, ...s.measures.flatMap((m) => m.keywords)]);
    this.vocabulary = buildVocabulary(terms);
    this.sections = document.sections.filter((s) => s.measures.length > 0);
    this.tasks = this.sections.flatMap((section) =>
      section.measures.map((m) => {
        const features = textFeatures(m.textSimplified, this.vocabulary);
        const all = new Set(features.concepts.keys());
        for (const term of m.keywords) for (const c of concepts(term, this.vocabulary).keys()) all.add(c);
        // What the action's own title names (都市圈 in 实施现代化都市圈培育行动) is shared by all its tasks:
        // it tells actions apart, not tasks, and the structure prior already accounts for it.
        for (const c of concepts(section.titleSimplified, this.vocabulary).keys()) all.delete(c);
        return {
          id: m.id,
          title: m.titleSimplified,
          plan: document.id,
          level: document.level,
          text: m.textSimplified,
          section,
          features,
          concepts: all,
          titlePairs: titlePairs(m.titleSimplified, this.vocabulary.generic),
          vector: new Map<string, number>(),
          norm: 0,
        };
      }),
    );
    if (this.tasks.length === 0) throw new Error(`${document.id} has no tasks to align against`);

    const n = this.tasks.length;
    const df = (keys: Iterable<string>, into: Map<string, number>) => {
      for (const k of keys) into.set(k, (into.get(k) ?? 0) + 1);
    };
    const conceptDf = new Map<string, number>();
    const featureDf = new Map<string, number>();
    for (const t of this.tasks) {
      df(t.concepts, conceptDf);
      df(vectorKeys(t.features), featureDf);
    }
    for (const [k, d] of conceptDf) this.conceptIdf.set(k, Math.log(1 + n / d));
    for (const [k, d] of featureDf) this.featureIdf.set(k, Math.log(1 + n / d));
    this.tasks.forEach((t, i) => {
      t.vector = this.vectorOf(t.features);
      t.norm = norm(t.vector);
      for (const [k, w] of t.vector) {
        const list = this.postings.get(k);
        if (list) list.push(i, w);
        else this.postings.set(k, [i, w]);
      }
    });
  }

  features(text: string): TextFeatures {
    return textFeatures(text, this.vocabulary);
  }

  /** Scores of a local text (title and body, Simplified) against every national task, best first. */
  score(title: string, features: TextFeatures): TaskScore[] {
    const vector = this.vectorOf(features);
    const localNorm = norm(vector);
    const pairs = titlePairs(title, this.vocabulary.generic);
    // The dot products and shared words of every task at once, in the local vector's order (as a walk of
    // the vector per task would add and list them).
    const n = this.tasks.length;
    const dots = new Float64Array(n);
    const words: string[][] = Array.from({ length: n }, () => []);
    for (const [k, w] of vector) {
      const list = this.postings.get(k);
      if (list === undefined) continue;
      const word = k.startsWith('2:') ? null : k.slice(2);
      for (let j = 0; j < list.length; j += 2) {
        const t = list[j]!;
        dots[t]! += w * list[j + 1]!;
        if (word !== null) words[t]!.push(word);
      }
    }
    const results: TaskScore[] = [];
    for (let t = 0; t < n; t++) {
      const task = this.tasks[t]!;
      const shared: TaskScore['shared'] = [];
      let conceptMass = 0;
      for (const [concept, occurrences] of features.concepts) {
        if (!task.concepts.has(concept)) continue;
        const idf = this.conceptIdf.get(concept)!;
        conceptMass += idf;
        shared.push({
          concept,
          idf,
          from: occurrences[0]!,
          all: occurrences,
          to: task.features.concepts.get(concept)?.[0] ?? null,
        });
      }
      const dot = dots[t]!;
      const textSimilarity = localNorm > 0 && task.norm > 0 ? dot / (localNorm * task.norm) : 0;
      const titleSimilarity = dice(pairs, task.titlePairs);
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
        sharedWords: words[t]!,
      });
    }
    return results.sort((a, b) => b.score - a.score);
  }

  /** Evidence items explaining a task score, strongest first. */
  evidence(s: TaskScore, localText: string, limit = 8): Evidence[] {
    const total = s.shared.reduce((sum, x) => sum + x.idf, 0) || 1;
    const items: Evidence[] = s.shared.slice(0, limit).map((x) => ({
      kind: 'term',
      text:
        x.concept === localText.slice(x.from.start, x.from.end)
          ? x.concept
          : `${localText.slice(x.from.start, x.from.end)}≈${x.concept}`,
      weight: round(x.idf / total),
      from: x.from,
      to: x.to,
      source: null,
    }));
    if (s.titleSimilarity >= 0.3)
      items.push({
        kind: 'title',
        text: s.task.title,
        weight: round(s.titleSimilarity),
        from: null,
        to: null,
        source: null,
      });
    for (const w of s.sharedWords.slice(0, Math.max(0, limit - items.length))) {
      const to = s.task.features.wordAt.get(w) ?? null;
      const from = localText.indexOf(w);
      items.push({
        kind: 'word',
        text: w,
        weight: null,
        from: from >= 0 ? { start: from, end: from + w.length } : null,
        to,
        source: null,
      });
    }
    return items;
  }

  private vectorOf(f: TextFeatures): Map<string, number> {
    const v = new Map<string, number>();
    for (const [w, c] of f.words) {
      const idf = this.featureIdf.get(`1:${w}`);
      if (idf) v.set(`1:${w}`, (1 + Math.log(c)) * idf);
    }
    for (const [b, c] of f.bigrams) {
      const idf = this.featureIdf.get(`2:${b}`);
      if (idf) v.set(`2:${b}`, (1 + Math.log(c)) * idf * 0.5);
    }
    return v;
  }
}

function vectorKeys(f: TextFeatures): string[] {
  return [...[...f.words.keys()].map((w) => `1:${w}`), ...[...f.bigrams.keys()].map((b) => `2:${b}`)];
}

function norm(v: Map<string, number>): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function titlePairs(title: string, generic: Set<string>): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < title.length; i++) {
    // Two Han characters (/^\p{Script=Han}{2}$/u): two code units, each Han by itself.
    if (!hanUnit(title.charCodeAt(i)) || !hanUnit(title.charCodeAt(i + 1))) continue;
    const p = title.slice(i, i + 2);
    if (!generic.has(p)) pairs.add(p);
  }
  return pairs;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
