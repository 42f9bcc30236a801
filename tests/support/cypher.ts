// The Cypher files under cypher/ and the parameters a statement names, for the tests that check them
// (cypher-explain: every file EXPLAINs; cypher-registry: every file matches its typed entry).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { cypherDir } from '../../src/paths.js';

/** Every file's name as `cypher()` takes it (`api/trace`), sorted. */
export function cypherFileNames(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : f.endsWith('.cypher') ? [p] : [];
    });
  return walk(cypherDir)
    .map((f) => path.relative(cypherDir, f).replace(/\.cypher$/, ''))
    .sort();
}

/** The `$names` a statement uses (comments already left out, as cypherStatements gives them), sorted. */
export const parametersOf = (statement: string): string[] =>
  [...new Set([...statement.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();
