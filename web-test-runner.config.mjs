// Browser tests in Debian's Chromium (no browser download); BROWSERS=firefox,webkit or "all" for the other engines
// (scripts/browsers.mjs). TypeScript through esbuild.
// The widget simulator (src/simulator/) is reached through another host name (127.0.0.1 vs localhost):
// same server, different origin.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { hostname, networkInterfaces } from 'node:os';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { CDN_CHUNK, CDN_FILE, cdnBuildOptions, cdnChunkBuildOptions } from './scripts/cdn-build-options.mjs';
import { chosenEngines, launchers } from './scripts/browsers.mjs';
import { createCallStore } from './examples/crm-server.mjs';

/**
 * Prints, for CI logs, a line per engine with its counts and how long its test files took, then a plain
 * "N passed, N failed" line for the whole run as the last line.
 */
function summaryLineReporter() {
  const count = (suite, totals) => {
    if (!suite) return totals;
    for (const test of suite.tests) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite.suites) count(child, totals);
    return totals;
  };
  const line = ({ passed, failed, skipped }) =>
    `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  // per engine: when its first test file started and its last one changed state
  const spans = new Map();
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', ({ browser }) => {
        const span = spans.get(browser) ?? { start: performance.now() };
        spans.set(browser, { ...span, end: performance.now() });
      });
    },
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const perEngine = new Map();
      for (const session of sessions) {
        const engine = perEngine.get(session.browser) ?? { passed: 0, failed: 0, skipped: 0 };
        perEngine.set(session.browser, engine);
        count(session.testResults, engine);
        // a test file that failed to load or threw outside a test
        if (!session.passed && session.errors?.length) engine.failed++;
      }
      const lines = [];
      for (const [browser, engine] of perEngine) {
        for (const key of Object.keys(totals)) totals[key] += engine[key];
        const span = spans.get(browser);
        const took = span ? ` in ${Math.round((span.end - span.start) / 1000)} s` : '';
        if (perEngine.size > 1) lines.push(`${browser.name}: ${line(engine)}${took}`);
      }
      // wtr's terminal owns stdout until the process exits
      process.once('exit', () => process.stdout.write([...lines, `tests: ${line(totals)}`, ''].join('\n')));
    },
  };
}

/** The simulator's pages ask for the built names (adapter.js, widget.js); serve them from the TypeScript sources. */
function simulatorSources(context, next) {
  if (/^\/src\/simulator\/[\w/-]+\.js$/.test(context.path)) context.path = context.path.replace(/\.js$/, '.ts');
  return next();
}

/** `/test/hang/*` answers only after 5 s, with a 404: a script host that does not respond in time. */
async function hangingScripts(context, next) {
  if (!context.path.startsWith('/test/hang/')) return next();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  context.status = 404;
}

/**
 * `/test/insecure-origin`: an origin of this server that is not a secure context (plain http, a host other than
 * localhost or a loopback address): the machine's own name when it resolves, else its first outside address.
 */
async function insecureOrigin(context, next) {
  if (context.path !== '/test/insecure-origin') return next();
  const resolves = await lookup(hostname()).then(
    () => true,
    () => false,
  );
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry.family === 'IPv4' && !entry.internal)?.address;
  const host = resolves && hostname() !== 'localhost' ? hostname() : address;
  context.type = 'json';
  context.body = JSON.stringify({ origin: `http://${host}:${new URL(context.href).port}` });
}

/**
 * `/dist/cdn/rc-call-logger.js` and the file it loads for the endpoints and the outbox, built in memory with the
 * options of the CDN build in esbuild.config.mjs (less the source map), so the plain-page tests run on a fresh clone.
 * Answered here, before the dev server's plugins, so they are served as built: no import rewriting, as from a CDN.
 * `/test/held/{key}/` serves them too, but holds that second file until `/test/held/{key}/release` is fetched: a page
 * whose element works while it is still loading.
 */
