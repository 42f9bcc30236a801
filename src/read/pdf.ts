// PDF through pdf.js (pdfjs-dist 5.6.205, the last line that runs on Node 20; legacy build for Node).
// Lines are rebuilt from the text items' positions, furniture and paragraphs in layout.ts. Government
// PDFs often use non-embedded CJK fonts (STSong-Light, UniGB-UCS2-H) that only decode with the
// package's CMaps, so those are always passed. Pages without a text layer are scans: an error naming
// them, or OCR (ocr.ts) when asked.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { DocumentError } from './errors.js';
import { joinPieces, layOut, type PageBox, type PrintedLine } from './layout.js';
import { ocrPages } from './ocr.js';
import { NO_METADATA, type ReadOptions, type ReadResult, type Reader } from './types.js';

const PACKAGE = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
// pdf.js's Node loader reads these as paths; the trailing slash matters.
const CMAPS = `${path.join(PACKAGE, 'cmaps')}/`;
const FONTS = `${path.join(PACKAGE, 'standard_fonts')}/`;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
/** Loaded on first use: `parse notes.txt` should not pay for pdf.js. */
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export const isPdf = (bytes: Uint8Array): boolean => {
  // The header may follow a little junk (the spec allows it within the first 1024 bytes).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
};

export const pdfReader: Reader = {
  format: 'pdf',
  detect: (bytes) => isPdf(bytes),
  read: readPdf,
};

async function readPdf(bytes: Uint8Array, file: string, options: ReadOptions): Promise<ReadResult> {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new DocumentError(
      file,
      1,
      'truncated PDF: the end-of-file marker is missing (an unfinished download?)',
    );
  }
  const { getDocument, OPS } = await loadPdfJs();
  const task = getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: CMAPS,
    cMapPacked: true,
    standardFontDataUrl: FONTS,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const e = err as Error;
    if (e.name === 'PasswordException') {
      throw new DocumentError(
        file,
        1,
        'encrypted PDF: it needs a password to open (save an unprotected copy, e.g. qpdf --decrypt)',
      );
    }
    throw new DocumentError(file, 1, `not a readable PDF: ${firstLine(e.message)}`);
  }
  try {
    const pages: PrintedLine[][] = [];
    const boxes: PageBox[] = [];
    const scanned: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let lines: PrintedLine[];
      let box: PageBox;
      try {
        const page = await doc.getPage(n);
        const [x0, y0, x1, y1] = page.view as [number, number, number, number];
        box = { width: x1 - x0, height: y1 - y0 };
        const content = await page.getTextContent();
        lines = toLines(
          content.items.filter((i): i is TextItem => 'str' in i),
          n,
          y1,
        );
        // No text: a scan if the page shows a picture, else a blank page (the back of a sheet).
        if (lines.length === 0 && (await showsImage(page, OPS))) scanned.push(n);
        page.cleanup();
      } catch (err) {
        throw new DocumentError(file, 1, `page cannot be read: ${firstLine((err as Error).message)}`, [n]);
      }
      pages.push(lines);
      boxes.push(box);
    }
    if (doc.numPages === 0) throw new DocumentError(file, 1, 'the PDF has no pages');
    const ocred = new Set<number>();
    if (scanned.length) {
      if (!options.ocr) {
        throw new DocumentError(
          file,
          1,
          `no text layer (scanned): run with --ocr to read ${scanned.length > 1 ? 'these pages' : 'it'} (needs Debian tesseract-ocr and tesseract-ocr-chi-sim)`,
          scanned,
        );
      }
      for (const [n, read] of await ocrPages(bytes, file, scanned)) {
        pages[n - 1] = read.lines;
        boxes[n - 1] = read.box;
        ocred.add(n);
      }
    }
    const laid = layOut(pages, boxes, (n) => ocred.has(n));
    if (laid.text.trim().length === 0) throw new DocumentError(file, 1, 'the PDF has no text');
    return {
      format: 'pdf',
      encoding: ocred.size ? 'pdf (OCR)' : 'pdf',
      ...laid,
      metadata: NO_METADATA,
      attachments: [],
    };
  } finally {
    await doc.destroy();
  }
}

async function showsImage(
  page: { getOperatorList(): Promise<{ fnArray: number[] }> },
  OPS: PdfJs['OPS'],
): Promise<boolean> {
  const images = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
  ]);
  return (await page.getOperatorList()).fnArray.some((fn) => images.has(fn));
}

/** Text items of a page → lines, top to bottom, each read left to right. */
function toLines(items: TextItem[], page: number, top: number): PrintedLine[] {
  const pieces = items
    .filter((i) => i.str.length > 0)
    .map((i) => {
      // pdf.js types the text matrix as any[]: [a, b, c, d, e, f], numbers.
      const [, , c = 0, d = 0, e = 0, f = 0] = i.transform as number[];
      const size = Math.hypot(c, d) || i.height || 1;
      return {
        x: e,
        right: e + i.width,
        y: top - f,
        size,
        str: i.str,
      };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: (typeof pieces)[] = [];
  for (const p of pieces) {
    // Same baseline within a third of the font size: one line (superscripts and mixed fonts sit a little off).
    const line = lines.find((l) => Math.abs(l[0]!.y - p.y) < 0.35 * Math.max(l[0]!.size, p.size));
    if (line) line.push(p);
    else lines.push([p]);
  }
  return lines
    .map((l) => {
      l.sort((a, b) => a.x - b.x);
      const text = joinPieces(l);
      return {
        page,
        x: l[0]!.x,
        right: Math.max(...l.map((p) => p.right)),
        y: l[0]!.y,
        size: Math.max(...l.map((p) => p.size)),
        text,
      };
    })
    .filter((l) => l.text.length > 0)
    .sort((a, b) => a.y - b.y);
}

const firstLine = (s: string) => s.split('\n')[0]!.trim() || 'unknown error';
