// The HTTP server: Apollo Server at /graphql (express integration), plus /health.
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express from 'express';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { ApiContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';
import { GraphStore } from './store.js';

export interface RunningApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApi(cfg: Config, driver: Driver, port = cfg.PORT): Promise<RunningApi> {
  const store = new GraphStore(driver, cfg.NEO4J_DATABASE);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<ApiContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: cfg.PLANTRACE_INTROSPECTION,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      cfg.PLANTRACE_LANDING_PAGE
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      const h = await store.health();
      res.json({ ok: true, neo4j: { reachable: true, version: h.version, nodeCount: h.nodeCount } });
    } catch {
      res.status(503).json({ ok: false, neo4j: { reachable: false } });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        store,
        authorized: cfg.PLANTRACE_API_KEY !== undefined && req.get('x-api-key') === cfg.PLANTRACE_API_KEY,
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, cfg.HOST, () => resolve());
  });
  const address = httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${cfg.HOST}:${actualPort}/graphql`,
    port: actualPort,
    close: async () => {
      await apollo.stop();
    },
  };
}
