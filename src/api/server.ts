// The HTTP server: Apollo Server at /graphql (express integration), plus /health, the CSV matrix, the
// exports, Neo4j Browser's style sheet and the built-in view. Every error a client can cause is answered
// with a typed JSON error (src/api/errors.ts) and its HTTP status, never Express's HTML page; every
// request is answered within PLANTRACE_REQUEST_TIMEOUT_MS (the request deadline, see requestDeadline).
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { log } from '../log.js';
import type { ApiContext } from './context.js';
import { ErrorCode, errorBody, httpStatusOf } from './errors.js';
import { argumentLimits, checkArgument } from './limits.js';
import { exportRoutes } from './exports.js';
import { createLoaders } from './loaders.js';
import { readMatrix } from './resolvers/query.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';
import { GraphStore, QueryGate, type Deadline } from './store.js';
import { packageRoot } from '../paths.js';
import { textOf, type AlignmentMatrixRecord } from './records.js';

export interface RunningApi {
  url: string;
  port: number;
  store: GraphStore;
  close(): Promise<void>;
}

/** Body size limit of /graphql. */
export const MAX_BODY = '100kb';

export async function startApi(cfg: Config, driver: Driver, port = cfg.PORT): Promise<RunningApi> {
  const limitMs = cfg.PLANTRACE_REQUEST_TIMEOUT_MS;
  const store = new GraphStore(
    driver,
    cfg.NEO4J_DATABASE,
    limitMs,
    new QueryGate(cfg.PLANTRACE_MAX_CONCURRENT_QUERIES),
  );
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Receiving a request (headers and body) may take at most the limit too (Node answers 408).
  httpServer.requestTimeout = limitMs;
  httpServer.headersTimeout = Math.min(limitMs, 60_000);
  // Abuse limits from graphql-armor: depth, cost, aliases and directives of a query. Tokens are limited by
  // graphql's own parser (parseOptions below): armor's token plugin parses in a hook whose errors Apollo
  // answers with 500, and it reported syntax errors the same way.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    maxTokens: { enabled: false },
  }).protect();
  const apollo = new ApolloServer<ApiContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: cfg.PLANTRACE_INTROSPECTION,
    csrfPrevention: true,
    parseOptions: { maxTokens: MAX_TOKENS },
    ...armor,
    formatError,
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<ApiContext>[]),
      argumentLimits<ApiContext>(),
      statusFromErrors(),
      // No cache hints in the schema: Apollo's cache-control plugin only wrapped every field's resolver to
      // find none and answer `cache-control: no-store`, which statusFromErrors now sets itself.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      cfg.PLANTRACE_LANDING_PAGE
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.use(requestDeadline(limitMs, store));
  const storeOf = (res: express.Response) => store.forRequest(res.locals.deadline as Deadline);

  app.get('/health', async (_req, res) => {
    try {
      const h = await storeOf(res).health();
      res.json({ ok: true, neo4j: { reachable: true, version: h.version, nodeCount: h.nodeCount } });
    } catch {
      if (!res.headersSent) res.status(503).json({ ok: false, neo4j: { reachable: false } });
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
  // The alignment matrix as CSV: /alignment-matrix.csv?planIds=a,b (all local plans without it; the
  // parameter may also be repeated). The ids have the same limits as the GraphQL argument.
  app.get('/alignment-matrix.csv', async (req, res) => {
    const ids = planIdsOf(req.query.planIds);
    if (typeof ids === 'string') {
      res.status(400).json(errorBody('BAD_USER_INPUT', ids));
      return;
    }
    try {
      const matrix = await readMatrix({ store: storeOf(res) }, ids);
      res.type('text/csv; charset=utf-8').attachment('alignment-matrix.csv').send(matrixCsv(matrix));
    } catch (err) {
      if (res.headersSent) return;
      const typed = typedOf(err);
      if (!typed) log.error({ err: (err as Error).message }, 'matrix CSV failed');
      const code = typed?.code ?? 'INTERNAL_SERVER_ERROR';
      res.status(httpStatusOf[code]).json(errorBody(code, typed?.message ?? 'internal error'));
    }
  });
  app.use('/export', exportRoutes(store, cfg.PLANTRACE_TODAY));
  // GraphQL answers carry no ETag (its own app, with Express's ETag off): nothing revalidates a POST, and
  // the ETag was a SHA-1 of every answer.
  const graphqlApp = express();
  graphqlApp.disable('x-powered-by');
  graphqlApp.set('etag', false);
  app.use('/graphql', graphqlApp);
  graphqlApp.use(
    jsonOnly,
    express.json({ limit: MAX_BODY, type: 'application/json' }),
    (req, _res, next) => {
      // GET carries the query in the URL; Apollo's middleware wants a body all the same.
      if (req.body === undefined) req.body = {};
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestStore = storeOf(res);
        return {
          store: requestStore,
          loaders: createLoaders(requestStore),
          authorized: cfg.PLANTRACE_API_KEY !== undefined && req.get('x-api-key') === cfg.PLANTRACE_API_KEY,
          today: cfg.PLANTRACE_TODAY,
        };
      },
    }),
  );
  app.use(notFoundJson);
  app.use(errorJson);

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

/**
 * Why a request's signal is aborted: one value made once, since `abort()` without a reason builds a
 * DOMException, stack trace included, for every request that ends (1.2 % of the API's CPU on trace).
 */
const REQUEST_ENDED = new Error('the request has ended or its time is up');

/** Tokens a GraphQL document may have (graphql's parser stops at the first one over). */
export const MAX_TOKENS = 2_000;

/**
 * Gives every request a deadline (PLANTRACE_REQUEST_TIMEOUT_MS from its arrival) that the store's
 * queries use as their remaining time. At the deadline a request not yet answered gets 504 TIMEOUT, and
 * its queries still running are dropped (Neo4j ends their transactions at the same time); a client that
 * goes away aborts its queries too.
 */
function requestDeadline(limitMs: number, store: GraphStore): RequestHandler {
  return (_req, res, next) => {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // one listener per query of the request, however many
    const deadline: Deadline = { at: Date.now() + limitMs, limitMs, signal: controller.signal };
    res.locals.deadline = deadline;
    const timer = setTimeout(() => {
      controller.abort(REQUEST_ENDED);
      if (!res.headersSent) {
        // UNAVAILABLE rather than TIMEOUT while the database is away (Neo4j stopped or starting again).
        const { code, message } = store.atDeadline(limitMs);
        res.status(httpStatusOf[code]).json(errorBody(code, message));
      }
    }, limitMs);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      controller.abort(REQUEST_ENDED);
    });
    next();
  };
}

