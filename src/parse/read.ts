// Reading many documents at once: files and folders → enriched documents, and the files rejected with
// their reason. Shared by `parse`, `align` and `load`, so all three accept the same inputs.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { enrichDocument } from '../extract/index.js';
import type { PolicyDocument } from '../model/document.js';
import { ParseError, parseFile } from './index.js';

const DOCUMENT_FILE = /\.(?:md|markdown|txt|text|ya?ml)$/i;

export interface Rejected {
  file: string;
  line: number;
  reason: string;
}

/** Files named, and the document files inside named folders (recursively, in name order). */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, named: boolean) => {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      out.push(p); // reported as unreadable by the parser, with its reason
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (!entry.startsWith('.')) walk(path.join(p, entry), false);
    } else if (named || DOCUMENT_FILE.test(p)) out.push(p);
  };
  for (const input of inputs) walk(input, true);
  return out;
}

export function readDocuments(inputs: string[]): { documents: PolicyDocument[]; rejected: Rejected[] } {
  const documents: PolicyDocument[] = [];
  const rejected: Rejected[] = [];
  for (const file of expandInputs(inputs)) {
    try {
      documents.push(enrichDocument(parseFile(file)));
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      rejected.push({ file: err.file, line: err.line, reason: err.reason });
    }
  }
  return { documents, rejected };
}
