// Bundles the built-in view (src/view/client) into dist/view with esbuild: app.js (the first screen) and
// chunks loaded on demand — the trace graph with @neo4j-nvl/base, the charts with Chart.js — plus the page
// and its style sheet. Run by `npm run build` and by the browser tests; plantrace serves it at /view/.
// No CDN: everything the page loads comes from this folder.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { packageRoot } from '../paths.js';

export const viewDist = path.join(packageRoot, 'dist', 'view');
const client = path.join(packageRoot, 'src', 'view', 'client');

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
  /** The entry point or dynamic import it comes from (app, trace-graph, chart), or 'shared'. */
  entry: string;
}

export async function buildView(): Promise<string> {
  await buildViewWithSizes();
  return viewDist;
}

export async function buildViewWithSizes(): Promise<BundleFile[]> {
  rmSync(path.join(viewDist, 'chunks'), { recursive: true, force: true });
  mkdirSync(viewDist, { recursive: true });
  const result = await build({
    entryPoints: { app: path.join(client, 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outdir: viewDist,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(path.join(client, f), path.join(viewDist, f));
  return Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, out]) => {
      const abs = path.resolve(packageRoot, file);
      const entry = out.entryPoint
        ? path.basename(out.entryPoint, '.ts').replace('main', 'app')
        : path.basename(file).replace(/-[A-Z0-9]+\.js$/, '');
      return {
        file: path.relative(viewDist, abs),
        bytes: out.bytes,
        gzip: gzipSync(readFileSync(abs)).length,
        entry,
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const files = await buildViewWithSizes();
  console.log(`view bundled into ${path.relative(packageRoot, viewDist)}:`);
  for (const f of files)
    console.log(
      `  ${f.file.padEnd(36)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KiB  (gzip ${(f.gzip / 1024).toFixed(1)} KiB)`,
    );
}
