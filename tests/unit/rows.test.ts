// A prepared chunk's rows carry the content hash the scan computed for the document (src/pipeline/chunk.ts
// reuses it rather than hashing the same rows again): it must be the hash of the rows the chunk writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DocumentRows, contentRows, hashRows } from '../../src/graph/rows.js';
import { prepareBatch } from '../../src/pipeline/prepare.js';

describe('graph rows', () => {
  it('a document’s content hash, computed once in the scan, is the hash of the content rows written', async () => {
    const batch = await prepareBatch(['seeds'], { curated: false });
    expect(batch.rows.length).toBeGreaterThan(3);
    const byId = new Map(batch.documents.map((d) => [d.id, d]));
    for (const rows of batch.rows) {
      const { contentHash, linksHash, ...rest } = rows;
      const content = contentRows(byId.get(rows.docId)!);
      expect(contentHash).toBe(hashRows(content));
      expect(Object.keys(content).every((k) => k in rest)).toBe(true);
      expect(linksHash).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 60_000);

  it('the same on worker threads and across chunks: the hash of the content rows each chunk writes', async () => {
    const inputs = ['seeds', 'tests/fixtures/corpus/provincial-2'];
    const whole = await prepareBatch(inputs, { curated: false, workers: 0 });
    const chunked = await prepareBatch(inputs, { curated: false, workers: 2, chunkDocuments: 2 });
    expect(chunked.rows.length).toBeGreaterThan(6);
    // (A chunked run hands back light documents; its rows carry the content.)
    const keys = Object.keys(contentRows(whole.documents[0]!));
    const written = (rows: DocumentRows) =>
      hashRows(Object.fromEntries(keys.map((k) => [k, rows[k as keyof DocumentRows]])));
    const single = new Map(whole.rows.map((r) => [r.docId, r.contentHash]));
    for (const rows of chunked.rows) {
      expect(rows.contentHash, rows.docId).toBe(written(rows));
      expect(rows.contentHash, rows.docId).toBe(single.get(rows.docId));
    }
    // One hash per document: a chunk never takes another document's scan hash.
    expect(new Set(chunked.rows.map((r) => r.contentHash)).size).toBe(chunked.rows.length);
  }, 120_000);

  it('a document changed after a first scan gets the hash of its new content', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-rows-'));
    try {
      const seed = readdirSync('seeds').find((f) => f.endsWith('.txt'))!;
      const text = readFileSync(path.join('seeds', seed), 'utf8');
      writeFileSync(path.join(dir, seed), text);
      const first = await prepareBatch([dir], { curated: false });
      writeFileSync(path.join(dir, seed), text.replace('城镇化', '城市化'));
      const second = await prepareBatch([dir], { curated: false });
      const [a, b] = [first, second].map((x) => {
        const doc = x.documents.find((d) => d.file.endsWith(seed))!;
        return { doc, rows: x.rows.find((r) => r.docId === doc.id)! };
      });
      expect(b!.rows.contentHash).not.toBe(a!.rows.contentHash);
      expect(b!.rows.contentHash).toBe(hashRows(contentRows(b!.doc)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
