// Three tiers: unit (pure code, no server), integration (real Neo4j over Bolt), e2e (real HTTP server
// over the real Neo4j). The global setup starts a separate test Neo4j (.neo4j-test, ports 7688/7475)
// unless NEO4J_URI names one, and stops it afterwards. Integration and e2e files run one at a time and
// each resets the graph it needs in beforeAll, so they pass in any order.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // CLI tests start a process (tsx) each: seconds, not milliseconds, on a busy 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
