// The typed Cypher registries (src/api/queries.ts, src/graph/queries.ts) against the files they stand
// for: every file the code runs by name is registered (or listed below with who runs it), each entry's
// declared parameters are exactly the `$names` its file uses, and each entry EXPLAINs against the test
// Neo4j with parameters built from its own declaration (so a declared type Cypher cannot plan with fails).
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { queries } from '../../src/api/queries.js';
import { checkedParams, cypher, cypherStatements, type CypherQuery } from '../../src/graph/cypher.js';
import { graphQueries } from '../../src/graph/queries.js';
import { cypherFileNames, parametersOf } from '../support/cypher.js';
import { testDriver } from '../support/graph.js';

/** Files not run through a registry entry, and what runs them. */
const RUN_ELSEWHERE: Record<string, string> = {
  schema: 'the writer, statement by statement, before a load (src/graph/writer.ts)',
  'write-content': 'the writer: several statements sharing one row map (src/graph/writer.ts)',
  'write-links': 'the writer: several statements sharing one row map (src/graph/writer.ts)',
  'document-state': 'the writer (src/graph/writer.ts)',
  'graph-counts': 'the writer (src/graph/writer.ts)',
  'unload-document': 'the writer (src/graph/writer.ts)',
  'search-refresh': 'the writer, at the end of a load or unload (src/graph/writer.ts)',
  'bench-raw-batch': 'bench/load.bench.ts, the baseline',
  'bench-raw-shared': 'bench/load.bench.ts, the baseline',
};
const BLOOM = 'bloom/'; // search phrases of the Bloom perspective (src/model/bloom.ts), run by Bloom

type AnyQuery = CypherQuery<Record<string, unknown>, object>;
const registered: [string, AnyQuery][] = [
  ...Object.entries(queries).map(([k, q]) => [`api ${k}`, q as unknown as AnyQuery] as [string, AnyQuery]),
  ...Object.entries(graphQueries).map(
    ([k, q]) => [`graph ${k}`, q as unknown as AnyQuery] as [string, AnyQuery],
  ),
];

const files = cypherFileNames();

/** The `$names` a file uses, over all its statements (comments left out). */
const paramsUsed = (file: string) => [...new Set(cypherStatements(file).flatMap(parametersOf))].sort();

/** A value of the declared type: a sample a caller could pass. */
function sample(name: string, schema: z.ZodType): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      return name === 'today' ? '2026-12-01' : '沪府发-2024-12';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'nullable':
      return sample(name, def.innerType as z.ZodType);
    case 'array':
      return [sample(name, def.element as z.ZodType)];
    case 'custom':
      return neo4j.int(10); // the only custom type declared: a Neo4j integer
    default:
      throw new Error(`no sample for a ${def.type} (parameter ${name})`);
  }
}
const sampleParams = (q: AnyQuery) => {
  const shape = (q.params as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.fromEntries(Object.entries(shape).map(([n, s]) => [n, sample(n, s)]));
};

describe('the Cypher registries', () => {
  it('cover every file the code runs by name', () => {
    const inRegistry = new Set(registered.map(([, q]) => q.file));
    const unaccounted = files.filter(
      (f) => !inRegistry.has(f) && !(f in RUN_ELSEWHERE) && !f.startsWith(BLOOM),
    );
    expect(unaccounted).toEqual([]);
    const missingFiles = [...inRegistry, ...Object.keys(RUN_ELSEWHERE)].filter((f) => !files.includes(f));
    expect(missingFiles).toEqual([]);
  });

  for (const [name, q] of registered)
    it(`${name} (cypher/${q.file}.cypher) declares exactly the parameters its file uses`, () => {
      expect([...q.paramNames].sort()).toEqual(paramsUsed(q.file));
    });

  it('checks parameters before a query runs: a missing, extra or mistyped one is refused', () => {
    expect(() => checkedParams(queries.trace, { measureId: 'x', withText: true } as never)).toThrow(
      /withEvidence/,
    );
    expect(() =>
      checkedParams(queries.trace, { measureId: 'x', withText: true, withEvidence: true, extra: 1 } as never),
    ).toThrow(/extra/);
    expect(() => checkedParams(queries.status, { planId: 'x', today: 'yesterday' })).toThrow(/today/);
  });
});

describe('each registered query EXPLAINs with parameters of its declared types', () => {
  let driver: Driver;
  beforeAll(() => {
    driver = testDriver().driver;
  });
  afterAll(async () => driver.close());

  for (const [name, q] of registered)
    it(name, async () => {
      const params = checkedParams(q, sampleParams(q));
      const session = driver.session();
      try {
        const res = await session.run(`EXPLAIN ${cypher(q.file)}`, params);
        expect(res.summary.plan).toBeTruthy();
        const notProvided = res.summary.notifications.filter((n) => /ParameterNotProvided/.test(n.code));
        expect(notProvided).toEqual([]);
      } finally {
        await session.close();
      }
    });
});
