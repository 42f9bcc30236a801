// Ids of documents and their sections: never derived from wording, so fixing a typo changes no id.
import path from 'node:path';
import type { SectionKind } from '../model/document.js';

export const KIND_PREFIX: Record<SectionKind, string> = {
  goals: 'g',
  action: 'a',
  safeguards: 's',
  other: 'o',
};

/**
 * Document id: from the document number when it has one (沪府发〔2024〕12号 → 沪府发-2024-12), so the
 * catalog and the official text of the national plan share ids; else from the file name. Never from
 * wording, so fixing a typo changes no id.
 */
export function documentId(docNumber: string | null, file: string): string {
  if (docNumber) {
    const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(docNumber);
    if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  return `doc-${
    base
      .toLowerCase()
      .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
      .replace(/^-|-$/g, '') || 'untitled'
  }`;
}
