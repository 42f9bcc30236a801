import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  align,
  alignDocuments,
  defaultCuratedFile,
  loadNational,
  NationalIndex,
} from '../../src/align/index.js';
import { readCuratedLinks } from '../../src/align/curated.js';
import { evaluate, readGold } from '../../src/align/evaluate.js';
import { concepts } from '../../src/align/features.js';
import { buildVocabulary } from '../../src/align/vocabulary.js';
import { enrichDocument } from '../../src/extract/index.js';
import { AlignmentResult, type CascadeResult } from '../../src/model/alignment.js';
import type { PolicyDocument } from '../../src/model/document.js';
import { ParseError, parseDocument } from '../../src/parse/index.js';
import { parseTextFile } from '../support/documents.js';
import { runCli } from '../support/cli.js';

const SHANGHAI = 'seeds/000_c51c4008d2d0f852.txt';
const INTERPRETATION = 'seeds/001_cfc62b0174b6011a.txt';
const ZHEJIANG = 'seeds/003_ec6a7881f5664fda.txt';
const read = (file: string) => enrichDocument(parseTextFile(file));

let national: PolicyDocument;
let seeds: PolicyDocument[];
let automatic: AlignmentResult;

beforeAll(async () => {
  national = await loadNational();
  seeds = [SHANGHAI, INTERPRETATION, ZHEJIANG].map(read);
  automatic = align(seeds, new NationalIndex(national), { curated: null });
});

describe('national catalog', () => {
  it('loads through the document model as a national catalog with position-based ids', () => {
    expect(national).toMatchObject({
      id: '国发-2024-17',
      kind: 'catalog',
      level: 'national',
      issuer: '国务院',
    });
    const actions = national.sections.filter((s) => s.kind === 'action');
    expect(actions.map((a) => a.measures.length)).toEqual([6, 4, 3, 5]);
    expect(actions[0]!.measures[0]).toMatchObject({
      id: '国发-2024-17/a1/m1',
      title: '进一步深化户籍制度改革',
    });
    expect(actions[2]!.measures[1]!.id).toBe('国发-2024-17/a3/m2');
    // Every entry says how well it is attested; the unverified ones are marked L.
    const entries = national.sections.flatMap((s) => [s, ...s.measures]);
    expect(entries.every((e) => e.confidence !== null)).toBe(true);
    expect(actions[1]!.measures[3]).toMatchObject({ title: '增强城镇综合承载能力', confidence: 'L' });
    // The goal indicator is extracted like any plan's target.
    expect(national.sections[0]!.targets).toContainEqual(
      expect.objectContaining({ indicator: '常住人口城镇化率', value: 70, comparator: 'approx' }),
    );
  });

  it('points every entry at its lines in the YAML file', () => {
    const task = national.sections[1]!.measures[3]!;
    expect(task.line).toBeGreaterThan(1);
    expect(task.endLine).toBeGreaterThanOrEqual(task.line);
  });

  it('reports a broken catalog with file and line', () => {
    const bad = Buffer.from(
      'kind: catalog\ndocNumber: 国发〔2024〕17号\ntitle: x\nissuer: 国务院\nissuedOn: 2024-07-28\n' +
        'period: { start: 2024, end: 2029, text: x, confidence: H }\nsections:\n  - label: 一\n    kind: goals\n    title: 总体要求\n    text: x\n',
    );
    expect(() => parseTextFile(writeTemp('bad.catalog.yaml', bad))).toThrowError(
      /bad\.catalog\.yaml:8: catalog entry sections\.0\.confidence/,
    );
    expect(() =>
      parseTextFile(writeTemp('broken.yaml', Buffer.from('kind: catalog\nsections: [\n'))),
    ).toThrow(ParseError);
  });

  it('can be replaced by the official text: the same genre parsed by the plan loader gets the same ids', () => {
    const official = parseDocument(Buffer.from(renderAsOfficialText(national)), 'official.txt');
    expect(official.id).toBe(national.id);
    const ids = (d: PolicyDocument) => d.sections.flatMap((s) => [s.id, ...s.measures.map((m) => m.id)]);
    expect(ids(official)).toEqual(ids(national));
    // …and aligning against it gives the same best task for most measures (it lacks the catalog's terms).
    const viaText = align(seeds, new NationalIndex(enrichDocument(official)), { curated: null });
    const best = (r: AlignmentResult) =>
      new Map(r.links.filter((l) => l.rank === 1).map((l) => [l.from, l.to]));
    const a = best(automatic);
    const b = best(viaText);
    const same = [...a].filter(([from, to]) => b.get(from) === to).length;
    expect(same / a.size).toBeGreaterThan(0.7);
  });
});

