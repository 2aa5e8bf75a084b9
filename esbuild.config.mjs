// `node esbuild.config.mjs` builds dist/ (npm modules, lit external) and dist/cdn/ (one minified file, lit inlined).
// `--serve` also serves the repository for the demo and rebuilds the CDN file on change.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

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
/** CDN: a single self-contained module for a plain `<script type="module">`. */
const cdn = { ...common, entryPoints: ['src/index.ts'], outfile: 'dist/cdn/rc-call-logger.js', bundle: true, minify: true };

if (process.argv.includes('--serve')) {
  const context = await esbuild.context(cdn);
  await context.watch();
  // Listening on every interface makes http://localhost:PORT and http://127.0.0.1:PORT two origins:
  // the demo page on one, the fake widget on the other.
  const { port } = await context.serve({ servedir: '.', port: Number(process.env.PORT) || 8000 });
  console.log(`rc-call-logger demo: http://localhost:${port}/demo/  (Ctrl+C to stop)`);
} else {
  await Promise.all([esbuild.build(npm), esbuild.build(cdn)]);
  const bundle = readFileSync(cdn.outfile);
  console.log(`${cdn.outfile}: ${bundle.length} B, ${gzipSync(bundle, { level: 9 }).length} B gzip`);
}
