// The HTTP server: Apollo Server at /graphql (express integration), plus /health.
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express from 'express';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import type { ApiContext } from './context.js';
import { exportRoutes } from './exports.js';
import { createLoaders } from './loaders.js';
import { readMatrix } from './resolvers/query.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';
import { GraphStore } from './store.js';
import { packageRoot } from '../paths.js';

export interface RunningApi {
  url: string;
  port: number;
  store: GraphStore;
  close(): Promise<void>;
}

export async function startApi(cfg: Config, driver: Driver, port = cfg.PORT): Promise<RunningApi> {
  const store = new GraphStore(driver, cfg.NEO4J_DATABASE, cfg.PLANTRACE_REQUEST_TIMEOUT_MS);
  const app = express();
  const httpServer = http.createServer(app);
  // A request that takes longer than the limit is cut off (Neo4j transactions carry the same limit).
  httpServer.requestTimeout = cfg.PLANTRACE_REQUEST_TIMEOUT_MS;
  // Abuse limits from graphql-armor: depth, cost, aliases, directives and tokens of a query.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 2_000 },
  }).protect();
  const apollo = new ApolloServer<ApiContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: cfg.PLANTRACE_INTROSPECTION,
    csrfPrevention: true,
    ...armor,
    formatError,
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<ApiContext>[]),
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
  // Neo4j Browser's style sheet and guide (browser/), fetched by the Browser from another origin.
  app.use('/browser', (_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });
  app.use('/browser', express.static(path.join(packageRoot, 'browser'), { setHeaders: browserContentTypes }));
  // The built-in view (bundled by src/view/build.ts; no CDN).
  app.use('/view', express.static(path.join(packageRoot, 'dist', 'view')));
  app.get('/', (_req, res) => res.redirect('/view/'));
  // The alignment matrix as CSV: /alignment-matrix.csv?planIds=a,b (all local plans without it).
  app.get('/alignment-matrix.csv', async (req, res) => {
    try {
      const ids =
        typeof req.query.planIds === 'string' && req.query.planIds ? req.query.planIds.split(',') : null;
      const matrix = await readMatrix({ store }, ids);
      res.type('text/csv; charset=utf-8').attachment('alignment-matrix.csv').send(matrixCsv(matrix));
    } catch (err) {
      const code = err instanceof GraphQLError ? err.extensions.code : 'INTERNAL_SERVER_ERROR';
      res.status(code === 'UNAVAILABLE' ? 503 : 500).json({ error: code });
    }
  });
  app.use('/export', exportRoutes(store));
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        store,
        loaders: createLoaders(store),
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
    store,
    close: async () => {
      await apollo.stop();
    },
  };
}

/** Typed errors pass through; anything else becomes a plain INTERNAL_SERVER_ERROR with no database text. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError && original.extensions.code)
    return { ...formatted, extensions: { code: original.extensions.code } };
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR')
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * CSV of the matrix: one row per national task, two columns (links, best score) per plan. Written by hand
 * (quote fields containing a quote, comma or newline, RFC 4180) rather than adding a CSV dependency.
 */
export function matrixCsv(m: import('./records.js').AlignmentMatrixRecord): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = [
    'task_id',
    'task',
    'action',
    ...m.plans.flatMap((p) => [`${p.id} links`, `${p.id} best_score`]),
  ];
  const lines = m.rows.map((r) => [
    r.task.id,
    r.task.title,
    r.action.title,
    ...r.cells.flatMap((c) => [c.links, c.bestScore]),
  ]);
  return `\uFEFF${[header, ...lines].map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

function browserContentTypes(res: http.ServerResponse, file: string): void {
  if (file.endsWith('.grass')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  if (file.endsWith('.adoc')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
}
