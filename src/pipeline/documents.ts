// Reading many documents at once: files and folders → enriched documents (read → parse → extract), and
// the files rejected with their reason. Shared by `parse`, `align` and `load`, so all three accept the
// same inputs. The same bytes under two names are one document.
import type { PolicyDocument } from '../model/document.js';
import { enrichDocument } from '../extract/index.js';
import { parseFile } from '../parse/index.js';
import { DocumentError, type ReadOptions } from '../read/index.js';
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
}

export async function readDocuments(
  inputs: string[],
  options: ReadOptions = {},
): Promise<ReadDocumentsResult> {
  const { files, duplicates } = expandInputs(inputs);
  const documents: PolicyDocument[] = [];
  const rejected: Rejected[] = [];
  const skipped = duplicates.map((d) => ({ file: d.file, reason: `is ${d.sameAs} again` }));
  const bySha = new Map<string, string>();
  for (const file of files) {
    try {
      const doc = enrichDocument(await parseFile(file, options));
      const first = bySha.get(doc.sha256);
      if (first !== undefined) {
        skipped.push({ file, reason: `has the same bytes as ${first}` });
        continue;
      }
      bySha.set(doc.sha256, file);
      documents.push(doc);
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      rejected.push({ file: err.file, line: err.line, pages: err.pages, reason: err.reason });
    }
  }
  return { documents, rejected, skipped };
}

/** `file:line: reason` or `file page N: reason`, on one line. */
export function describeRejected(r: Rejected): string {
  return new DocumentError(r.file, r.line, r.reason, r.pages).message;
}
