// Where a run keeps the documents it has parsed until it aligns and writes them: in memory for a run of
// one chunk, else in a temporary file (one JSON line per document, read back by offset), so that the
// loader's memory is bounded by a chunk, not by the whole run.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PolicyDocument } from '../model/document.js';

export class DocumentStore {
  private readonly memory = new Map<string, PolicyDocument>();
  private readonly at = new Map<string, { offset: number; length: number }>();
  private dir: string | null = null;
  private fd: number | null = null;
  private end = 0;

  constructor(readonly spill: boolean) {}

  /** True once documents went to the file (a reader on another thread can read them). */
  get onDisk(): boolean {
    return this.fd !== null;
  }

  has(id: string): boolean {
    return this.memory.has(id) || this.at.has(id);
  }

  /** A document, given as JSON (as a worker sends it) or as the object. */
  put(id: string, doc: PolicyDocument | string): void {
    if (!this.spill) {
      this.memory.set(id, typeof doc === 'string' ? (JSON.parse(doc) as PolicyDocument) : doc);
      return;
    }
    if (this.fd === null) {
      this.dir = mkdtempSync(path.join(tmpdir(), 'plantrace-load-'));
      this.fd = openSync(path.join(this.dir, 'documents.jsonl'), 'w+');
    }
    const bytes = Buffer.from(`${typeof doc === 'string' ? doc : JSON.stringify(doc)}\n`, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.end);
    this.at.set(id, { offset: this.end, length: bytes.length - 1 });
    this.end += bytes.length;
  }

  get(id: string): PolicyDocument {
    const doc = this.memory.get(id);
    if (doc) return doc;
    const at = this.at.get(id);
    if (!at || this.fd === null) throw new Error(`document ${id} is not in this run`);
    const bytes = Buffer.alloc(at.length);
    readSync(this.fd, bytes, 0, at.length, at.offset);
    return JSON.parse(bytes.toString('utf8')) as PolicyDocument;
  }

  /** Where the documents are, for a reader on another thread (null file: they are in memory only). */
  index(): StoreIndex {
    return {
      file: this.dir ? path.join(this.dir, 'documents.jsonl') : null,
      at: [...this.at].map(([id, a]) => [id, a.offset, a.length]),
    };
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
    this.memory.clear();
    this.at.clear();
  }
}

export interface StoreIndex {
  file: string | null;
  at: [string, number, number][];
}

/** Reads a DocumentStore's file (on a worker thread), by the index the store gave. */
export class StoreReader {
  private readonly at: Map<string, [number, number]>;
  private readonly fd: number;

  constructor(index: StoreIndex) {
    if (!index.file) throw new Error('the run keeps its documents in memory: nothing to read');
    this.fd = openSync(index.file, 'r');
    this.at = new Map(index.at.map(([id, offset, length]) => [id, [offset, length]]));
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  get(id: string): PolicyDocument | null {
    const at = this.at.get(id);
    if (!at) return null;
    const bytes = Buffer.alloc(at[1]);
    readSync(this.fd, bytes, 0, at[1], at[0]);
    return JSON.parse(bytes.toString('utf8')) as PolicyDocument;
  }

  close(): void {
    closeSync(this.fd);
  }
}
