// Policy vocabulary: synonym groups (户籍 ≈ 落户) and generic words, from data/policy-vocabulary.yaml,
// plus the characteristic terms of the national plan's entries. A text is read as the set of concepts
// it mentions; a concept is the canonical name of a synonym group, or a catalog term of its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { dataDir } from '../paths.js';

const VocabularyFile = z.object({
  synonyms: z.array(z.array(z.string().min(1)).min(1)),
  generic: z.array(z.string().min(1)),
  /** Words that hold a concept's name but mean something else (国家中心城市 is a rank, not 中心城市). */
  distinct: z.array(z.string().min(2)).default([]),
});

export interface Vocabulary {
  /** Surface form → concept keys it stands for. */
  readonly conceptsOf: Map<string, string[]>;
  /** Surface forms grouped by first character, longest first. */
  readonly byFirstChar: Map<string, string[]>;
  readonly generic: Set<string>;
  /** Surfaces read as concepts of their own; no concept is read inside them. */
  readonly distinct: Set<string>;
}

let cachedFile: z.infer<typeof VocabularyFile> | null = null;

function vocabularyFile(): z.infer<typeof VocabularyFile> {
  cachedFile ??= VocabularyFile.parse(
    parse(readFileSync(path.join(dataDir, 'policy-vocabulary.yaml'), 'utf8')),
  );
  return cachedFile;
}

/**
 * The vocabulary for aligning against one national plan: the synonym table, and every characteristic
 * term of the plan as a concept of its own (unless a synonym group already names it).
 */
export function buildVocabulary(extraTerms: Iterable<string>): Vocabulary {
  const file = vocabularyFile();
  const conceptsOf = new Map<string, string[]>();
  const add = (surface: string, concept: string) => {
    const list = conceptsOf.get(surface) ?? [];
    if (!list.includes(concept)) list.push(concept);
    conceptsOf.set(surface, list);
  };
  for (const group of file.synonyms) for (const surface of group) add(surface, group[0]!);
  for (const surface of file.distinct) add(surface, surface);
  for (const term of extraTerms) if (term.length >= 2 && !conceptsOf.has(term)) add(term, term);

  const byFirstChar = new Map<string, string[]>();
  for (const surface of conceptsOf.keys()) {
    const list = byFirstChar.get(surface[0]!) ?? [];
    list.push(surface);
    byFirstChar.set(surface[0]!, list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.length - a.length);
  return { conceptsOf, byFirstChar, generic: new Set(file.generic), distinct: new Set(file.distinct) };
}
