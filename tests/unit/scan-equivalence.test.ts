// The scan's fast paths (src/extract/regions.ts's name trie, src/parse/script.ts's per-code-unit table,
// src/extract/agencies.ts's sentence filter, src/parse/text.ts's ?? check) against the plain definitions
// they replace, on every line of the seeds and the labelled corpus and on strings built to reach their
// edges (names glued together, every dictionary key, characters outside the BMP, lone surrogates).
import { readFileSync } from 'node:fs';
import * as OpenCCModule from 'opencc-js';
import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { extractAgencies } from '../../src/extract/agencies.js';
import { nameLengthsAt } from '../../src/extract/regions.js';
import { toSimplified } from '../../src/parse/script.js';
import { cleanLine } from '../../src/parse/text.js';
import { gazetteer } from '../../src/reference/gazetteer.js';
import { corpusLines as readCorpusLines, random } from '../support/corpus-text.js';

const corpusLines = readCorpusLines();

describe('region scan: the trie finds exactly the names the gazetteer has', () => {
  const g = gazetteer();
  const names = new Set([...g.allNames(), ...g.combined.keys()]);
  const scopes = [null, ...g.regions.keys()].filter((id) => id === null || g.scopedAliases(id).size > 0);
  const scopedNames = new Set(scopes.flatMap((id) => [...g.scopedAliases(id).keys()]));
  const longest = Math.max(...[...names, ...scopedNames].map((n) => n.length));

  /** The definition: every length from 2 at which the slice is a name or an alias of the scope. */
  const plainLengths = (text: string, i: number, scoped: ReadonlyMap<string, string>) => {
    const out: number[] = [];
    for (let len = 2; len <= Math.min(longest, text.length - i); len++) {
      const slice = text.slice(i, i + len);
      if (names.has(slice) || scoped.has(slice)) out.push(len);
    }
    return out;
  };

  it('names have 2 characters or more; the longest (19) is found whole', () => {
    expect(scopes.length).toBeGreaterThan(1);
    for (const n of [...names, ...scopedNames]) expect(n.length, n).toBeGreaterThanOrEqual(2);
    expect(longest).toBeGreaterThan(16);
    const name = '中国（上海）自由贸易试验区临港新片区';
    expect(nameLengthsAt(`推进${name}建设`, 2, new Map())).toEqual([name.length]);
  });

  it('at every position of every corpus line and of every name glued to the next, in every scope', () => {
    const rnd = random(17);
    const all = [...names, ...scopedNames];
    // Names run together (a name's end is the next one's start), and names cut short by the end of text.
    const glued = [all.join(''), all.slice().reverse().join('的'), ...all.map((n) => n.slice(0, -1))];
    const shuffled = Array.from({ length: 200 }, () =>
      Array.from({ length: 30 }, () => all[Math.floor(rnd() * all.length)]!).join(''),
    );
    let positions = 0;
    let found = 0;
    for (const scope of scopes) {
      const scoped = g.scopedAliases(scope);
      // Every line in no scope; in a scope, the lines holding one of its aliases (the rest scan alike).
      const texts =
        scope === null
          ? [...corpusLines, ...glued, ...shuffled]
          : [...glued, ...corpusLines.filter((l) => [...scoped.keys()].some((n) => l.includes(n)))];
      for (const text of texts)
        for (let i = 0; i < text.length; i++) {
          const fast = nameLengthsAt(text, i, scoped);
          const plain = plainLengths(text, i, scoped);
          if (fast.join() !== plain.join())
            expect({ text: text.slice(i, i + 20), scope, fast }).toEqual({
              text: text.slice(i, i + 20),
              scope,
              fast: plain,
            });
          positions++;
          found += fast.length;
        }
    }
    expect(positions).toBeGreaterThan(1_000_000);
    expect(found).toBeGreaterThan(10_000);
  }, 120_000);
});

