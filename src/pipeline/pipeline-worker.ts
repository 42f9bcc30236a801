// A pipeline worker (src/pipeline/workers.ts): parses files during a run's scan (bytes in, the parsed
// and extracted document or why it was rejected out), then aligns chunks of the run (src/pipeline/chunk.ts)
// reading the run's documents from its store file. A prepared chunk goes back serialized (v8.serialize,
// its buffer transferred): the main thread keeps it as bytes, outside its heap, until the writer needs it.
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { loadNational } from '../align/index.js';
import { alignChunk, chunkEnv, lightOf, scanBytes, type ChunkEnv } from './chunk.js';
import { StoreReader } from './store.js';
import type { WorkerInit, WorkerRequest } from './workers.js';

let env: ChunkEnv | null = null;
let reader: StoreReader | null = null;

async function init(m: WorkerInit): Promise<void> {
  reader?.close();
  const r = new StoreReader(m.index);
  reader = r;
  const fallback = m.national ? await loadNational(m.national) : await loadNational();
  env = chunkEnv((id) => r.get(id), {
    fallback,
    nationals: m.nationals,
    curated: m.curated,
    scoring: m.scoring,
    pipeline: m.pipeline,
  });
}

async function answer(m: WorkerRequest): Promise<unknown> {
  if (m.type === 'parse') return scanBytes(m.bytes, m.file, { ocr: m.ocr, content: m.content });
  if (m.type === 'init') return init(m.init).then(() => true);
  if (!env) throw new Error('a chunk before init');
  const chunk = alignChunk(m.job, env);
  // The main thread needs of the documents only their ids and files, and of the alignment only where
  // each plan stands (the links are in the rows): not the texts and the evidence back.
  const a = chunk.alignment;
  const bytes = serialize({
    ...chunk,
    documents: chunk.documents.map(lightOf),
    alignment: { ...a, links: [], sectionLinks: [], planLinks: [], unaligned: [] },
  });
  // A buffer of its own (not a slice of a shared pool), so that it can be transferred.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

parentPort?.on('message', (m: WorkerRequest) => {
  answer(m).then(
    (result) =>
      parentPort?.postMessage(
        { id: m.id, result },
        result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : [],
      ),
    (err: unknown) => parentPort?.postMessage({ id: m.id, error: (err as Error).stack ?? String(err) }),
  );
});
