// What decides that re-loading a file would change nothing, so it need not even be read: the file's
// bytes, the pipeline (its version, the data files and options alignment reads), and the plans it
// depends on (its parent's, or the explained plan's, content as the graph holds it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../paths.js';

/** Raise when parsing, extraction or alignment changes what they make of the same bytes. */
export const PIPELINE_VERSION = 7;

const sha = (...parts: (string | number | boolean | null | undefined)[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');
const fileHash = (file: string) => (existsSync(file) ? sha(readFileSync(file, 'utf8')) : null);

export interface PipelineKeyInput {
  curated: boolean;
  threshold?: number;
  calibrationFile?: string;
  defaultNational: string;
}

export function pipelineKey(input: PipelineKeyInput): string {
  return sha(
    PIPELINE_VERSION,
    input.curated,
    input.threshold ?? null,
    input.defaultNational,
    fileHash(input.calibrationFile ?? path.join(dataDir, 'calibration.json')),
    fileHash(path.join(dataDir, 'policy-vocabulary.yaml')),
    input.curated ? fileHash(path.join(dataDir, 'curated-links.yaml')) : null,
  );
}

/** `dependencies`: `id:contentHash` of the plans the document's links depend on (parent, explained plan). */
export function loadKey(pipeline: string, sha256: string, dependencies: string[]): string {
  return sha(pipeline, sha256, ...[...dependencies].sort());
}