describe('Simplified check: text passes through only where OpenCC would not change it', () => {
  const OpenCC = OpenCCModule as unknown as {
    Converter(options: { from: string; to: string }): (text: string) => string;
  };
  const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
  const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const opencc = (text: string) => tw2s(t2s(text));
  const keys = [TSCharacters, TSPhrases, TWVariantsRev, TWVariantsRevPhrases, CJKCompatibility].flatMap(
    (dict: string) => dict.split('|').map((e) => e.split(' ')[0]!),
  );

  it('every dictionary key, alone, inside Simplified text and after a surrogate, comes out as OpenCC makes it', () => {
    expect(keys.length).toBeGreaterThan(5000);
    for (const key of keys)
      for (const text of [key, `推进${key}`, `${key}城镇化`, `新型${key}的`, `\ud800${key}`, `𠀀${key}`]) {
        const got = toSimplified(text);
        if (got !== opencc(text)) expect({ text, got }).toEqual({ text, got: opencc(text) });
      }
  }, 120_000);

  it('every corpus line, and random strings of keys, Han, ASCII and surrogates (paired or lone)', () => {
    const rnd = random(2028);
    const pieces = [
      ...keys.slice(0, 5000),
      '新型城镇化',
      'a',
      '1',
      '\ud840\udc5e', // 𠁞, outside the BMP
      '\ud87e\udc00', // a compatibility ideograph outside the BMP
      '\ud800', // lone high surrogate
      '\udc00', // lone low surrogate
      '\u3000',
    ];
    const strings = Array.from({ length: 5000 }, () =>
      Array.from(
        { length: 1 + Math.floor(rnd() * 12) },
        () => pieces[Math.floor(rnd() * pieces.length)]!,
      ).join(''),
    );
    let passed = 0;
    for (const text of [...corpusLines, ...strings]) {
      const got = toSimplified(text);
      if (got !== opencc(text)) expect({ text, got }).toEqual({ text, got: opencc(text) });
      if (got === text) passed++;
    }
    // Most of a Simplified corpus passes through: the check is exercised both ways.
    expect(passed).toBeGreaterThan(corpusLines.length / 2);
  }, 120_000);
});

describe('agency scan: skipping sentences without a name’s last character loses no body', () => {
  const file = YAML.parse(readFileSync('data/agencies.yaml', 'utf8')) as {
    national: Record<string, string>;
    departments: Record<string, string>;
  };

  it('every national body and department in the table is found, in any sentence of a text', () => {
    const names = [...Object.keys(file.national), ...Object.keys(file.departments)];
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      // A department counts after its jurisdiction (市, 省); a national body alone.
      const national = name in file.national;
      const written = national ? name : `市${name}`;
      for (const text of [
        `${written}负责。`,
        `加快推进新型城镇化建设；由${written}牵头`,
        `统筹推进。\n配合单位：${written}`,
        written,
      ]) {
        const found = extractAgencies(text, { jurisdiction: national ? null : '上海市' });
        expect(found.length, `${name} in ${JSON.stringify(text)}`).toBeGreaterThan(0);
      }
    }
  });

  it('coordinating bodies by their ending, whatever their name, in any sentence', () => {
    for (const ending of ['领导小组', '联席会议', '工作专班'])
      for (const text of [
        `成立市推进新型城镇化${ending}。`,
        `加快推进；建立农业转移人口市民化${ending}`,
        `统筹推进。\n省城中村改造${ending}办公室负责`,
      ]) {
        const found = extractAgencies(text, { jurisdiction: '浙江省' });
        expect(
          found.some((a) => a.name.endsWith(ending) || a.name.includes(ending)),
          text,
        ).toBe(true);
      }
  });
});

describe('line cleaning: lost full-width spaces (?? / ？？) are dropped only at a line’s start', () => {
  it('for every corpus line, the line after ??, ？？ or spaces and ？？ cleans to the same text', () => {
    let checked = 0;
    for (const line of corpusLines) {
      if (/^[\s\u3000?？#*_]/.test(line)) continue;
      const clean = cleanLine(line, 0).text;
      for (const lost of ['??', '？？', '？？？？', '\u3000？？', '  ??', '**？？'])
        expect(cleanLine(lost + line, 0).text, lost + line).toBe(
          lost.startsWith('**') ? cleanLine(`**${line}`, 0).text : clean,
        );
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('?? elsewhere in a line stays, and offsets still point into the raw line', () => {
    expect(cleanLine('推进??建设', 0).text).toBe('推进??建设');
    expect(cleanLine('？推进', 0).text).toBe('？推进');
    expect(cleanLine('?\u3000?推进', 0).text).toBe('??推进');
    const m = cleanLine('## ？？推进建设', 10);
    expect(m.text).toBe('推进建设');
    expect(m.offsetAt(0)).toBe(10 + '## ？？'.length);
  });
});
