// Every Cypher file under cypher/ (API, Bloom, exports, the loader's, the benchmarks') is EXPLAINed
// against the test Neo4j with every parameter it names, so a syntax error, an unknown function or a
// parameter the file uses but nobody passes fails here, not first in an e2e test. Parameters are found
// from the `$name` occurrences of each statement (comments left out) and given typed sample values;
// a new parameter name without a sample fails the test until one is added below.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypherStatements } from '../../src/graph/cypher.js';
import { cypherDir } from '../../src/paths.js';
import { cypherFileNames, parametersOf } from '../support/cypher.js';
import { testDriver } from '../support/graph.js';

const ids = ['沪府发-2024-12', '沪府发-2024-12/a1/m1'];
const row = { id: 'x', props: { title: 't' } };

/** Sample values by parameter name, typed as the code passes them. */
const SAMPLES: Record<string, unknown> = {
  ids,
  planIds: ['沪府发-2024-12'],
  kinds: ['Measure', 'Plan'],
  withText: true,
  withEvidence: true,
  // plan-tree's levels and per-level texts
  withPlan: true,
  planText: true,
  actionText: true,
  withMeasures: true,
  measureText: true,
  withLinks: true,
  withTo: true,
  toText: true,
  allFields: true,
  offset: neo4j.int(0),
  limit: neo4j.int(10),
  planId: '沪府发-2024-12',
  plan: '沪府发-2024-12',
  id: '沪府发-2024-12',
  of: '国发-2024-17',
  from: '沪府发-2024-12/a1/m1',
  to: '国发-2024-17/a1/m1',
  measureId: '沪府发-2024-12/a1/m1',
  taskId: '国发-2024-17/a1/m1',
  measure: '优化户籍和居住证政策',
  task: '进一步深化户籍制度改革',
  indicator: '常住人口城镇化率',
  province: '浙江省',
  region: '310000',
  level: 'provincial',
  kind: 'plan',
  query: '户籍',
  today: '2026-12-01',
  score: 0.9,
  decision: 'CONFIRM',
  note: 'checked',
  evidence: '{}',
  // The writer's batched rows (src/graph/writer.ts batchParams): one list per statement, a row each.
  docs: [{ id: 'x', contentHash: 'abc', loadKey: 'k', keys: { measures: [], actions: [], obligations: [] } }],
  linkDocs: [{ id: 'x', linksHash: 'def', keys: [] }],
  storedLinkDocs: [{ id: 'x', linksHash: 'def', keys: [] }],
  plans: [{ id: 'x', props: {}, national: false, interpretation: false }],
  covers: [{ plan: 'x', regionId: '310000' }],
  actions: [row],
  measures: [row],
  regions: [row],
  partOf: [{ id: 'a', parent: 'b' }],
  agencies: [row],
  indicators: [row],
  planMentions: [{ from: 'a', to: 'b', props: {} }],
  measureMentions: [{ from: 'a', to: 'b', props: {} }],
  planInvolves: [{ from: 'a', to: 'b', role: 'issuer' }],
  measureInvolves: [{ from: 'a', to: 'b', role: 'lead' }],
  planTargets: [{ from: 'a', to: 'b', key: 'k', props: {} }],
  actionTargets: [{ from: 'a', to: 'b', key: 'k', props: {} }],
  measureTargets: [{ from: 'a', to: 'b', key: 'k', props: {} }],
  obligations: [{ key: 'k', props: {} }],
  implementsMM: [{ from: 'a', to: 'b', props: {} }],
  implementsAA: [{ from: 'a', to: 'b', props: {} }],
  implementsPP: [{ from: 'a', to: 'b', props: {} }],
  implementsAny: [{ from: 'a', to: 'b', props: {} }],
  candidates: [{ from: 'a', to: 'b' }],
};
// The writer's lists for documents new to the graph (created, not merged) have the shapes of the others.
for (const name of [
  'plans',
  'actions',
  'measures',
  'planMentions',
  'measureMentions',
  'covers',
  'planInvolves',
  'measureInvolves',
  'planTargets',
  'actionTargets',
  'measureTargets',
  'obligations',
  'implementsMM',
  'implementsAA',
  'implementsPP',
])
  SAMPLES[`new${name[0]!.toUpperCase()}${name.slice(1)}`] = SAMPLES[name];
/** Where one name means a different shape in one file. */
const OVERRIDES: Record<string, Record<string, unknown>> = {};

/** EXPLAIN plans a statement with a parameter missing and only warns: that warning is a failure here. */
async function explain(driver: Driver, statement: string, params: Record<string, unknown>) {
  // Auto-commit, not an explicit transaction: CALL … IN TRANSACTIONS can be planned only there.
  const session = driver.session();
  try {
    const res = await session.run(`EXPLAIN ${statement}`, params);
    const missing = res.summary.notifications
      .filter((n) => /ParameterNotProvided/.test(n.code))
      .map((n) => n.description);
    return { plan: res.summary.plan, missing };
  } finally {
    await session.close();
  }
}

const files = cypherFileNames();
const IN_TRANSACTIONS = /\bIN\s+(?:\d+\s+|\$\w+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b/i;

let driver: Driver;
beforeAll(() => {
  driver = testDriver().driver;
});
afterAll(async () => driver.close());

describe('every Cypher file EXPLAINs with the parameters it uses', () => {
  it('finds the files (api, bloom, export and the loader)', () => {
    for (const dir of ['api/', 'bloom/', 'export/']) expect(files.some((f) => f.startsWith(dir))).toBe(true);
    expect(files).toContain('write-content');
    expect(files).toContain('schema');
  });

  for (const name of files) {
    const statements = cypherStatements(name);
    statements.forEach((statement, i) => {
      const batched = IN_TRANSACTIONS.test(statement);
      const label = `${name}${statements.length > 1 ? ` #${i + 1}` : ''}${batched ? ' (CALL … IN TRANSACTIONS)' : ''}`;
      it(label, async () => {
        const names = parametersOf(statement);
        const missing = names.filter((n) => !(n in SAMPLES));
        expect(missing, `no sample value for ${missing.map((n) => `$${n}`).join(', ')}`).toEqual([]);
        const params = Object.fromEntries(names.map((n) => [n, OVERRIDES[name]?.[n] ?? SAMPLES[n]]));
        const { plan, missing: notProvided } = await explain(driver, statement, params);
        expect(plan, 'a plan').toBeTruthy();
        expect(notProvided).toEqual([]);
      });
    });
  }

  it('the check can fail: a missing parameter, a wrong type, a syntax error', async () => {
    const { missing } = await explain(driver, 'MATCH (n {id: $nowhere}) RETURN n', {});
    expect(missing.join(' ')).toMatch(/nowhere/);
    await expect(explain(driver, 'UNWIND $ids AS row RETURN row.id', { ids: ['a'] })).rejects.toThrow(
      /Type mismatch|Invalid input/,
    );
    await expect(explain(driver, 'MATCH (n RETURN n', {})).rejects.toThrow(/Invalid input/);
  });
});

it('the sample table names no parameter that no file uses', () => {
  const used = new Set(files.flatMap((f) => cypherStatements(f).flatMap(parametersOf)));
  expect(Object.keys(SAMPLES).filter((n) => !used.has(n))).toEqual([]);
  expect(readFileSync(path.join(cypherDir, 'schema.cypher'), 'utf8')).toMatch(/CONSTRAINT|INDEX/);
});
