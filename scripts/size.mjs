// `npm run size`: gzip -9 sizes of what users download, against baselines built in the same run, checked against
// size-budget.json. Exits 1 when a file is over its `max` (CI gate); a missed `goal` is reported, not fatal.
//   - dist/cdn/rc-call-logger.js as built (lit inlined, minified), what every page loads;
//   - dist/cdn/rc-call-logger-delivery.js as built, which it loads only for log-url, match-url and the outbox;
//   - our own code: src/index.ts bundled and minified with lit external;
//   - baselines: lit's ReactiveElement alone, and the same element built on LitElement instead;
//   - where our bytes go: each module of ours, minified on its own (module sizes overlap less than they add up).
// `--json PATH` also writes the figures as JSON.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CDN_CHUNK, CDN_FILE as CDN_NAME, cdnBuildOptions, cdnChunkBuildOptions } from './cdn-build-options.mjs';

const CDN_FILE = `dist/cdn/${CDN_NAME}`;
const CHUNK_FILE = `dist/cdn/${CDN_CHUNK}`;
const budgets = JSON.parse(readFileSync('size-budget.json', 'utf8'));
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The CDN build's options, in memory; each figure below changes only what it measures. */
const minified = { ...cdnBuildOptions, write: false, logLevel: 'error' };
async function build(options) {
  const result = await esbuild.build({ ...minified, ...options });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzip(bytes), metafile: result.metafile };
}
const fromSource = (contents) => ({
  entryPoints: undefined,
  stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
});

/** Builds the element on `LitElement` rather than `ReactiveElement`, for the comparison the decision rests on. */
const onLitElement = {
  name: 'on-lit-element',
  setup(build) {
    build.onLoad({ filter: /src[\\/]settings\.ts$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const contents = source.replace(
        /import \{ ReactiveElement, (.*) \} from '@lit\/reactive-element';/,
        "import { LitElement as ReactiveElement, $1 } from 'lit';",
      );
      if (contents === source) throw new Error('on-lit-element: src/settings.ts no longer imports ReactiveElement');
      return { contents, loader: 'ts' };
    });
  },
};

const built = (file) => {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first (\`npm run size\` does).`);
    process.exit(1);
  }
  const bytes = readFileSync(file);
  return { min: bytes.length, gzip: gzip(bytes) };
};
const cdn = built(CDN_FILE);
const cdnChunk = built(CHUNK_FILE);
const own = await build({ external: ['@lit/*', 'lit'], metafile: true });
const reactiveElement = await build(fromSource("export * from '@lit/reactive-element';"));
const onLit = await build({ plugins: [onLitElement] });

const rows = [
  { name: `${CDN_FILE} (lit inlined)`, key: 'cdn', ...cdn },
  { name: `${CHUNK_FILE} (loaded when used)`, key: 'cdnChunk', ...cdnChunk },
  { name: 'own code (lit external)', key: 'own', ...own },
  { name: 'baseline: lit ReactiveElement alone', ...reactiveElement },
  { name: 'same element on LitElement (not shipped)', ...onLit },
];
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(
  '| bundle | min B | gzip B | gzip KB | vs ReactiveElement | goal | max (CI) |\n|---|---:|---:|---:|---:|---:|---:|',
);
let over = false;
for (const row of rows) {
  const budget = budgets[row.key];
  let goal = '';
  let max = '';
  if (budget) {
    goal = `${kb(budget.goal)} ${row.gzip <= budget.goal ? 'met' : `missed by ${row.gzip - budget.goal} B`}`;
    max = `${budget.max} ${row.gzip <= budget.max ? 'ok' : 'OVER'}`;
    over ||= row.gzip > budget.max;
  }
  console.log(
    `| ${row.name} | ${row.min} | ${row.gzip} | ${kb(row.gzip)} | ${(row.gzip / reactiveElement.gzip).toFixed(2)}× | ${goal} | ${max} |`,
  );
}

// Each module alone, minified (imports left out), to show where the bytes are; the chunk's apart (a few small
// helpers are in both files).
const chunk = await esbuild.build({ ...cdnChunkBuildOptions, write: false, metafile: true, logLevel: 'error' });
const modules = [];
for (const [file, { metafile }] of [
  ['main', own],
  ['chunk', chunk],
]) {
  for (const [path, { bytesInOutput }] of Object.entries(Object.values(metafile.outputs)[0].inputs)) {
    if (!bytesInOutput) continue;
    const alone = await build({ entryPoints: [path], bundle: false, plugins: [] });
    modules.push({ module: path, file, minInBundle: bytesInOutput, gzipAlone: alone.gzip });
  }
}
modules.sort((a, b) => a.file.localeCompare(b.file) || b.minInBundle - a.minInBundle);
console.log('\n| own module | file | min B in bundle | gzip B alone |\n|---|---|---:|---:|');
for (const { module, file, minInBundle, gzipAlone } of modules)
  console.log(`| ${module} | ${file} | ${minInBundle} | ${gzipAlone} |`);

const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) {
  const figures = Object.fromEntries(rows.map(({ name, min, gzip: gz }) => [name, { min, gzip: gz }]));
  writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify({ figures, modules, budgets }, null, 2)}\n`);
}
if (over) {
  console.error('\nsize budget exceeded: see size-budget.json');
  process.exit(1);
}
