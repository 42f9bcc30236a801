// Legacy Word (.doc, an OLE compound file): word-extractor (pure JS) reads the text, Debian's antiword
// is tried when it cannot. Neither restores Word's automatic numbering, which a .docx keeps: when none
// reads the file, the error says how to convert it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DocumentError } from './errors.js';
import { at, NO_METADATA, type ReadResult, type Reader } from './types.js';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const CONVERT = 'convert it to .docx, e.g. libreoffice --headless --convert-to docx FILE';

export const docReader: Reader = {
  format: 'doc',
  detect: (bytes) => OLE.every((b, i) => bytes[i] === b),
  read: readDoc,
};

async function readDoc(bytes: Uint8Array, file: string): Promise<ReadResult> {
  let text: string | null = null;
  let failure = '';
  try {
    const { default: WordExtractor } = await import('word-extractor');
    text = (await new WordExtractor().extract(Buffer.from(bytes))).getBody();
  } catch (err) {
    failure = (err as Error).message.split('\n')[0]!;
    text = await antiword(bytes);
  }
  if (text === null) {
    throw new DocumentError(
      file,
      1,
      `cannot read this legacy Word (.doc) file (${failure || 'unknown format'}): ${CONVERT}`,
    );
  }
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l, i) => ({ text: l.replace(/[\t ]+/g, ' ').trim(), paragraph: i + 1 }))
    .filter((p) => p.text.length > 0);
  if (paragraphs.length === 0)
    throw new DocumentError(file, 1, `the Word (.doc) file has no text: ${CONVERT}`);
  return {
    format: 'doc',
    encoding: 'doc',
    text: paragraphs.map((p) => p.text).join('\n'),
    lines: paragraphs.map((p) => at({ paragraph: p.paragraph })),
    metadata: NO_METADATA,
    attachments: [],
    notes: [
      {
        line: 1,
        message: `legacy .doc: Word's automatic numbering cannot be restored from it (to keep it, ${CONVERT})`,
      },
    ],
  };
}

/** Debian's antiword, when installed; null when it is absent or cannot read the file either. */
async function antiword(bytes: Uint8Array): Promise<string | null> {
  const dir = await mkdtemp(path.join(tmpdir(), 'plantrace-doc-'));
  try {
    const file = path.join(dir, 'in.doc');
    await writeFile(file, bytes);
    const { stdout } = await promisify(execFile)('antiword', ['-m', 'UTF-8.txt', '-w', '0', file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim() ? stdout : null;
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
