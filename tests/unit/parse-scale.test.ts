// Parsing is linear in a section's size (issue 16): a 1 MB section parses in under half a second of CPU
// time whatever its shape (many paragraphs, one measure, one paragraph cut by page breaks, one long
// line), doubling the size roughly doubles the time, and a file over the reader's limit (20 MB) is a
// one-line error naming the limit, given before the file is read.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, parseFile } from '../../src/parse/index.js';
import { MappedText, cleanLine } from '../../src/parse/text.js';
import { DocumentError, MAX_SOURCE_BYTES } from '../../src/read/index.js';

const SENTENCE = '推进基本公共服务一体化均等化建立同人口发展相协调的基本公共服务供给机制';
type Shape = 'paragraphs' | 'measure' | 'page-breaks' | 'one-line';

/** A plan whose first action section holds about `bytes` of UTF-8 text in the given shape. */
function plan(shape: Shape, bytes: number): Buffer {
  const lines: string[] = [];
  for (let size = 0; size < bytes; size += Buffer.byteLength(SENTENCE) + 2) {
    lines.push(shape === 'page-breaks' ? SENTENCE : `${SENTENCE}。`);
  }
  const head = '某省实施方案\n\n一、实施重点任务\n\n';
  const tail = '\n二、组织实施\n\n（一）加强组织领导。\n';
  if (shape === 'measure') return Buffer.from(`${head}（一）推进建设。\n${lines.join('\n')}${tail}`);
  if (shape === 'one-line') return Buffer.from(`${head}${lines.join(' ')}${tail}`);
  return Buffer.from(`${head}${lines.join('\n')}${tail}`);
}

/** CPU seconds (user + system) of the best of three runs: wall time on a shared machine says little. */
function cpuSeconds(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

describe('parsing scales linearly', () => {
  const MB = 1024 * 1024;
  it.each<Shape>(['paragraphs', 'measure', 'page-breaks', 'one-line'])(
    'a 1 MB section (%s) parses in under 0.5 s and keeps its provenance',
    (shape) => {
      const bytes = plan(shape, MB);
      const text = bytes.toString('utf8');
      parseDocument(plan(shape, 64 * 1024), 'warm-up.txt');
      let doc = parseDocument(bytes, 'big.txt');
      const seconds = cpuSeconds(() => {
        doc = parseDocument(bytes, 'big.txt');
      });
      const section = doc.sections[0]!;
      const body = shape === 'measure' ? section.measures[0]! : section;
      // The section really is the megabyte: about a third of a million characters.
      expect(body.text.length).toBeGreaterThan(340_000);
      // A section starts at its heading, a measure at its text.
      const first = shape === 'measure' ? body.text.slice(0, 10) : '一、实施重点任务';
      expect(text.slice(body.start, body.start + first.length)).toBe(first);
      expect(text.slice(body.end - 10, body.end)).toBe(body.text.slice(-10));
      expect(seconds, `${shape}: ${seconds.toFixed(3)} s`).toBeLessThan(0.5);
    },
  );

  it('doubling a section about doubles the time (quadratic would quadruple it)', () => {
    const small = plan('page-breaks', MB / 2);
    const large = plan('page-breaks', 2 * MB);
    parseDocument(small, 'warm-up.txt');
    const a = cpuSeconds(() => parseDocument(small, 'small.txt'));
    const b = cpuSeconds(() => parseDocument(large, 'large.txt'));
    // 4× the size: linear ≈ 4×, quadratic ≈ 16×.
    expect(b / a, `${a.toFixed(3)} s → ${b.toFixed(3)} s`).toBeLessThan(8);
  });
});

describe('offsets of joined text', () => {
  it('concat and join map every character, separators to the character before them', () => {
    const a = cleanLine('推进 建设', 100);
    const b = cleanLine('**城镇化**', 200);
    expect(a.text).toBe('推进建设');
    expect(a.map).toEqual([100, 101, 103, 104]);
    const ab = a.concat(b, '\n');
    expect(ab.text).toBe('推进建设\n城镇化');
    expect(ab.map).toEqual([100, 101, 103, 104, 104, 202, 203, 204]);
    expect([ab.start, ab.end]).toEqual([100, 205]);
    expect(MappedText.join([a, MappedText.empty, b], '\n').map).toEqual(ab.map);
    // Texts already made never change when others are appended after them.
    const ac = a.concat(cleanLine('行动', 300));
    expect(ab.map).toEqual([100, 101, 103, 104, 104, 202, 203, 204]);
    expect(ac.map).toEqual([100, 101, 103, 104, 300, 301]);
    expect(a.map).toEqual([100, 101, 103, 104]);
    expect(ab.slice(-3).map).toEqual([202, 203, 204]);
    expect(ab.slice(2, 5).concat(a).map).toEqual([103, 104, 104, 100, 101, 103, 104]);
    expect(ab.slice(3, 1).length).toBe(0);
  });

  it('a left fold of 20,000 concats is linear and exact', () => {
    let text = MappedText.empty;
    const before = process.cpuUsage();
    for (let i = 0; i < 20_000; i++) text = text.concat(cleanLine(SENTENCE, i * 100), '\n');
    const used = process.cpuUsage(before);
    expect(text.length).toBe(20_000 * (SENTENCE.length + 1) - 1);
    expect(text.offsetAt(SENTENCE.length)).toBe(SENTENCE.length - 1);
    expect(text.offsetAt(SENTENCE.length + 1)).toBe(100);
    expect(text.end).toBe(19_999 * 100 + SENTENCE.length);
    expect((used.user + used.system) / 1e6).toBeLessThan(0.5);
  });
});

describe('the size limit', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-scale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 50 MB file is rejected on one line naming the limit, without being read', async () => {
    const file = path.join(dir, 'huge.txt');
    writeFileSync(file, '');
    truncateSync(file, 50 * 1024 * 1024); // sparse: 50 MB of size, nothing written
    const before = process.memoryUsage().rss;
    const error = await parseFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    const message = (error as Error).message;
    expect(message).toBe(
      `${file}:1: file too large: 50.0 MB, the limit is 20 MB (${MAX_SOURCE_BYTES} bytes)`,
    );
    expect(message).not.toContain('\n');
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('a file at the limit is read (and judged on its content)', async () => {
    const file = path.join(dir, 'limit.txt');
    writeFileSync(file, '');
    truncateSync(file, MAX_SOURCE_BYTES);
    const message = String(await parseFile(file).catch((e: unknown) => e));
    expect(message).not.toContain('too large');
  });
});
