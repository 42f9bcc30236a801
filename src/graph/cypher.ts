// Cypher lives in cypher/*.cypher (never built from user input); this reads a file once and caches it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
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
