import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/pipeline/load.js';
import { BloomPerspective } from '../../src/model/bloom.js';
import { emptyGraph, testDriver } from '../support/graph.js';

// Bloom cannot run here, so its search phrases are run as Bloom would: their Cypher, with a sample value.
const SAMPLES: Record<string, string> = {
  $measure: '优化户籍和居住证政策',
  $province: '浙江省',
  $task: '进一步深化户籍制度改革',
  $indicator: '常住人口城镇化率',
  $plan: '鄂政发-2024-19',
};

let driver: Driver;
beforeAll(async () => {
  const t = testDriver();
  driver = t.driver;
  await emptyGraph(driver);
  await loadInputs(driver, t.cfg.NEO4J_DATABASE, ['seeds', 'tests/fixtures/corpus/cascade']);
});
afterAll(async () => driver.close());

describe('Bloom search phrases on the seeded graph', () => {
  const perspective = BloomPerspective.parse(JSON.parse(readFileSync('bloom/plantrace.json', 'utf8')));
  for (const template of perspective.templates) {
    it(`“${template.text}” returns paths`, async () => {
      const params = Object.fromEntries(template.params.map((p) => [p.name.slice(1), SAMPLES[p.name]]));
      const res = await driver.executeQuery(template.cypher, params);
      expect(res.records.length).toBeGreaterThan(0);
    });
  }
});