/** POST /graphql must be JSON: anything else is 415 before the body is read. */
const jsonOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    res
      .status(415)
      .json(
        errorBody(
          'UNSUPPORTED_MEDIA_TYPE',
          'POST /graphql takes a JSON body (content-type: application/json)',
        ),
      );
    return;
  }
  next();
};

const notFoundJson: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('NOT_FOUND', `no route ${req.method} ${req.path.slice(0, 200)}`));
};

/**
 * The last handler: Express's own errors (body parsing, URL decoding, anything thrown in a route) as JSON
 * with the right status, never the HTML page with its stack and paths (whatever NODE_ENV says).
 */
const errorJson: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (res.headersSent) return; // answered already (e.g. at the deadline): nothing to add
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  const type = typeof e?.type === 'string' ? e.type : '';
  const status = Number(e?.status ?? e?.statusCode ?? 500);
  const known: Record<string, [ErrorCode, string]> = {
    'entity.too.large': ['PAYLOAD_TOO_LARGE', `the body is over the limit of ${MAX_BODY}`],
    'entity.parse.failed': ['BAD_REQUEST', 'the body is not valid JSON'],
    'entity.verify.failed': ['BAD_REQUEST', 'the body could not be read'],
    'encoding.unsupported': [
      'UNSUPPORTED_MEDIA_TYPE',
      'unsupported content-encoding (use identity, gzip, deflate or br)',
    ],
    'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'unsupported charset (JSON is read as UTF-8)'],
    'request.aborted': ['BAD_REQUEST', 'the request was aborted'],
    'request.size.invalid': ['BAD_REQUEST', 'the body is shorter or longer than its content-length'],
    'stream.encoding.set': ['BAD_REQUEST', 'the body could not be read'],
  };
  const hit = known[type];
  if (hit) {
    res.status(httpStatusOf[hit[0]]).json(errorBody(hit[0], hit[1]));
    return;
  }
  if (err instanceof URIError || (status >= 400 && status < 500)) {
    const code: ErrorCode =
      status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    res.status(err instanceof URIError ? 400 : status).json(errorBody(code, 'bad request'));
    return;
  }
  log.error({ err: (err as Error | null)?.message }, 'request failed');
  res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'internal error'));
};

