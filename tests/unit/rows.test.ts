// A prepared chunk's rows carry the content hash the scan computed for the document (src/pipeline/chunk.ts
// reuses it rather than hashing the same rows again): it must be the hash of the rows the chunk writes.
import { describe, expect, it } from 'vitest';
import { contentRows, hashRows } from '../../src/graph/rows.js';
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
});
