// Fuzzing the real GraphQL server over HTTP on the real test Neo4j (seeded): thousands of random documents
// built from the schema, mutations of valid documents, random variables and operation names, and random
// bodies, content types and encodings. Allowed outcomes: a data answer, or typed errors (codes of
// ErrorCode) in a JSON body with a 2xx, 4xx, 503 or 504 status — never a 500, a stack, a path or database
// text — and the server stays up.
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/api/errors.js';
import { loadTypeDefs } from '../../src/api/schema.js';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { startTestApi, type RawResponse, type TestApi } from '../support/api.js';
import { emptyGraph } from '../support/graph.js';

const KEY = 'fuzz-key-0123';
const SH = '沪府发-2024-12';
const schema: GraphQLSchema = buildSchema(loadTypeDefs());
let t: TestApi;
let ids: string[] = [];

beforeAll(async () => {
  const cfg = loadConfig();
  const driver = createDriver(cfg);
  await emptyGraph(driver);
  await loadInputs(driver, cfg.NEO4J_DATABASE, ['seeds']);
  const rows = await driver.executeQuery('MATCH (n) WHERE n:Plan OR n:Action OR n:Measure RETURN n.id AS id');
  ids = rows.records.map((r) => r.get('id') as string);
  await driver.close();
  delete process.env.NODE_ENV; // as in production without NODE_ENV: no Express stack pages either way
  // A short time limit keeps a batch from waiting long on one heavy random query (TIMEOUT is allowed).
  t = await startTestApi({ PLANTRACE_API_KEY: KEY, PLANTRACE_REQUEST_TIMEOUT_MS: '500' });
  expect(ids.length).toBeGreaterThan(50);
});
afterAll(async () => t?.close());

// ---- what every response must look like ------------------------------------------------------------

