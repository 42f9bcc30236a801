// A parse worker (src/pipeline/workers.ts): bytes in, the parsed and extracted document (or why it was
// rejected) out.
import { parentPort } from 'node:worker_threads';
import { parseBytes } from './documents.js';

parentPort?.on('message', (m: { id: number; bytes: Uint8Array; file: string; ocr?: boolean }) => {
  parseBytes(m.bytes, m.file, { ocr: m.ocr }).then(
    (item) => parentPort?.postMessage({ id: m.id, item }),
    (err: unknown) => parentPort?.postMessage({ id: m.id, error: (err as Error).message }),
  );
});
