// Cypher lives in cypher/*.cypher (never built from user input); this reads a file once and caches it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { cypherDir } from '../paths.js';

const cache = new Map<string, string>();

/** The text of cypher/<name>.cypher. */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(cypherDir, `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** The statements of a file holding several, separated by `;` at the end of a line; comments dropped. */
export function cypherStatements(name: string): string[] {
  return cypher(name)
    .split(/;\s*$/m)
    .map((s) =>
      s
        .split('\n')
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n')
        .trim(),
    )
    .filter((s) => s.length > 0);
}

/**
 * A Cypher file behind a typed entry: its name, its parameters (a strict zod object: every `$name` the
 * file uses, nothing else — tests/integration/cypher-registry.test.ts checks the file against it and
 * EXPLAINs it) and the record each row is. Callers pass `CypherQuery` values, never file names, so a
 * parameter renamed in a file or a record read under the wrong shape fails to compile or to test.
 */
export interface CypherQuery<P extends Record<string, unknown>, R extends object> {
  readonly file: string;
  readonly params: z.ZodType<P>;
  /** The parameter names, for the registry test. */
  readonly paramNames: readonly string[];
  /** Never set: carries the record type. */
  readonly record?: R;
}

/** `cypherQuery('api/trace', { measureId: z.string() }).returns<TraceRecord>()`. */
export function cypherQuery<S extends z.ZodRawShape>(file: string, shape: S) {
  const params = z.strictObject(shape);
  return {
    returns<R extends object>(): CypherQuery<z.infer<typeof params>, R> {
      return { file, params, paramNames: Object.keys(shape) };
    },
  };
}

/** The parameters checked against the query's declaration (a caller's bug, not a client's: a plain Error). */
export function checkedParams<P extends Record<string, unknown>, R extends object>(
  q: CypherQuery<P, R>,
  params: NoInfer<P>,
): P {
  const res = q.params.safeParse(params);
  if (!res.success)
    throw new Error(
      `parameters of cypher/${q.file}.cypher: ${res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return res.data;
}

/** Runs a registered query in a transaction: parameters checked, rows as the declared records. */
export async function runQuery<P extends Record<string, unknown>, R extends object>(
  tx: { run(text: string, params: Record<string, unknown>): Promise<{ records: { toObject(): object }[] }> },
  query: CypherQuery<P, R>,
  params: NoInfer<P>,
): Promise<R[]> {
  const res = await tx.run(cypher(query.file), checkedParams(query, params));
  return res.records.map((r) => r.toObject() as R);
}
