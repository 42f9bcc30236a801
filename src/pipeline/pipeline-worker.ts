// A pipeline worker (src/pipeline/workers.ts): parses files during a run's scan (bytes in, the parsed
// and extracted document or why it was rejected out), then aligns chunks of the run (src/pipeline/chunk.ts)
// reading the run's documents from its store file. A prepared chunk is kept here until the main thread
// takes it, so that only the chunk the writer needs next crosses over.
import { parentPort } from 'node:worker_threads';
import { loadNational } from '../align/index.js';
import { alignChunk, chunkEnv, lightOf, scanBytes, type ChunkEnv, type PreparedChunk } from './chunk.js';
import { StoreReader } from './store.js';
import type { WorkerInit, WorkerRequest } from './workers.js';

let env: ChunkEnv | null = null;
let reader: StoreReader | null = null;
/** Chunks prepared and not yet taken, by the id of the request that prepared them. */
const held = new Map<number, PreparedChunk>();

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
  if (m.type === 'parse') return scanBytes(m.bytes, m.file, { ocr: m.ocr });
  if (m.type === 'init') return init(m.init).then(() => true);
  if (m.type === 'take') {
    const chunk = held.get(m.chunk);
    if (!chunk) throw new Error(`chunk ${m.chunk} was not prepared here or was taken already`);
    held.delete(m.chunk);
    return chunk;
  }
  if (!env) throw new Error('a chunk before init');
  const chunk = alignChunk(m.job, env);
  // The main thread needs of the documents only their ids and files, and of the alignment only where
  // each plan stands (the links are in the rows): not the texts and the evidence back.
  const a = chunk.alignment;
  held.set(m.id, {
    ...chunk,
    documents: chunk.documents.map(lightOf),
    alignment: { ...a, links: [], sectionLinks: [], planLinks: [], unaligned: [] },
  });
  return m.id;
}

parentPort?.on('message', (m: WorkerRequest) => {
  answer(m).then(
    (result) => parentPort?.postMessage({ id: m.id, result }),
    (err: unknown) => parentPort?.postMessage({ id: m.id, error: (err as Error).stack ?? String(err) }),
  );
});
