// Server renderers (Next.js, Angular SSR, SvelteKit, Nuxt) import the package's modules in Node, where there is no
// DOM: every module entry point of the built package must load there, and must not create the `window` or
// `document` that server code tests to know it runs in a browser. Each import runs in a fresh Node process, as a
// server would load it, through the package's own `exports` map (built by `npm run build`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
/**
 * The subpaths that are modules (with types), not files to serve; less the simulator's server (Node only) and the
 * CDN file, the standalone browser build for a `<script type="module">` (Lit's browser build inlined).
 */
const BROWSER_OR_NODE_ONLY = ['./simulator/server', './cdn'];
const modules = Object.entries(pkg.exports)
  .filter(([subpath, target]) => typeof target === 'object' && !BROWSER_OR_NODE_ONLY.includes(subpath))
  .map(([subpath]) => `${pkg.name}${subpath.slice(1)}`);

describe('the package imported on a server (Node, no DOM)', () => {
  it('has module entry points to check', () => {
    assert.ok(modules.includes(`${pkg.name}/react`) && modules.length > 8, String(modules));
  });

  for (const specifier of modules) {
    it(`loads ${specifier} without touching or creating browser globals`, () => {
      const script = `await import(${JSON.stringify(specifier)});
        console.log(JSON.stringify({ window: typeof window, document: typeof document }));`;
      let output;
      try {
        output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        const reason = error.stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? error.stderr;
        assert.fail(`importing ${specifier} in Node throws: ${reason}`);
      }
      assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)), { window: 'undefined', document: 'undefined' });
    });
  }
});
