// Bundles the CLI and the library (src/index.ts) into dist/ (ESM, code-split so each verb loads only what it needs).
// bin/anonymat.js uses dist/ when it is newer than every file of src/, and tsx otherwise, so a
// stale build is never run. Runs on `npm ci` / `npm install` (prepare) and with `npm run build`.
import { build } from 'esbuild';
import { rm, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
const root = new URL('..', import.meta.url).pathname;
await rm(root + 'dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: root + 'src/cli/main.ts', index: root + 'src/index.ts' },
  outdir: root + 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // small pure-JS dependencies (commander, zod, yaml, csv-parse, picocolors) are bundled: fewer
  // module loads at start-up; native, large or tool packages stay external
  external: ['@duckdb/*', 'pg', 'pg-*', 'vite', 'playwright-core', 'esbuild', 'tsx', 'fhir', 'fhirpath', '@hono/*', 'hono', 'hono-rate-limiter', 'cli-progress', 'fast-check', 'tinybench', 'preact', '@observablehq/*', '@preact/*'],
  sourcemap: 'linked',
  logLevel: 'warning',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // modules find their data files next to themselves (new URL('./data/x', import.meta.url)):
  // keep each module's own source URL in the bundle, so those paths still resolve.
  plugins: [{
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const text = await readFile(args.path, 'utf8');
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  }],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
