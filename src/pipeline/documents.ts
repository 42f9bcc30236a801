// Reading many documents at once: files and folders → enriched documents (read → parse → extract), and
// the files rejected with their reason. Shared by `parse`, `align` and `load`, so all three accept the
// same inputs. The same bytes under two names are one document.
import type { PolicyDocument } from '../model/document.js';
import { enrichDocument } from '../extract/index.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseRead } from '../parse/index.js';
import { DocumentError, readBytes, type ReadOptions } from '../read/index.js';
import { expandInputs } from './inputs.js';

export interface Rejected {
  file: string;
  line: number;
  /** PDF pages at fault, when the place is a page. */
  pages: number[];
  reason: string;
}

export interface ReadDocumentsResult {
  documents: PolicyDocument[];
  rejected: Rejected[];
  /** Inputs that are another input again (same path, or the same bytes under another name). */
  skipped: { file: string; reason: string }[];
  /** Documents the graph already holds exactly as they would be loaded now: not read at all. */
  unchanged: { file: string; id: string }[];
}

export interface ReadDocumentsOptions extends ReadOptions {
  /** The id of the document already loaded from these bytes, when loading it again would change nothing. */
  unchangedId?: (sha256: string) => string | null;
}

export async function readDocuments(
  inputs: string[],
  options: ReadDocumentsOptions = {},
): Promise<ReadDocumentsResult> {
  const { files, duplicates } = expandInputs(inputs);
  const out: ReadDocumentsResult = {
    documents: [],
    rejected: [],
    skipped: duplicates.map((d) => ({ file: d.file, reason: `is ${d.sameAs} again` })),
    unchanged: [],
  };
  for await (const item of scanFiles(files, options)) collect(out, item);
  return out;
}

/** What reading one file came to. */
export type ScanItem =
  | { kind: 'document'; document: PolicyDocument }
  | { kind: 'rejected'; rejected: Rejected }
  | { kind: 'skipped'; skipped: { file: string; reason: string } }
  | { kind: 'unchanged'; unchanged: { file: string; id: string } };

export function collect(into: ReadDocumentsResult, item: ScanItem): void {
  if (item.kind === 'document') into.documents.push(item.document);
  else if (item.kind === 'rejected') into.rejected.push(item.rejected);
  else if (item.kind === 'skipped') into.skipped.push(item.skipped);
  else into.unchanged.push(item.unchanged);
}

/** A file's bytes, read and hashed, before it is parsed: what decides whether it is parsed at all. */
export type FileBytes =
  | { kind: 'bytes'; file: string; bytes: Uint8Array; sha256: string }
  | Exclude<ScanItem, { kind: 'document' }>;

/**
 * Files one by one: their bytes read and hashed; the same bytes twice and the unchanged ones said, not
 * parsed. `bySha` carries the files seen across calls (a run reading its files in chunks).
 */
export async function* fileBytesOf(
  files: string[],
  options: ReadDocumentsOptions = {},
  bySha = new Map<string, string>(),
): AsyncGenerator<FileBytes> {
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await fileBytes(file);
    } catch (err) {
      yield rejectedItem(err);
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const first = bySha.get(sha256);
    if (first !== undefined) {
      yield { kind: 'skipped', skipped: { file, reason: `has the same bytes as ${first}` } };
      continue;
    }
    bySha.set(sha256, file);
    // Unchanged bytes, pipeline and upper plans: nothing to read (the expensive part for PDF and OCR).
    const id = options.unchangedId?.(sha256);
    if (id) yield { kind: 'unchanged', unchanged: { file, id } };
    else yield { kind: 'bytes', file, bytes, sha256 };
  }
}

/** Read → parse → extract one file's bytes: its document, or why it was rejected. */
export async function parseBytes(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions = {},
): Promise<ScanItem> {
  try {
    return {
      kind: 'document',
      document: enrichDocument(parseRead(await readBytes(bytes, file, options), bytes, file)),
    };
  } catch (err) {
    return rejectedItem(err);
  }
}

function rejectedItem(err: unknown): ScanItem & { kind: 'rejected' } {
  if (!(err instanceof DocumentError)) throw err;
  return {
    kind: 'rejected',
    rejected: { file: err.file, line: err.line, pages: err.pages, reason: err.reason },
  };
}

/** Every file read → parsed → extracted, in order. */
export async function* scanFiles(
  files: string[],
  options: ReadDocumentsOptions = {},
): AsyncGenerator<ScanItem> {
  for await (const item of fileBytesOf(files, options))
    yield item.kind === 'bytes' ? await parseBytes(item.bytes, item.file, options) : item;
}

async function fileBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new DocumentError(
      file,
      1,
      `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** `file:line: reason` or `file page N: reason`, on one line. */
export function describeRejected(r: Rejected): string {
  return new DocumentError(r.file, r.line, r.reason, r.pages).message;
}
