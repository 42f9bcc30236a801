// The reader stage: a published file → text + source map (types.ts). One reader per format, chosen by
// content — magic bytes for PDF, Word and OLE, markup sniffing for HTML — with text as the fallback, so
// a PDF saved as .txt or an HTML page saved as .doc is still read for what it is.
import { open } from 'node:fs/promises';
import { DocumentError } from './errors.js';
import { docReader } from './doc.js';
import { docxReader } from './docx.js';
import { htmlReader } from './html.js';
import { pdfReader } from './pdf.js';
import { textReader } from './text.js';
import type { ReadOptions, ReadResult, Reader } from './types.js';

export { DocumentError, printableName } from './errors.js';
export { readText } from './text.js';
export type { PublishedMetadata, ReadOptions, ReadResult, Reader } from './types.js';

/** Container formats first, in order of how certain their detection is; text last. */
export const readers: Reader[] = [pdfReader, docxReader, docReader, htmlReader, textReader];

export function readerFor(bytes: Uint8Array, file: string): Reader {
  return readers.find((r) => r.detect(bytes, file)) ?? textReader;
}

export async function readBytes(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  return readerFor(bytes, file).read(bytes, file, options);
}

/**
 * The largest published file read: 20 MB (20,971,520 bytes). The largest plan we know is under 2 MB;
 * parsing is linear (about 0.3 s per MB), so the limit bounds time and memory for a wrong or hostile file.
 */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/**
 * Reads a file from disk; an unreadable file, or one over MAX_SOURCE_BYTES (checked on its size
 * before anything is read or decoded), is a DocumentError like any other.
 */
export async function readSource(
  file: string,
  options: ReadOptions = {},
): Promise<{ bytes: Uint8Array; read: ReadResult }> {
  let bytes: Uint8Array;
  const tooLarge = (size: number) =>
    new DocumentError(
      file,
      1,
      `file too large: ${(size / 1048576).toFixed(1)} MB, the limit is ${MAX_SOURCE_BYTES / 1048576} MB (${MAX_SOURCE_BYTES} bytes)`,
    );
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_SOURCE_BYTES) throw tooLarge(size);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(
      file,
      1,
      `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  // A file that grew between stat and read (a pipe, a file being written) is held to the same limit.
  if (bytes.length > MAX_SOURCE_BYTES) throw tooLarge(bytes.length);
  return { bytes, read: await readBytes(bytes, file, options) };
}