function cdnBuild() {
  const builds = { [CDN_FILE]: cdnBuildOptions, [CDN_CHUNK]: cdnChunkBuildOptions };
  const releases = new Map();
  const gate = (key) => {
    if (!releases.has(key)) {
      let release;
      releases.set(key, { held: new Promise((resolve) => (release = resolve)), release });
    }
    return releases.get(key);
  };
  return async function cdn(context, next) {
    const [, key, name] = /^(?:\/dist\/cdn|\/test\/held\/(\w+))\/([\w.-]+)$/.exec(context.path) ?? [];
    if (key && name === 'release') {
      gate(key).release();
      context.status = 204;
      return;
    }
    if (!builds[name]) return next();
    if (key && name === CDN_CHUNK) await gate(key).held;
    const { outputFiles } = await esbuild.build({ ...builds[name], write: false });
    context.type = 'js';
    context.body = outputFiles[0].text;
  };
}

/**
 * `/crm/{namespace}/calls…`: the reference CRM server's API (examples/crm-server.mjs), one store per namespace, so a
 * test that picks a random namespace sees only its own calls (test/helpers/crm.ts). Test-only controls beside it:
 * - `POST /crm/{ns}/_control` `{failNext?, status?, csrfToken?, delayMs?, allowOrigin?}`: the next `failNext` log
 *   PUTs answer `status` (default 503) and store nothing, `status: 0` drops the connection (a network error);
 *   `csrfToken` and `allowOrigin` set the store's options; `delayMs` holds every API answer that long.
 * - `GET /crm/{ns}/_records`: `{records, puts}`, every stored record and every log PUT received, in order, as
 *   `{sessionId, triggerType, attempt, status}`.
 */
function crmEndpoints() {
  const namespaces = new Map();
  const readBody = async (req) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  const parse = (raw) => {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return undefined;
    }
  };
  return async function crm(context, next) {
    const found = /^\/crm\/([\w-]+)(\/.*)$/.exec(context.path);
    if (!found) return next();
    const [, name, pathname] = found;
    if (!namespaces.has(name)) {
      namespaces.set(name, { store: createCallStore(), failNext: 0, status: 503, delayMs: 0, puts: [] });
    }
    const crm = namespaces.get(name);

    if (pathname === '/_control' && context.method === 'POST') {
      const { failNext, status, csrfToken, delayMs, allowOrigin } = parse(await readBody(context.req)) ?? {};
      if (failNext !== undefined) Object.assign(crm, { failNext, status: status ?? 503 });
      if (delayMs !== undefined) crm.delayMs = delayMs;
      if (csrfToken !== undefined) crm.store.csrfToken = csrfToken;
      if (allowOrigin !== undefined) crm.store.allowOrigin = allowOrigin;
      context.status = 204;
      return;
    }
    if (pathname === '/_records') {
      context.type = 'json';
      context.body = JSON.stringify({ records: [...crm.store.records.values()], puts: crm.puts });
      return;
    }
    if (pathname.startsWith('/moved/')) {
      // An endpoint that moved: a redirect the element must not follow.
      context.redirect(`/crm/${name}/calls/${pathname.slice('/moved/'.length)}`);
      context.status = 307;
      return;
    }
    if (crm.delayMs) await new Promise((resolve) => setTimeout(resolve, crm.delayMs));
    // The store writes its answers itself, on the raw response.
    context.respond = false;
    if (context.method !== 'PUT' || !pathname.startsWith('/calls/')) {
      if (await crm.store.handle(context.req, context.res, pathname)) return;
      context.respond = true;
      return next();
    }

    // A log: read here, so that the list of PUTs says what arrived even when the store refuses it or it fails.
    const raw = await readBody(context.req);
    const body = parse(raw);
    const put = { sessionId: body?.call?.sessionId, triggerType: body?.triggerType, attempt: body?.attempt };
    crm.puts.push(put);
    if (crm.failNext > 0) {
      crm.failNext--;
      put.status = crm.status;
      // Not a plain close: every engine sends the request again, once, when a reused connection closes without a
      // byte. A status line with no status code and conflicting lengths: each engine refuses one or the other as a
      // broken response (fetch() rejects) and none sends the request again.
      if (crm.status === 0) {
        context.req.socket.end('HTTP/1.1 abc\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
        context.res.statusCode = 502; // for the runner's log, which would call it a 404
      } else {
        context.res.writeHead(crm.status, { 'Content-Type': 'application/json' }).end('{"error":"failNext"}');
      }
      return;
    }
    // The store reads the body from a copy, with the request's method and headers.
    const copy = Object.assign(Readable.from([raw]), { method: context.method, headers: context.req.headers });
    await crm.store.handle(copy, context.res, pathname);
    put.status = context.res.statusCode;
  };
}

