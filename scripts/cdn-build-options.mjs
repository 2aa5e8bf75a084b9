// The CDN build in one place: esbuild.config.mjs writes it to dist/cdn/; the test server, the benchmark and
// `npm run size` build the same files in memory. Two minified ES modules, Lit inlined, each self-contained:
//   - rc-call-logger.js (src/index.ts), what every page loads;
//   - rc-call-logger-delivery.js (src/delivery.ts: log-url, match-url, the outbox), which the main file imports,
//     relative to itself, only when an element uses those. Not esbuild's code splitting: that would move the code
//     both share into a third file the main one imports at once. Small pure helpers are in both files instead.
export const CDN_FILE = 'rc-call-logger.js';
export const CDN_CHUNK = 'rc-call-logger-delivery.js';

const shared = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  legalComments: 'none',
};

/** `import('./delivery.js')` in src/load-delivery.ts becomes `import('./rc-call-logger-delivery.js')`, not bundled. */
const deliveryApart = {
  name: 'delivery-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/delivery\.js$/ }, ({ kind }) =>
      kind === 'dynamic-import' ? { path: `./${CDN_CHUNK}`, external: true } : undefined,
    );
  },
};

export const cdnBuildOptions = { ...shared, entryPoints: ['src/index.ts'], plugins: [deliveryApart] };
export const cdnChunkBuildOptions = { ...shared, entryPoints: ['src/delivery.ts'] };
