// `npm run test:types` (CI, after the build): each framework's snippet in docs/frameworks.md, kept in
// test/types/<framework>/, type-checks with that framework's own checker against the built typings (the fixtures
// import `rc-call-logger/<framework>`, which resolves to dist/ through package.json's `exports`). Each fixture
// directory also holds what the checker must refuse, marked as expected errors: a typing that lets it through
// fails the check as surely as one that refuses the snippet.
import { spawnSync } from 'node:child_process';

const checks = [
  ['Vue (vue-tsc)', 'vue-tsc', ['-p', 'test/types/vue/tsconfig.json']],
  [
    'Svelte 5 (svelte-check)',
    'svelte-check',
    ['--workspace', 'test/types/svelte', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human'],
  ],
  ['Preact (tsc, jsxImportSource preact)', 'tsc', ['-p', 'test/types/preact/tsconfig.json']],
  ['Solid (tsc, jsxImportSource solid-js)', 'tsc', ['-p', 'test/types/solid/tsconfig.json']],
  ['React 19 (tsc)', 'tsc', ['-p', 'test/types/react/tsconfig.json']],
  ['React 18 (tsc, @types/react 18)', 'tsc', ['-p', 'test/types/react/tsconfig.react18.json']],
];

let failed = 0;
for (const [name, command, args] of checks) {
  const started = Date.now();
  const result = spawnSync('npx', ['--no-install', command, ...args], { encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`ok: ${name} (${seconds} s)`);
  } else {
    failed++;
    console.log(`FAILED: ${name} (${seconds} s)\n${result.stdout}${result.stderr}`);
  }
}
console.log(`types: ${checks.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
