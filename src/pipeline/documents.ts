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
  const documents: PolicyDocument[] = [];
  const rejected: Rejected[] = [];
  const skipped = duplicates.map((d) => ({ file: d.file, reason: `is ${d.sameAs} again` }));
  const unchanged: ReadDocumentsResult['unchanged'] = [];
  const bySha = new Map<string, string>();
  for (const file of files) {
    try {
      const bytes = await fileBytes(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const first = bySha.get(sha256);
      if (first !== undefined) {
        skipped.push({ file, reason: `has the same bytes as ${first}` });
        continue;
      }
      bySha.set(sha256, file);
      // Unchanged bytes, pipeline and upper plans: nothing to read (the expensive part for PDF and OCR).
      const id = options.unchangedId?.(sha256);
      if (id) {
        unchanged.push({ file, id });
        continue;
      }
      documents.push(enrichDocument(parseRead(await readBytes(bytes, file, options), bytes, file)));
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      rejected.push({ file: err.file, line: err.line, pages: err.pages, reason: err.reason });
    }
  }
  return { documents, rejected, skipped, unchanged };
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
