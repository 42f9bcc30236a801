// npm run bench:read — PDF pages per second through our reader (pdf.js + layout) on 100 generated
// PDFs, against Debian's pdftotext (poppler, C) on the same files in the same run. The PDFs are printed
// by Debian chromium from variants of the fixture plan (tests/fixtures/published), 4 to 8 pages each.
// Last line: `read: N pdf pages/s, R× pdftotext`, R = our time / pdftotext's time (target: R ≤ 3).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readBytes } from '../src/read/index.js';
import { gansu, type Plan } from '../tests/fixtures/published/plans.js';
import { pdfPrinter, printHtml } from '../tests/fixtures/published/render.js';

const run = promisify(execFile);
const COUNT = 100;

/** Variant i: other numbers, and the second action repeated 0–3 times, so documents differ in length. */
function variant(i: number): Plan {
  const shift = (s: string) => s.replace(/\d+/g, (n) => (n.length === 4 ? n : String(Number(n) + (i % 7))));
  const [goals, action, ...rest] = gansu.sections;
  const repeats = Array.from({ length: i % 4 }, (_, k) => ({
    ...action!,
    title: `${action!.title}（第${k + 2}批）`,
  }));
  return {
    ...gansu,
    docNumber: `甘政办发〔2025〕${i + 1}号`,
    sections: [goals!, action!, ...repeats, ...rest].map((s) => ({
      ...s,
      paragraphs: s.paragraphs?.map(shift),
      measures: s.measures?.map((m) => ({ ...m, body: shift(m.body), items: m.items?.map(shift) })),
    })),
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-bench-read-'));
try {
  const files = Array.from({ length: COUNT }, (_, i) =>
    path.join(dir, `plan-${String(i).padStart(3, '0')}.pdf`),
  );
  const printer = await pdfPrinter();
  const t0 = performance.now();
  try {
    for (const [i, file] of files.entries())
      await printer.print(printHtml(variant(i), null), file, gansu.runningHeader);
  } finally {
    await printer.close();
  }
  console.log(`generated ${COUNT} PDFs with chromium in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bytes = files.map((f) => readFileSync(f));

  // Warm-up, not counted: loading pdf.js, its CMaps and the JIT.
  for (const [i, b] of bytes.slice(0, 5).entries()) await readBytes(b, files[i]!);

  let pages = 0;
  let measuresPages = 0;
  const ours = performance.now();
  for (const [i, b] of bytes.entries()) {
    const read = await readBytes(b, files[i]!);
    measuresPages += Math.max(...read.lines!.map((l) => l.page ?? 0));
  }
  const oursSeconds = (performance.now() - ours) / 1000;

  const poppler = performance.now();
  for (const file of files) await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const popplerSeconds = (performance.now() - poppler) / 1000;
  for (const file of files) {
    pages += Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)![1]);
  }

  const oursRate = pages / oursSeconds;
  const popplerRate = pages / popplerSeconds;
  console.log(
    `corpus:    ${COUNT} PDFs, ${pages} pages (${(pages / COUNT).toFixed(1)} per PDF; text on ${measuresPages})`,
  );
  console.log(
    `ours:      ${oursSeconds.toFixed(2)} s  ${oursRate.toFixed(0)} pages/s (pdf.js text layer + lines, furniture, paragraphs)`,
  );
  console.log(
    `pdftotext: ${popplerSeconds.toFixed(2)} s  ${popplerRate.toFixed(0)} pages/s (one process per file, -layout)`,
  );
  const ratio = oursSeconds / popplerSeconds;
  console.log(`target:    within 3× of pdftotext → ${ratio <= 3 ? 'met' : 'NOT met'}`);
  console.log(`read: ${oursRate.toFixed(0)} pdf pages/s, ${ratio.toFixed(2)}× pdftotext`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
