// The reader stage: a published file → text + source map (types.ts). One reader per format, chosen by
// content — magic bytes for PDF, Word and OLE, markup sniffing for HTML — with text as the fallback, so
// a PDF saved as .txt or an HTML page saved as .doc is still read for what it is.
import { readFile } from 'node:fs/promises';
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

/** Reads a file from disk; an unreadable file is a DocumentError like any other. */
export async function readSource(
  file: string,
  options: ReadOptions = {},
): Promise<{ bytes: Uint8Array; read: ReadResult }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new DocumentError(
      file,
      1,
      `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return { bytes, read: await readBytes(bytes, file, options) };
}
