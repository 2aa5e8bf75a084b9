// Sizes of the CDN file against baselines built in the same run: lit's ReactiveElement alone (what we build on)
// and the whole `lit` package (what a LitElement-based element would carry). Minified ES modules, gzip -9.
import * as esbuild from 'esbuild';
import { gzipSync } from 'node:zlib';

const build = async (options) => {
  const result = await esbuild.build({
    bundle: true, minify: true, format: 'esm', target: 'es2022', write: false, legalComments: 'none',
    logLevel: 'error', ...options,
  });
  const bytes = result.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const stdin = (contents) => ({ stdin: { contents, resolveDir: process.cwd(), loader: 'js' } });

const rows = {
  'rc-call-logger (dist/cdn)': await build({ entryPoints: ['src/index.ts'], tsconfig: 'tsconfig.json' }),
  'baseline: @lit/reactive-element': await build(stdin("export * from '@lit/reactive-element';")),
};
try {
  rows['baseline: lit (LitElement, html, css)'] = await build(stdin("export { LitElement, html, css } from 'lit';"));
} catch {
  // lit is only there when a dev dependency brings it
}
const ours = rows['rc-call-logger (dist/cdn)'];
const base = rows['baseline: @lit/reactive-element'];
console.log('| bundle | min B | min+gzip B | gzip vs ReactiveElement |\n|---|---:|---:|---:|');
for (const [name, { raw, gzip }] of Object.entries(rows)) {
  console.log(`| ${name} | ${raw} | ${gzip} | ${(gzip / base.gzip).toFixed(2)}× |`);
}
console.log(`\nour own code adds ${ours.gzip - base.gzip} B gzip on top of ReactiveElement`);
