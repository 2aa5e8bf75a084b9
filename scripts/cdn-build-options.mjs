// The CDN build (one minified ES module, Lit inlined) in one place: esbuild.config.mjs writes it to
// dist/cdn/rc-call-logger.js; the test server, the benchmark and `npm run size` build the same file in memory.
export const cdnBuildOptions = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  legalComments: 'none',
};