describe('aligner on the seeds (curation off)', () => {
  it('reaches the quality figures reported in README on the labelled fixture (uncalibrated rule)', () => {
    const uncalibrated = align(seeds, new NationalIndex(national), { curated: null, calibration: null });
    const q = evaluate(uncalibrated, readGold('tests/fixtures/alignment-gold.yaml'));
    console.log(
      `alignment quality (in-sample, uncalibrated, curation off): precision ${q.precision.toFixed(3)} recall ${q.recall.toFixed(3)} ` +
        `F1 ${q.f1.toFixed(3)} top-1 ${q.top1.toFixed(3)} sections ${q.sectionAccuracy.toFixed(3)} ` +
        `no-counterpart ${q.noCounterpart.correct}/${q.noCounterpart.total}\n  ${q.errors.join('\n  ')}`,
    );
    expect(q.precision).toBeGreaterThanOrEqual(0.93);
    expect(q.recall).toBeGreaterThanOrEqual(0.85);
    expect(q.top1).toBeGreaterThanOrEqual(0.85);
    expect(q.sectionAccuracy).toBe(1);
  });

  it('with the calibration file: precise best links, the seeds’ secondary links partly given up', () => {
    const q = evaluate(automatic, readGold('tests/fixtures/alignment-gold.yaml'));
    console.log(
      `alignment quality (in-sample, calibrated, curation off): precision ${q.precision.toFixed(3)} recall ${q.recall.toFixed(3)} ` +
        `F1 ${q.f1.toFixed(3)} top-1 ${q.top1.toFixed(3)} sections ${q.sectionAccuracy.toFixed(3)}\n  ${q.errors.join('\n  ')}`,
    );
    expect(q.precision).toBeGreaterThanOrEqual(0.93);
    expect(q.recall).toBeGreaterThanOrEqual(0.7);
    expect(q.top1).toBeGreaterThanOrEqual(0.9);
    expect(q.sectionAccuracy).toBe(1);
    expect(q.noCounterpart).toEqual({ correct: 4, total: 4 });
  });

  it('produces a valid result: scores in [0, 1], ranks from 1, a method on every link', () => {
    expect(() => AlignmentResult.parse(automatic)).not.toThrow();
    for (const list of [automatic.links, automatic.sectionLinks])
      for (const l of list) expect(list.filter((x) => x.from === l.from).map((x) => x.rank)).toContain(1);
  });

  it('cites the matching words at their offsets in both texts', () => {
    const byId = new Map(
      [...seeds, national].flatMap((d) =>
        d.sections.flatMap((s) => s.measures.map((m) => [m.id, m] as const)),
      ),
    );
    const link = automatic.links.find((l) => l.from === `${seeds[2]!.id}/a1/m6`)!; // 进一步放开放宽落户条件
    expect(link.to).toBe('国发-2024-17/a1/m1');
    const terms = link.evidence.filter((e) => e.kind === 'term');
    expect(terms.map((e) => e.text)).toContain('落户≈户籍');
    for (const e of automatic.links.flatMap((l) => l.evidence.map((ev) => ({ l, ev })))) {
      if (e.ev.kind !== 'term') continue;
      const local = byId.get(e.l.from)!.textSimplified.slice(e.ev.from!.start, e.ev.from!.end);
      expect(e.ev.text.split('≈')[0]).toBe(local);
      if (e.ev.to)
        expect(byId.get(e.l.to)!.textSimplified.slice(e.ev.to.start, e.ev.to.end).length).toBeGreaterThan(1);
    }
  });

  it('says "no national counterpart" for Shanghai’s own 城镇体系 action, with the rejected candidates', () => {
    const own = automatic.unaligned.filter((u) => u.id.startsWith('沪府发-2024-12/a3/'));
    expect(own).toHaveLength(4);
    for (const u of own) {
      expect(u.candidates.length).toBeGreaterThan(0);
      expect(u.candidates[0]!.score).toBeLessThan(0.65);
    }
    expect(automatic.sectionLinks.filter((l) => l.from === '沪府发-2024-12/a3')).toEqual([]);
  });

  it('turns the interpretation’s 对照国家要求 statements into explicit links from the plan’s actions', () => {
    const explicit = automatic.sectionLinks.filter((l) => l.method === 'explicit');
    expect(explicit.map((l) => [l.from, l.to]).sort()).toEqual([
      ['沪府发-2024-12/a1', '国发-2024-17/a1'],
      ['沪府发-2024-12/a2', '国发-2024-17/a4'],
      ['沪府发-2024-12/a4', '国发-2024-17/a3'],
    ]);
    const interpretation = seeds[1]!;
    for (const l of explicit) {
      const statement = l.evidence.find((e) => e.kind === 'statement')!;
      expect(statement.source!.file).toBe(interpretation.file);
      const section = interpretation.sections.find((s) => s.id === statement.source!.id)!;
      expect(section.text.slice(statement.from!.start, statement.from!.end)).toBe(statement.text);
      expect(statement.text).toMatch(/國家《行動計劃》/);
      expect(statement.text).toMatch(/對[照標]國家要求/);
    }
    // Named by title: certain; inferred from the statement's terms: slightly less.
    expect(explicit.find((l) => l.to === '国发-2024-17/a1')!.score).toBe(1);
  });

  it('links each plan to the national plan through its citation of it', () => {
    expect(automatic.planLinks.map((l) => [l.from, l.method, l.score])).toEqual([
      ['沪府发-2024-12', 'explicit', 1],
      [seeds[2]!.id, 'explicit', 1],
    ]);
    expect(automatic.planLinks[1]!.evidence[0]!.text).toContain('国发〔2024〕17号');
  });

  it('needs no national link text in the plan: a plan that cites nothing gets a coverage-derived link', () => {
    const uncited = { ...seeds[2]!, preamble: '' };
    const r = align([uncited], new NationalIndex(national), { curated: null });
    expect(r.planLinks[0]).toMatchObject({ method: 'derived' });
    expect(r.planLinks[0]!.score).toBeGreaterThan(0.5);
  });
});

