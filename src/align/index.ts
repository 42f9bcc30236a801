// Alignment stage: documents → IMPLEMENTS links to the national plan (see aligner.ts for the method).
import path from 'node:path';
import type { AlignmentResult } from '../model/alignment.js';
import type { PolicyDocument } from '../model/document.js';
import { enrichDocument } from '../extract/index.js';
import { parseFile } from '../parse/index.js';
import { dataDir, seedsDir } from '../paths.js';
import { align } from './aligner.js';
import { readCuratedLinks, type CuratedLink } from './curated.js';
import { NationalIndex } from './national-index.js';

export { align, THRESHOLDS } from './aligner.js';
export { NationalIndex } from './national-index.js';
export type { CuratedLink } from './curated.js';

/** The bundled catalog of 国发〔2024〕17号; a user with the official text passes it instead. */
export const defaultNationalFile = path.join(seedsDir, 'national-plan.catalog.yaml');
export const defaultCuratedFile = path.join(dataDir, 'curated-links.yaml');

export async function loadNational(file = defaultNationalFile): Promise<PolicyDocument> {
  const doc = enrichDocument(await parseFile(file));
  if (doc.level !== 'national') throw new Error(`${file} is not a national document (level ${doc.level})`);
  return doc;
}

/** A document that is the national plan itself (catalog or official text), not something to align. */
export function isNational(doc: PolicyDocument): boolean {
  return doc.level === 'national';
}

export interface AlignDocumentsOptions {
  /** The national plan to align against (the pipeline decides which: src/pipeline). */
  national: PolicyDocument;
  /** Apply data/curated-links.yaml (default), a given list, or nothing. */
  curated?: boolean | CuratedLink[];
}

export function alignDocuments(documents: PolicyDocument[], options: AlignDocumentsOptions): AlignmentResult {
  const { national } = options;
  const curated =
    options.curated === false
      ? null
      : Array.isArray(options.curated)
        ? options.curated
        : readCuratedLinks(defaultCuratedFile);
  return align(
    documents.filter((d) => !isNational(d)),
    new NationalIndex(national),
    { curated },
  );
}
