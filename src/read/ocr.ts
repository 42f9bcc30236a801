// OCR of scanned PDF pages with Debian's tools: pdftoppm (poppler-utils) renders a page at 300 dpi,
// tesseract (tesseract-ocr + tesseract-ocr-chi-sim) reads it as TSV, whose word boxes become printed
// lines for the same layout step as a text layer. The text is normalised: NFKC, the brackets OCR
// confuses (【】[] for 〔〕), no spaces inside Chinese, Chinese punctuation next to Chinese.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DocumentError } from './errors.js';
import type { PageBox, PrintedLine } from './layout.js';

const run = promisify(execFile);
const DPI = 300;
const PT = 72 / DPI;

const INSTALL = 'apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils';

/** Fails with what to install when a tool or the Chinese language data is missing. */
async function checkTools(file: string, pages: number[]): Promise<void> {
  const missing = async (cmd: string, args: string[]) =>
    run(cmd, args).then(
      (r) => r,
      () => null,
    );
  const langs = await missing('tesseract', ['--list-langs']);
  if (!langs)
    throw new DocumentError(file, 1, `OCR needs tesseract, which is not installed: ${INSTALL}`, pages);
  if (!/^chi_sim$/m.test(`${langs.stdout}\n${langs.stderr}`)) {
    throw new DocumentError(file, 1, `OCR needs tesseract's Simplified Chinese data: ${INSTALL}`, pages);
  }
  if (!(await missing('pdftoppm', ['-v']))) {
    throw new DocumentError(file, 1, `OCR needs pdftoppm, which is not installed: ${INSTALL}`, pages);
  }
}

export async function ocrPages(
  bytes: Uint8Array,
  file: string,
  pages: number[],
): Promise<Map<number, { lines: PrintedLine[]; box: PageBox }>> {
  await checkTools(file, pages);
  const dir = await mkdtemp(path.join(tmpdir(), 'plantrace-ocr-'));
  const out = new Map<number, { lines: PrintedLine[]; box: PageBox }>();
  try {
    const pdf = path.join(dir, 'in.pdf');
    await writeFile(pdf, bytes);
    for (const n of pages) {
      const base = path.join(dir, `p${n}`);
      try {
        await run('pdftoppm', [
          '-r',
          String(DPI),
          '-gray',
          '-png',
          '-singlefile',
          '-f',
          String(n),
          '-l',
          String(n),
          pdf,
          base,
        ]);
        const { stdout } = await run(
          'tesseract',
          [`${base}.png`, 'stdout', '-l', 'chi_sim', '--psm', '6', 'tsv'],
          {
            maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          },
        );
        out.set(n, fromTsv(stdout, n));
      } catch (err) {
        const reason = ((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0];
        throw new DocumentError(file, 1, `OCR failed: ${reason}`, [n]);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

interface Word {
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
}

/** tesseract's TSV (level 1 page … level 5 word) → printed lines in points. */
export function fromTsv(tsv: string, page: number): { lines: PrintedLine[]; box: PageBox } {
  const rows = tsv
    .split('\n')
    .slice(1)
    .map((r) => r.split('\t'));
  let box: PageBox = { width: 595, height: 842 };
  const groups = new Map<string, Word[]>();
  for (const r of rows) {
    if (r.length < 12) continue;
    const [level, , block, par, line, , left, top, width, height, , text] = r;
    if (level === '1') box = { width: Number(width) * PT, height: Number(height) * PT };
    if (level !== '5' || !text?.trim()) continue;
    const key = `${block}.${par}.${line}`;
    const words = groups.get(key) ?? [];
    words.push({
      left: Number(left),
      top: Number(top),
      width: Number(width),
      height: Number(height),
      text: text.trim(),
    });
    groups.set(key, words);
  }
  const heights = [...groups.values()]
    .flat()
    .map((w) => w.height)
    .sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 1;
  const lines: PrintedLine[] = [...groups.values()].map((words) => {
    words.sort((a, b) => a.left - b.left);
    const h = words.map((w) => w.height).sort((a, b) => a - b)[Math.floor(words.length / 2)]!;
    // Glyph boxes vary from line to line; snap ordinary lines to the page's typical size so that only
    // real size changes (red header, title) separate paragraphs.
    const size = (Math.abs(h - typical) < 0.3 * typical ? typical : h) * PT;
    return {
      page,
      x: words[0]!.left * PT,
      right: Math.max(...words.map((w) => w.left + w.width)) * PT,
      y: Math.max(...words.map((w) => w.top + w.height)) * PT,
      size,
      text: normaliseOcr(words.map((w) => w.text).join(' ')),
    };
  });
  return { lines: lines.filter((l) => l.text.length > 0).sort((a, b) => a.y - b.y), box };
}

const HAN = '\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef';
const FULL: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

export function normaliseOcr(s: string): string {
  let t = s.normalize('NFKC');
  t = t.replace(/[【[［]/g, '〔').replace(/[】\]］]/g, '〕');
  t = t.replace(new RegExp(`(?<=[${HAN}]) +| +(?=[${HAN}])`, 'g'), '');
  // NFKC turns Chinese full-width punctuation into ASCII; next to Chinese it is Chinese again.
  t = t.replace(/[,;:?!()]/g, (c, i: number) => {
    const near = `${t[i - 1] ?? ''}${t[i + 1] ?? ''}`;
    return new RegExp(`[${HAN}]`).test(near) ? FULL[c]! : c;
  });
  return t.trim();
}
