// `node esbuild.config.mjs` builds dist/ (npm modules, lit external), dist/cdn/ (minified, lit inlined: the main file
// and the one it loads for log-url, match-url and the outbox)
// and dist/simulator/ (the widget simulator: a classic adapter script, the widget page, its control API and server).
// `--serve` also serves the repository for the demo and rebuilds the CDN file and the simulator on change, and runs
// the reference CRM server (examples/crm-server.mjs) on the next port.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CDN_CHUNK, CDN_FILE, cdnBuildOptions, cdnChunkBuildOptions } from './scripts/cdn-build-options.mjs';

const common = {
  target: 'es2022',
  format: 'esm',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

const sources = readdirSync('src')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/${file}`);

/** npm: one module per source file, imports kept, lit left to the application's bundler. */
const npm = { ...common, entryPoints: sources, outdir: 'dist', bundle: false };
/** CDN: a self-contained module for a plain `<script type="module">`, and the one it loads when needed. */
const cdn = { ...common, ...cdnBuildOptions, outfile: `dist/cdn/${CDN_FILE}` };
const cdnChunk = { ...common, ...cdnChunkBuildOptions, outfile: `dist/cdn/${CDN_CHUNK}` };

/** The simulator's adapter stands in for RingCentral's adapter.js: a classic script, not a module. */
const simulatorAdapter = {
  ...common,
  entryPoints: ['src/simulator/adapter.ts'],
  outdir: 'dist/simulator',
  bundle: true,
  format: 'iife',
  sourcemap: false,
};
/** Its widget page and script, the page-side control API, and the Node server with its command line. */
const simulatorPage = {
  ...common,
  entryPoints: ['src/simulator/widget.ts', 'src/simulator/app.html', 'src/simulator/control.ts'],
  outdir: 'dist/simulator',
  bundle: true,
  sourcemap: false,
  loader: { '.html': 'copy' },
};
const simulatorServer = {
  ...common,
  entryPoints: ['src/simulator/server.ts'],
  outdir: 'dist/simulator',
  platform: 'node',
  sourcemap: false,
  banner: { js: '#!/usr/bin/env node' },
};
const simulator = [simulatorAdapter, simulatorPage, simulatorServer];

if (process.argv.includes('--serve')) {
  // Build once before serving, so the first page load finds every file.
  for (const options of simulator) {
    const context = await esbuild.context(options);
    await context.rebuild();
    await context.watch();
  }
  await esbuild.context(cdnChunk).then((chunk) => chunk.watch());
  const context = await esbuild.context(cdn);
  await context.rebuild();
  await context.watch();
  // Listening on every interface makes http://localhost:PORT and http://127.0.0.1:PORT two origins:
  // the demo page on one, the simulated widget on the other.
  const { port } = await context.serve({ servedir: '.', port: Number(process.env.PORT) || 8000 });
  console.log(`rc-call-logger demo: http://localhost:${port}/demo/  (Ctrl+C to stop)`);
  // The reference CRM server next door, another origin, which demo/static.html logs to (8001 beside 8000).
  const { startCrmServer } = await import('./examples/crm-server.mjs');
  await startCrmServer({ port: port + 1, allowOrigin: `http://localhost:${port}` }).then(
    () => console.log(`reference CRM server: http://localhost:${port + 1}/calls`),
    (error) => console.warn(`reference CRM server not started on port ${port + 1}: ${error.message}`),
  );
} else {
  await Promise.all([npm, cdn, cdnChunk, ...simulator].map((options) => esbuild.build(options)));
  for (const { outfile } of [cdn, cdnChunk]) {
    const bundle = readFileSync(outfile);
    console.log(`${outfile}: ${bundle.length} B, ${gzipSync(bundle, { level: 9 }).length} B gzip`);
  }
}