describe('policy vocabulary', () => {
  it('reads synonyms as one concept (户籍≈落户, 社保≈社会保障) and keeps offsets', () => {
    const vocab = buildVocabulary([]);
    const found = concepts('研究优化落户政策，完善社保转移接续', vocab);
    expect(found.get('户籍')).toEqual([{ start: 4, end: 6 }]);
    expect(found.get('社会保障')).toEqual([{ start: 11, end: 13 }]);
  });

  it('reads nothing inside a distinct word (国家中心城市 is a rank, not the 中心城市 of a metropolitan area)', () => {
    const vocab = buildVocabulary(['中心城市', '综合承载能力']);
    const found = concepts('提升郑州国家中心城市能级，与水资源承载能力相适应；发挥中心城市辐射作用', vocab);
    expect(found.get('中心城市')).toEqual([{ start: 27, end: 31 }]);
    expect(found.has('国家中心城市')).toBe(true);
    expect(found.has('综合承载能力')).toBe(false);
  });
});

describe('curated links', () => {
  it('are applied after the aligner, labelled curated, and off with curated: false', () => {
    // Every link of the file is there with curation on: added by it, or already found by the aligner.
    const withFile = alignDocuments(seeds, { national });
    for (const c of readCuratedLinks(defaultCuratedFile).filter((x) => x.decision === 'add'))
      expect(withFile.links.some((l) => l.from === c.from && l.to === c.to)).toBe(true);
    const add = [
      {
        from: '沪府发-2024-12/a3/m1',
        to: '国发-2024-17/a3/m1',
        decision: 'add' as const,
        score: 1,
        note: 'test',
      },
    ];
    const r = alignDocuments(seeds, { national, curated: add });
    const curated = r.links.filter((l) => l.method === 'curated');
    expect(curated.map((l) => [l.from, l.to])).toEqual([['沪府发-2024-12/a3/m1', '国发-2024-17/a3/m1']]);
    expect(curated[0]!.evidence[0]!.kind).toBe('note');
    expect(r.unaligned.some((u) => u.id === '沪府发-2024-12/a3/m1')).toBe(false);
    const without = alignDocuments(seeds, { national, curated: false });
    expect(without.links.some((l) => l.method === 'curated')).toBe(false);
    expect(without.links).toEqual(automatic.links);
  });

  it('can remove an automatic link', () => {
    const wrong = automatic.links.find((l) => l.rank === 2)!;
    const r = alignDocuments(seeds, {
      national,
      curated: [{ from: wrong.from, to: wrong.to, decision: 'remove', score: 1, note: 'test' }],
    });
    expect(r.links.some((l) => l.from === wrong.from && l.to === wrong.to)).toBe(false);
  });
});

