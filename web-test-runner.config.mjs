// Browser tests in headless Debian Chromium (no browser download). TypeScript through esbuild.
// The widget simulator (src/simulator/) is reached through another host name (127.0.0.1 vs localhost):
// same server, different origin.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { chromeArgs, findChrome } from './scripts/find-chrome.mjs';

/** Prints a plain "N passed, N failed" line as the last line of the run, for CI logs. */
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
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // a test file that failed to load or threw outside a test
        if (!session.passed && session.errors?.length) totals.failed++;
      }
      const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
      // wtr's terminal owns stdout until the process exits
      process.once('exit', () => process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}\n`));
    },
  };
}

/** The simulator's pages ask for the built names (adapter.js, widget.js); serve them from the TypeScript sources. */
function simulatorSources(context, next) {
  if (/^\/src\/simulator\/[\w-]+\.js$/.test(context.path)) context.path = context.path.replace(/\.js$/, '.ts');
  return next();
}

/** `/test/hang/*` answers only after 5 s, with a 404: a script host that does not respond in time. */
async function hangingScripts(context, next) {
  if (!context.path.startsWith('/test/hang/')) return next();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  context.status = 404;
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  middleware: [simulatorSources, hangingScripts],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  reporters: [defaultReporter(), summaryLineReporter()],
  testFramework: { config: { timeout: 8000 } },
  coverageConfig: { include: ['src/**/*.ts'], reportDir: 'coverage' },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChrome(),
        headless: true,
        args: chromeArgs,
      },
    }),
  ],
};
