// Starts the real GraphQL server in-process on a free port, over the test Neo4j, and posts to it over HTTP.
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { startApi, type RunningApi } from '../../src/api/server.js';

export interface TestApi {
  cfg: Config;
  driver: Driver;
  api: RunningApi;
  base: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  /** A raw HTTP exchange with /graphql (or another path): status, headers, body text and its JSON if any. */
  http(init: RequestInit & { path?: string }): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  ms: number;
}

export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const cfg = loadConfig({ ...process.env, ...env });
  const driver = createDriver(cfg);
  const api = await startApi(cfg, driver, 0);
  const base = api.url.replace(/\/graphql$/, '');
  return {
    cfg,
    driver,
    api,
    base,
    async gql(query, variables = {}, headers = {}) {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async http({ path = '/graphql', ...init }) {
      const started = performance.now();
      const res = await fetch(`${base}${path}`, init);
      const text = await res.text();
      let json: RawResponse['json'] = null;
      try {
        json = JSON.parse(text) as RawResponse['json'];
      } catch {
        json = null;
      }
      return { status: res.status, headers: res.headers, text, json, ms: performance.now() - started };
    },
    async close() {
      await api.close();
      await driver.close();
    },
  };
}
