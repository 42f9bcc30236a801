// The SDL in schema/*.graphql is the single definition of the API; this reads it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaDir } from '../paths.js';

export function loadTypeDefs(): string {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(schemaDir, f), 'utf8'))
    .join('\n');
}