describe('plantrace align (CLI)', () => {
  it('prints links, section links and the unaligned as JSON', () => {
    const res = runCli(['align', SHANGHAI, INTERPRETATION, '--json', '--no-curated']);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as AlignmentResult;
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['links', 'sectionLinks', 'unaligned']));
    expect(out.links[0]).toEqual(
      expect.objectContaining({
        from: '沪府发-2024-12/a1/m1',
        fromPlan: '沪府发-2024-12',
        to: '国发-2024-17/a1/m1',
      }),
    );
    expect(out.links[0]).toHaveProperty('fromTitle', '优化户籍和居住证政策');
    expect(out.links[0]).toHaveProperty('toTitle', '进一步深化户籍制度改革');
    expect(out.unaligned.map((u) => u.id)).toContain('沪府发-2024-12/a3/m1');
  });

  it('aligns against another national document with --national, and reports a bad one', () => {
    const res = runCli(['align', ZHEJIANG, '--national', 'tests/fixtures/docs/national-style.txt', '--json']);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as CascadeResult;
    expect(out.nationals).toEqual(['国发-2030-1']);
    expect(out.links.every((l) => l.to.startsWith('国发-2030-1/'))).toBe(true);
    const bad = runCli(['align', ZHEJIANG, '--national', 'tests/fixtures/docs/broken-numbering.txt']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/broken-numbering\.txt:\d+:/);
  });
});

function writeTemp(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-align-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The catalog written out in the genre of a State Council document, as the official text would be. */
function renderAsOfficialText(doc: PolicyDocument): string {
  const lines = [
    `国务院关于印发《${doc.title}》的通知`,
    '',
    doc.docNumber!,
    '',
    '国务院',
    '',
    '2024年7月28日',
    '',
    doc.title,
    '',
  ];
  let task = 0;
  const han = '一二三四五六七八九十';
  const num = (n: number) =>
    n <= 10 ? han[n - 1]! : n < 20 ? `十${han[n - 11] ?? ''}` : `二十${han[n - 21] ?? ''}`;
  doc.sections.forEach((s, i) => {
    lines.push(`${num(i + 1)}、${s.title}`, '', s.text, '');
    for (const m of s.measures) {
      task = s.kind === 'action' ? task + 1 : task;
      const label = s.kind === 'action' ? task : m.ordinal;
      lines.push(`（${num(label)}）${m.text}`, '');
    }
  });
  return lines.join('\n');
}
