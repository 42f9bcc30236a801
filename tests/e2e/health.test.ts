import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

describe('health over HTTP', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => t.close());

  it('answers the health query with the Neo4j 5.26 version', async () => {
    const res = await t.gql<{ health: { ok: boolean; neo4jVersion: string } }>(
      '{ health { ok neo4jVersion } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.health.ok).toBe(true);
    expect(res.data?.health.neo4jVersion).toMatch(/^5\.26\./);
  });

  it('serves /health', async () => {
    const body = (await (await fetch(`${t.base}/health`)).json()) as { neo4j: { reachable: boolean } };
    expect(body.neo4j.reachable).toBe(true);
  });
});
