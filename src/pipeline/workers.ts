// The pipeline on worker threads (node:worker_threads): during a run's scan the main thread reads and
// hashes the bytes (deciding what is parsed at all) and the workers parse; then the workers align the
// run's chunks (src/pipeline/chunk.ts) while the main thread writes. A prepared chunk comes back as the
// bytes of v8.serialize (its buffer transferred) and stays bytes, outside the main thread's heap, until
// the writer takes it (`take`), so chunks prepared ahead of the writer cost a compact buffer each, not
// a heap of rows that the collector lets grow several times over; results are taken in order. Each worker
// runs src/pipeline/pipeline-worker.ts (compiled: .js; under tsx or vitest: the .ts itself).
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ChunkEnv, ChunkJob, PreparedChunk, ScanResult } from './chunk.js';
import type { StoreIndex } from './store.js';

/** Workers a large run uses by default: one per core (the main thread reads, hashes and writes). */
export const defaultWorkers = (): number => availableParallelism();

/**
 * A worker's heap: its live set is the gazetteer, the upper plans' indexes and one chunk (well under
 * this); the cap makes V8 collect instead of growing, which bounds the loader's resident memory.
 */
const LIMITS = { maxOldGenerationSizeMb: 320 };

export interface WorkerInit {
  index: StoreIndex;
  national?: string;
  nationals: string[];
  curated: ChunkEnv['curated'];
  scoring: ChunkEnv['scoring'];
  pipeline: string;
}

export type WorkerRequest = { id: number } & (
  | { type: 'parse'; bytes: Uint8Array; file: string; ocr?: boolean; content?: boolean }
  | { type: 'init'; init: WorkerInit }
  | { type: 'chunk'; job: ChunkJob }
);

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** A chunk prepared on a worker, as the bytes of v8.serialize, until the writer takes it. */
export interface HeldChunk {
  bytes: Uint8Array;
}

interface Job {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * Sources run as TypeScript (tsx, vitest): the worker registers tsx's loader, then imports the script
 * (a worker's --import hooks do not apply to its entry point on Node 20).
 */
function typescriptWorker(script: URL): Worker {
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(code, { eval: true, resourceLimits: LIMITS });
}

export class WorkerPool {
  private readonly pool: { worker: Worker; jobs: Map<number, Job> }[];
  private seq = 0;

  constructor(count: number) {
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    const script = new URL(`./pipeline-worker.${ext}`, import.meta.url);
    this.pool = Array.from({ length: Math.max(1, count) }, () => {
      const worker = ext === 'ts' ? typescriptWorker(script) : new Worker(script, { resourceLimits: LIMITS });
      const jobs = new Map<number, Job>();
      worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        const job = jobs.get(m.id);
        jobs.delete(m.id);
        if (!job) return;
        if (m.error === undefined) job.resolve(m.result);
        else job.reject(new Error(`pipeline worker: ${m.error}`));
      });
      worker.on('error', (err) => {
        for (const job of jobs.values()) job.reject(err);
        jobs.clear();
      });
      return { worker, jobs };
    });
  }

  get size(): number {
    return this.pool.length;
  }

  private send(slot: (typeof this.pool)[number], request: Request, transfer: ArrayBuffer[] = []) {
    const id = this.seq++;
    return new Promise<unknown>((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      slot.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** The least busy worker. */
  private idle() {
    return this.pool.reduce((best, w) => (w.jobs.size < best.jobs.size ? w : best), this.pool[0]!);
  }

  parse(bytes: Uint8Array, file: string, options: { ocr?: boolean; content?: boolean }): Promise<ScanResult> {
    const copy = new Uint8Array(bytes);
    return this.send(
      this.idle(),
      { type: 'parse', bytes: copy, file, ocr: options.ocr, content: options.content },
      [copy.buffer],
    ) as Promise<ScanResult>;
  }

  async init(init: WorkerInit): Promise<void> {
    await Promise.all(this.pool.map((slot) => this.send(slot, { type: 'init', init })));
  }

  /** Aligns a chunk on the least busy worker: the prepared chunk, serialized. */
  async align(job: ChunkJob): Promise<HeldChunk> {
    return { bytes: (await this.send(this.idle(), { type: 'chunk', job })) as Uint8Array };
  }

  /** A chunk aligned by `align`, as objects again (its bytes are then dropped). */
  take(held: HeldChunk): PreparedChunk {
    const chunk = deserialize(held.bytes) as PreparedChunk;
    held.bytes = new Uint8Array(0);
    return chunk;
  }

  async close(): Promise<void> {
    await Promise.all(this.pool.map((w) => w.worker.terminate()));
  }
}
