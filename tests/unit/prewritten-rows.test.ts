// A document whose content the loader wrote during the scan (PrepareOptions.prewrite) comes back in its
// chunk without that content's properties (src/pipeline/chunk.ts withoutWrittenProps): what its links
// write sends (regions, mentions, covers, links), its row counts and its hashes must be those of the
// whole rows, and only the documents handed to prewrite may come back so.
import { describe, expect, it } from 'vitest';
import type { DocumentRows } from '../../src/graph/rows.js';
import { contentRowCount, linksWriteParams, rowCount } from '../../src/graph/writer.js';
import { withoutWrittenProps } from '../../src/pipeline/chunk.js';
import { prepareBatch, prepareRun, type GraphView } from '../../src/pipeline/prepare.js';

const inputs = ['seeds', 'tests/fixtures/corpus/provincial-2'];

describe('rows of documents whose content was written during the scan', () => {
  it('send the same links write, with the same counts and hashes, as the whole rows', async () => {
    const whole = (await prepareBatch(inputs, { curated: false, workers: 0 })).rows;
    const bare = whole.map(withoutWrittenProps);
    expect(whole.length).toBeGreaterThan(6);
    expect(linksWriteParams(bare)).toEqual(linksWriteParams(whole));
    expect(bare.map(rowCount)).toEqual(whole.map(rowCount));
    expect(bare.map(contentRowCount)).toEqual(whole.map(contentRowCount));
    // Every list as long as the whole rows' (they count the rows written and the summary's totals).
    const lengths = (r: DocumentRows) =>
      Object.entries(r).flatMap(([k, v]) => (Array.isArray(v) ? [[k, v.length]] : []));
    expect(bare.map(lengths)).toEqual(whole.map(lengths));
    for (const [i, r] of bare.entries()) {
      const w = whole[i]!;
      expect(r.keys).toEqual(w.keys);
      expect([r.contentHash, r.linksHash]).toEqual([w.contentHash, w.linksHash]);
      expect(r.measures.map((m) => [m.id, m.actionId])).toEqual(w.measures.map((m) => [m.id, m.actionId]));
      expect(r.measures.every((m) => Object.keys(m.props).length === 0)).toBe(true);
    }
  }, 120_000);

  it('on worker threads: exactly the documents handed to prewrite come back without their props', async () => {
    const whole = new Map(
      (await prepareBatch(inputs, { curated: false, workers: 0 })).rows.map((r) => [r.docId, r]),
    );
    const graph: GraphView = { plans: async () => [], documents: async () => [] };
    const prewritten: string[] = [];
    const run = await prepareRun(
      inputs,
      {
        curated: false,
        workers: 2,
        chunkDocuments: 2,
        prewrite: async (rows) => {
          prewritten.push(rows.docId);
        },
      },
      graph,
    );
    const rows: DocumentRows[] = [];
    try {
      for await (const chunk of run.chunks()) rows.push(...chunk.rows);
    } finally {
      await run.close();
    }
    expect(prewritten.length).toBeGreaterThan(6);
    expect(rows.map((r) => r.docId).sort()).toEqual([...whole.keys()].sort());
    for (const r of rows) {
      const w = whole.get(r.docId)!;
      expect(r, r.docId).toEqual(prewritten.includes(r.docId) ? withoutWrittenProps(w) : w);
    }
    expect(prewritten.sort()).toEqual([...whole.keys()].sort()); // a fake graph holds nothing yet
  }, 180_000);
});
