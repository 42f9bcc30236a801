// Bundles the built-in view (src/view/client) into dist/view with esbuild: one JavaScript file with
// @neo4j-nvl/base inside, plus the page and its style sheet. Run by `npm run build` and by the browser
// tests; plantrace serves the result at /view/.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packageRoot } from '../paths.js';

export const viewDist = path.join(packageRoot, 'dist', 'view');
const client = path.join(packageRoot, 'src', 'view', 'client');

export async function buildView(): Promise<string> {
  mkdirSync(viewDist, { recursive: true });
  await build({
    entryPoints: [path.join(client, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outfile: path.join(viewDist, 'app.js'),
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(path.join(client, f), path.join(viewDist, f));
  return viewDist;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(`view bundled into ${path.relative(packageRoot, await buildView())}`);
}
