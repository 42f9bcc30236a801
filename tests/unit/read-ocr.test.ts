// OCR of a scanned (image-only) PDF with the real Debian tesseract. It runs in CI, where .ci/run
// installs tesseract-ocr and tesseract-ocr-chi-sim; only a developer machine without them may skip it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseOcr } from '../../src/read/ocr.js';
import { readDocuments } from '../../src/pipeline/documents.js';
import { DocumentError, readSource } from '../../src/read/index.js';
import { sichuan } from '../fixtures/published/plans.js';

const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
const haveTesseract = langs.status === 0 && /^chi_sim$/m.test(`${langs.stdout}${langs.stderr}`);
const inCI = !!process.env.CI && process.env.CI !== 'false';
const runOcr = haveTesseract || inCI ? it : it.skip;

/** Share of characters OCR got wrong (edit distance / length). */
function errorRate(read: string, truth: string): number {
  const d = Array.from({ length: truth.length + 1 }, (_, j) => j);
  for (let i = 1; i <= read.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= truth.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (read[i - 1] === truth[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[truth.length]! / truth.length;
}

describe('OCR of a scanned PDF', () => {
  runOcr(
    'reads the scan into the plan it shows: sections, measures, targets, marked as OCR',
    async () => {
      const { documents, rejected } = await readDocuments(['tests/fixtures/published/sichuan-scan.pdf'], {
        ocr: true,
      });
      expect(rejected).toEqual([]);
      const d = documents[0]!;
      expect(d.encoding).toBe('pdf (OCR)');
      expect(d.docNumber).toBe(sichuan.docNumber);
      expect(d.sections.map((s) => s.label)).toEqual(['一', '二', '三']);
      const titles = d.sections.map((s) => s.title);
      titles.forEach((t, i) => expect(errorRate(t, sichuan.sections[i]!.title)).toBeLessThan(0.2));
      const measures = d.sections.flatMap((s) => s.measures);
      const truth = sichuan.sections.flatMap((s) => s.measures ?? []);
      expect(measures.map((m) => m.label)).toEqual(['（一）', '（二）', '（三）']);
      measures.forEach((m, i) => {
        expect(errorRate(m.title, truth[i]!.title)).toBeLessThan(0.2);
        expect(errorRate(m.text.split('\n')[0]!, `${truth[i]!.title}。${truth[i]!.body}`)).toBeLessThan(0.15);
        expect(m.location).toMatchObject({ page: 1, ocr: true });
      });
      const pageLines = measures.map((m) => m.location!.pageLine!);
      expect(pageLines).toEqual([...pageLines].sort((a, b) => a - b));
      expect(d.sections[0]!.targets[0]).toMatchObject({
        indicator: '常住人口城镇化率',
        value: 62,
        unit: '%',
        year: 2028,
      });
      // The running header and the page number of the scan are furniture, as in a text layer.
      expect(d.notes.map((n) => n.message).join('\n')).toMatch(/page number/);
    },
    180_000,
  );
});

describe('OCR text normalisation', () => {
  it('NFKC, the brackets OCR confuses, no spaces inside Chinese, Chinese punctuation beside Chinese', () => {
    expect(normaliseOcr('川 府 发 【2025】 6 号')).toBe('川府发〔2025〕6号');
    expect(normaliseOcr('川府发[2025]6号')).toBe('川府发〔2025〕6号');
    expect(normaliseOcr('(一) 完善 县城 设施 , 达到 ７５％ 以上')).toBe('（一）完善县城设施，达到75%以上');
    expect(normaliseOcr('GDP growth (2025)')).toBe('GDP growth (2025)');
  });
});

describe('OCR without its tools', () => {
  it('says on one line what to install, naming the scanned pages', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'plantrace-nopath-'));
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      const err = await readSource('tests/fixtures/published/sichuan-scan.pdf', { ocr: true }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DocumentError);
      expect((err as DocumentError).message).toBe(
        'tests/fixtures/published/sichuan-scan.pdf page 1: OCR needs tesseract, which is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils',
      );
    } finally {
      process.env.PATH = saved;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