/**
 * React ships CommonJS only, which a browser cannot import. Its bare specifiers resolve to `/__cjs/<name>.js`:
 * ESM bundles made by esbuild on first use, split so that react-dom and the tests share one copy of React.
 */
function commonJsPackages(specifiers) {
  const file = (specifier) => `/__cjs/${specifier.replace('/', '-')}.js`;
  let bundles;
  const build = async () => {
    const { outputFiles } = await esbuild.build({
      entryPoints: specifiers.map((specifier) => ({ in: `cjs:${specifier}`, out: basename(file(specifier), '.js') })),
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: '/__cjs',
      write: false,
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [
        {
          name: 'named-exports',
          setup(build) {
            // esbuild cannot see a CommonJS module's export names, so each entry lists them, as Node finds them
            // (in a child process: React's development build would call this one's console, which wtr replaces).
            build.onResolve({ filter: /^cjs:/ }, ({ path }) => ({ path: path.slice(4), namespace: 'cjs' }));
            build.onLoad({ filter: /.*/, namespace: 'cjs' }, ({ path }) => {
              const script = `console.log(Object.keys(require(${JSON.stringify(path)})).join())`;
              const names = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
                .trim()
                .split(',')
                .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
              const contents = `import m from '${path}'; export default m; export const { ${names} } = m;`;
              return { contents, resolveDir: '.' };
            });
          },
        },
      ],
    });
    return new Map(outputFiles.map(({ path, text }) => [`/__cjs/${basename(path)}`, text]));
  };
  return {
    name: 'commonjs-packages',
    resolveImport: ({ source }) => (specifiers.includes(source) ? file(source) : undefined),
    async serve({ path }) {
      if (!path.startsWith('/__cjs/')) return undefined;
      const body = (await (bundles ??= build())).get(path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}

/**
 * `vue` is Vue's browser build, which compiles templates at run time (its default entry cannot). The development
 * one, whose warnings a test can catch.
 */
const vueBrowserBuild = {
  name: 'vue-browser-build',
  resolveImport: ({ source }) => (source === 'vue' ? '/node_modules/vue/dist/vue.esm-browser.js' : undefined),
};

/** Browser logs not worth printing: the libraries' notes about their development builds. */
const quietLogs = /^(Lit is in dev mode|%cDownload the React DevTools|You are running a development build of Vue)/;

const engines = chosenEngines();

export default {
  // The browser suite; test/unit/ runs in Node (npm run test:unit).
  files: ['test/**/*.test.ts', '!test/unit/**'],
  nodeResolve: true,
  middleware: [simulatorSources, hangingScripts, insecureOrigin, cdnBuild(), crmEndpoints()],
  filterBrowserLogs: ({ args }) => !quietLogs.test(String(args[0])),
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    commonJsPackages(['react', 'react-dom/client', 'react-dom/server']),
    vueBrowserBuild,
  ],
  reporters: [defaultReporter(), summaryLineReporter()],
  // The outer bound of a test. The waits inside it (30 s) give up first and say what they waited for.
  testFramework: { config: { timeout: 60_000 } },
  // A whole test file's bound (the hardening file runs long tests): a busy machine makes files slower, not red.
  testsFinishTimeout: 900_000,
  // Test files run side by side: most of a test is waiting for the other origin's frame, not computing. Each engine
  // runs that many (WebKit one: scripts/browsers.mjs); with all three at once, fewer each, on CI's two cores.
  concurrency: engines.length > 1 ? 2 : 4,
  concurrentBrowsers: engines.length,
  // Opening a page takes Firefox longer than 30 s when the machine is busy with three engines.
  browserStartTimeout: 120_000,
  coverageConfig: { include: ['src/**/*.ts'], reportDir: 'coverage' },
  browsers: launchers(engines),
};
