import { buildSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/api/schema.js';
import { luceneQuery, snippet } from '../../src/api/search.js';
import { matrixCsv } from '../../src/api/server.js';

describe('GraphQL schema', () => {
  it('matches the reviewed snapshot (a schema change must update tests/snapshots/schema.graphql)', async () => {
    const printed = printSchema(buildSchema(loadTypeDefs()));
    await expect(printed).toMatchFileSnapshot('../snapshots/schema.graphql');
  });
});

describe('search helpers', () => {
  it('builds an escaped Lucene phrase query in Simplified script', () => {
    expect(luceneQuery('隨遷子女')).toBe('"随迁子女"');
    expect(luceneQuery('随迁子女  公办学校')).toBe('"随迁子女" AND "公办学校"');
    expect(luceneQuery('a"b OR (c)')).toBe('"a b" AND "OR" AND "c"');
    expect(luceneQuery('  ')).toBeNull();
  });

  it('marks every match in the original script and escapes HTML', () => {
    const original = '保障隨遷子女受教育權利<b>';
    expect(snippet(original, '保障随迁子女受教育权利<b>', '随迁子女')).toBe(
      '保障<mark>隨遷子女</mark>受教育權利&lt;b&gt;',
    );
  });
});

describe('alignment matrix CSV', () => {
  it('quotes fields per RFC 4180 and has two columns per plan', () => {
    const csv = matrixCsv({
      plans: [{ __typename: 'Plan', id: 'p1' }],
      rows: [
        {
          task: { __typename: 'Measure', id: 't1', title: '任务,"一"' },
          action: { __typename: 'Action', id: 'a1', title: '行动' },
          cells: [{ planId: 'p1', links: 2, bestScore: 0.9 }],
        },
      ],
    });
    expect(csv).toBe('\uFEFFtask_id,task,action,p1 links,p1 best_score\r\nt1,"任务,""一""",行动,2,0.9\r\n');
  });
});
