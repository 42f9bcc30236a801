// Where the package's own files are, whether running from src/ (tsx, vitest) or dist/src/ (built).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const cypherDir = path.join(packageRoot, 'cypher');
export const schemaDir = path.join(packageRoot, 'schema');
export const seedsDir = path.join(packageRoot, 'seeds');
export const dataDir = path.join(packageRoot, 'data');
export const neo4jBuildDir = path.join(packageRoot, 'neo4j');
