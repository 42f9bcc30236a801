// Read → parse → extract on worker threads (node:worker_threads): the main thread reads and hashes the
// bytes (deciding what is parsed at all), a pool of workers parses, and the scan takes the results in
// file order. Each worker runs src/pipeline/parse-worker.ts (compiled: .js; under tsx: the .ts itself).
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanItem } from './documents.js';
import type { Parser } from './prepare.js';

/** Workers a large run parses on by default: one per core (the main thread only reads and hashes meanwhile). */
export const defaultWorkers = (): number => availableParallelism();

interface Job {
  resolve: (item: ScanItem) => void;
  reject: (err: Error) => void;
}

export interface WorkerParser {
  parse: Parser;
  close(): Promise<void>;
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
  return new Worker(code, { eval: true });
}

export function workerParser(count: number): WorkerParser {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const script = new URL(`./parse-worker.${ext}`, import.meta.url);
  const pool = Array.from({ length: Math.max(1, count) }, () => {
    const worker = ext === 'ts' ? typescriptWorker(script) : new Worker(script);
    const jobs = new Map<number, Job>();
    worker.on('message', (m: { id: number; item?: ScanItem; error?: string }) => {
      const job = jobs.get(m.id);
      jobs.delete(m.id);
      if (!job) return;
      if (m.item) job.resolve(m.item);
      else job.reject(new Error(m.error ?? 'parse worker failed'));
    });
    worker.on('error', (err) => {
      for (const job of jobs.values()) job.reject(err);
      jobs.clear();
    });
    return { worker, jobs };
  });
  let next = 0;
  let seq = 0;
  return {
    parse: (bytes, file, options) => {
      const slot = pool.reduce(
        (best, w) => (w.jobs.size < best.jobs.size ? w : best),
        pool[next++ % pool.length]!,
      );
      const id = seq++;
      return new Promise<ScanItem>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        const copy = new Uint8Array(bytes);
        slot.worker.postMessage({ id, bytes: copy, file, ocr: options.ocr }, [copy.buffer]);
      });
    },
    close: async () => {
      await Promise.all(pool.map((w) => w.worker.terminate()));
    },
  };
}