/**
 * Every GraphQL response says `cache-control: no-store`. The HTTP status of a GraphQL response that
 * carries errors: 504 when any is a TIMEOUT, 503 when any is
 * UNAVAILABLE, else (when no data came back) the status of the first error's code. Request errors (parse,
 * validation, limits) already carry theirs.
 */
function statusFromErrors<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store'); // answers are never cached
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length) return;
          const codes = errors
            .map((e) => ErrorCode.safeParse(e.extensions?.code))
            .flatMap((r) => (r.success ? [r.data] : []));
          const current = response.http.status;
          if (codes.includes('TIMEOUT')) response.http.status = httpStatusOf.TIMEOUT;
          else if (codes.includes('UNAVAILABLE')) response.http.status = httpStatusOf.UNAVAILABLE;
          else if (
            (data === null || data === undefined) &&
            (current === undefined || current === 200) &&
            codes[0]
          )
            response.http.status = httpStatusOf[codes[0]];
        },
      };
    },
  };
}

/** planIds of the CSV route (comma-separated, or repeated) checked like the GraphQL argument; a string is the problem. */
function planIdsOf(raw: unknown): string[] | null | string {
  if (raw === undefined || raw === '') return null;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [null],
  );
  if (parts.includes(null)) return 'planIds must be plan ids separated by commas';
  const ids = (parts as string[]).map((p) => p.trim()).filter((p) => p.length > 0);
  if (ids.length === 0) return null;
  const problem = checkArgument('alignment-matrix.csv', PLAN_IDS_ARG, ids);
  return problem ?? ids;
}

const PLAN_IDS_ARG = { name: 'planIds', type: 'ID', list: true };

/**
 * The typed error behind an error, if any: its own code or that of an error it wraps (Apollo wraps errors
 * thrown in plugins; resolvers' errors are wrapped with their path). Looked up by shape, not by class, so
 * an error built by another copy of graphql counts too.
 */
function typedOf(error: unknown): { code: ErrorCode; message: string } | null {
  type Wrapped = { extensions?: { code?: unknown }; originalError?: unknown; message?: unknown };
  let e: unknown = error;
  for (let i = 0; typeof e === 'object' && e !== null && i < 5; i++) {
    const w = e as Wrapped;
    const code = ErrorCode.safeParse(w.extensions?.code);
    if (code.success && code.data !== 'INTERNAL_SERVER_ERROR')
      return { code: code.data, message: typeof w.message === 'string' ? w.message : code.data };
    e = w.originalError;
  }
  return null;
}

/** Typed errors pass through; anything else becomes a plain INTERNAL_SERVER_ERROR with no database text. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const typed = typedOf(error) ?? typedOf(unwrapResolverError(error));
  if (typed)
    return {
      message: typed.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: typed.code },
    };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')
    // A code of Apollo's that the enum does not list: kept, so the client still sees a typed error.
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
export function matrixCsv(m: AlignmentMatrixRecord): string {
  const field = (v: string | number | null | undefined) => {
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
    textOf(r.task.title),
    textOf(r.action.title),
    ...r.cells.flatMap((c) => [c.links, c.bestScore]),
  ]);
  return `\uFEFF${[header, ...lines].map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

function browserContentTypes(res: http.ServerResponse, file: string): void {
  if (file.endsWith('.grass')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  if (file.endsWith('.adoc')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
}