const LEAK =
  /<html|<pre>|\/work\/|node_modules|\bat \S+ \(|\.ts:\d+|Neo\.(Client|Transient|Database)Error|org\.neo4j|lucene|cypher|internal error/i;
const codes = new Set<string>(ErrorCode.options);
const seen = new Map<string, number>();
let sent = 0;

function check(res: RawResponse, what: string): void {
  sent++;
  const key = `${res.status} ${res.json?.errors?.[0]?.extensions?.code ?? 'data'}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  const ok = (res.status >= 200 && res.status < 500) || res.status === 503 || res.status === 504;
  if (!ok || res.status === 500)
    throw new Error(`status ${res.status} for ${what}: ${res.text.slice(0, 300)}`);
  if (
    !/^application\/(graphql-response\+)?json/.test(res.headers.get('content-type') ?? '') ||
    res.json === null
  )
    throw new Error(`not JSON (${res.headers.get('content-type')}) for ${what}: ${res.text.slice(0, 300)}`);
  // Data may quote documents; errors and bodies without data must not show internals.
  const exposed = res.json.data === undefined ? res.text : JSON.stringify(res.json.errors ?? []);
  if (LEAK.test(exposed)) throw new Error(`leak for ${what}: ${exposed.slice(0, 500)}`);
  const errors = res.json.errors;
  if (errors !== undefined) {
    if (!Array.isArray(errors) || errors.length === 0) throw new Error(`errors not a list for ${what}`);
    for (const e of errors) {
      const code = e.extensions?.code;
      if (typeof code !== 'string' || !codes.has(code) || code === 'INTERNAL_SERVER_ERROR')
        throw new Error(`untyped error ${JSON.stringify(e)} for ${what}`);
    }
  } else if (res.status === 200 && !('data' in res.json))
    throw new Error(`neither data nor errors for ${what}`);
}

const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
  t.http({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

// ---- arbitraries -------------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  ' ',
  '户籍',
  '隨遷子女 公办学校',
  '"',
  '\\',
  '*',
  'a OR b',
  '+-!():^[]"{}~*?|&/',
  "') RETURN 1 //",
  '$where',
  '\u0000',
  '\uD800',
  '\u202e',
  'x'.repeat(201),
  '户'.repeat(2_001),
  Array(40).fill('词').join(' '),
  'b2Zmc2V0OjE', // offset:1, base64url
  'b2Zmc2V0OjIxNDc0ODM2NDg', // offset:2147483648
  'null',
);
const someId = fc.oneof(
  fc.constant(`${SH}/a1/m1`),
  fc.constant('国发-2024-17/a1/m1'),
  fc.integer({ min: 0, max: 10_000 }).map((i) => ids[i % Math.max(1, ids.length)] ?? SH),
);
const str = fc.oneof(
  someId,
  nasty,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const int = fc.oneof(
  fc.integer({ min: -3, max: 120 }),
  fc.constantFrom(0, 1, 100, 101, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53),
);
const float = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1, -1, 0.5, 1.5, 1e308),
);

/** A GraphQL literal for a value of the input type (mostly well-typed, sometimes not). */
function literal(type: GraphQLInputType, depth = 0): fc.Arbitrary<string> {
  const wrong = fc.constantFrom('null', '"x"', '1', '[]', '{}', 'true', 'FOO', '$undefinedVar');
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type))
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .array(literal(type.ofType, depth + 1), { maxLength: depth > 0 ? 3 : 60 })
          .map((xs) => `[${xs.join(', ')}]`),
      },
      { weight: 1, arbitrary: literal(type.ofType, depth + 1) },
    );
  const named = type;
  let good: fc.Arbitrary<string>;
  if (isEnumType(named)) good = fc.constantFrom(...named.getValues().map((v) => v.name));
  else if (isInputObjectType(named)) good = fc.constant('{}');
  else if (named.name === 'Int') good = int.map(String);
  else if (named.name === 'Float')
    good = float.map((x) => (Number.isInteger(x) ? `${x}.0` : String(x)).replace('e+', 'e'));
  else if (named.name === 'Boolean') good = fc.boolean().map(String);
  else good = str.map((s) => JSON.stringify(s));
  return fc.oneof({ weight: 9, arbitrary: good }, { weight: 1, arbitrary: wrong });
}

/** A selection set on a type, to a depth; random fields, aliases, arguments, fragments. */
function selection(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    return fc
      .array(fc.constantFrom(...possible), { minLength: 1, maxLength: 2 })
      .chain((ts) => fc.tuple(...ts.map((pt) => selection(pt, depth).map((s) => `... on ${pt.name} ${s}`))))
      .map((parts) => `{ __typename ${parts.join(' ')} }`);
  }
  if (!isObjectType(type)) return fc.constant('');
  const fields = Object.values(type.getFields());
  const field = fc.constantFrom(...fields).chain((f) => {
    const named = getNamedType(f.type);
    const leaf = isScalarType(named) || isEnumType(named);
    // Required arguments nearly always given (else validation refuses most documents), others at random.
    const args = f.args.length
      ? fc
          .tuple(
            fc.subarray([...f.args], { minLength: 0 }),
            fc.nat({ max: 9 }).map((n) => n > 0),
          )
          .map(([some, required]) =>
            f.args.filter((a) => some.includes(a) || (required && isNonNullType(a.type))),
          )
          .chain((as) => fc.tuple(...as.map((a) => literal(a.type).map((v) => `${a.name}: ${v}`))))
          .map((parts) => (parts.length ? `(${parts.join(', ')})` : ''))
      : fc.constant('');
    const sub = leaf
      ? fc.constant('')
      : depth <= 0
        ? fc.constant('{ __typename }')
        : selection(named, depth - 1);
    const alias = fc.option(fc.tuple(fc.constantFrom('a', 'b', 'x_'), fc.nat({ max: 20 })), { freq: 4 });
    return fc
      .tuple(alias, args, sub)
      .map(([al, a, s]) => `${al ? `${al[0]}${al[1]}: ` : ''}${f.name}${a} ${s}`);
  });
  return fc.array(field, { minLength: 1, maxLength: 4 }).map((fs) => `{ ${fs.join(' ')} }`);
}

const queryDoc = selection(schema.getQueryType()!, 2);
const mutationDoc = selection(schema.getMutationType()!, 1).map((s) => `mutation ${s}`);

/** Valid documents to mutate. */
const valid = [
  `{ trace(measureId: "${SH}/a1/m1") { aligned path { kind node { id title } link { score method } } } }`,
  `{ implementations(nationalTaskId: "国发-2024-17/a1/m1", first: 5) { totalCount nodes { from { id } score } pageInfo { endCursor } } }`,
  `query($t: String!, $a: String) { search(text: $t, first: 3, after: $a) { totalCount nodes { snippet score } } }`,
  `{ coverage(planId: "${SH}") { covered total ratio } }`,
  `{ plans(first: 2) { nodes { id title actions { id measures { id targets { value unit } } } } } }`,
  `mutation($n: String) { reviewAlignment(from: "${SH}/a1/m1", to: "国发-2024-17/a1/m1", decision: CONFIRM, note: $n) { score } }`,
  `{ alignmentMatrix(planIds: ["${SH}"]) { plans { id } rows { cells { links } } } }`,
];
const mutated = fc
  .tuple(
    fc.constantFrom(...valid),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 8 }),
        fc.oneof(
          fc.constantFrom(
            '{',
            '}',
            '(',
            ')',
            '"',
            '$',
            '@',
            '...',
            ':',
            '!',
            '#',
            '\\',
            '\n',
            ' ',
            '""" ',
            'fragment F on Plan { id }',
            '@skip(if: true)',
            '__schema { types { name } }',
          ),
          fc.string({ maxLength: 6 }),
        ),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([doc, edits]) => {
    let d = doc;
    for (const [at, del, ins] of edits) {
      const i = at % (d.length + 1);
      d = d.slice(0, i) + ins + d.slice(i + del);
    }
    return d;
  });

const variables = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.record({ t: str, a: fc.option(str), n: fc.option(str) }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const operationName = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('A', 'Q', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
);

/** One GraphQL request: document, variables, operation name, with or without the API key. */
const gqlRequest = fc.record({
  query: fc.oneof(
    { weight: 5, arbitrary: queryDoc },
    { weight: 1, arbitrary: mutationDoc },
    { weight: 3, arbitrary: mutated },
  ),
  variables,
  operationName,
  key: fc.boolean(),
});

/** A request that is wrong at the HTTP level: raw bodies, content types, encodings, methods. */
const rawRequest = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ body: b, headers: {} })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v) ?? 'null', headers: {} })),
  fc
    .tuple(
      fc.constantFrom(
        'text/plain',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/graphql',
        '',
        'application/json; charset=utf-8',
      ),
      fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'compress', 'identity', 'x'),
      valid.length > 0 ? fc.constantFrom(...valid) : fc.constant('{ health { ok } }'),
      fc.nat({ max: 200 }),
    )
    .map(([type, enc, q, cut]) => {
      const body = JSON.stringify({ query: q }).slice(0, cut === 0 ? undefined : cut);
      const headers: Record<string, string> = { 'content-type': type, 'apollo-require-preflight': 'x' };
      if (enc) headers['content-encoding'] = enc;
      return { body, headers };
    }),
);

// ---- the properties ------------------------------------------------------------------------------------

describe('fuzzing the API over HTTP', () => {
  const BATCH = 24;

  it('answers thousands of random and mutated GraphQL requests with data or typed errors', async () => {
    const started = performance.now();
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(gqlRequest, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(
          batch.map((r) =>
            post(
              JSON.stringify({
                query: r.query,
                variables: r.variables,
                operationName: r.operationName,
              }),
              r.key ? { 'x-api-key': KEY } : {},
            ),
          ),
        );
        responses.forEach((res, i) => check(res, JSON.stringify(batch[i]).slice(0, 400)));
        waited += Math.max(...responses.map((r) => r.ms));
      }),
      { numRuns: 400, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: false },
    );
    const s = (performance.now() - started) / 1000;
    console.log(
      `graphql fuzz: ${sent} requests in ${s.toFixed(1)} s (${(waited / 1000).toFixed(1)} s waiting for answers); outcomes ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect([...seen.keys()].some((k) => k.startsWith('200 data'))).toBe(true); // some were answered with data
  }, 90_000);

  it('answers random bodies, content types and encodings with typed JSON errors', async () => {
    const before = sent;
    await fc.assert(
      fc.asyncProperty(fc.array(rawRequest, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(batch.map((r) => post(r.body, r.headers)));
        responses.forEach((res, i) => check(res, JSON.stringify(batch[i]).slice(0, 300)));
      }),
      { numRuns: 80, interruptAfterTimeLimit: 10_000, markInterruptAsFailure: false },
    );
    console.log(`raw fuzz: ${sent - before} requests`);
    expect(sent - before).toBeGreaterThanOrEqual(200);
  }, 30_000);

  it('is still up and answering afterwards', async () => {
    const health = await t.http({ path: '/health' });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true });
    const r = await t.gql<{ plans: { totalCount: number } }>('{ plans { totalCount } }');
    expect(r.data?.plans.totalCount).toBe(4);
  });
});
