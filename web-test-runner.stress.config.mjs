// `npm run stress`: test/stress/*.run.ts with the same browser and server set-up as the tests, collecting one row
// per figure from the browser and printing them as a table. Exits 1 when any bad-outcome column is not 0.
// The browser's console output (thousands of lines of expected failures) goes to stress-logs/browser.log; the
// terminal gets the table, and for a failure the test's own error.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import base from './web-test-runner.config.mjs';

const BROWSER_LOG = 'stress-logs/browser.log';
mkdirSync('stress-logs', { recursive: true });
writeFileSync(BROWSER_LOG, '');
let browserLines = 0;
/** Writes a browser console line to the log file instead of the terminal. */
function toLogFile({ type, args }) {
  browserLines++;
  appendFileSync(
    BROWSER_LOG,
    `${type}: ${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}\n`,
  );
  return false;
}

/** Columns where anything but 0 is a failure. */
const BAD = [
  'undelivered',
  'events',
  'uncaught',
  'polluted',
  'broken',
  'leaked',
  'duplicated',
  'missing',
  'late',
  'tokens',
  'listeners',
  'timers',
  'frames',
];
const COLUMNS = ['fuzzed', 'spoofs', 'faults', 'reloads', 'cycles', 'expected', 'received', ...BAD, 'scripts'];
/** Every run must report: a test that throws sends no row, and a missing row is a failure, not a pass. */
const EXPECTED_ROWS = [
  'fuzz (seed 1)',
  'fuzz (seed 20261125)',
  'fuzz (seed 4242)',
  'spoofing (5 windows)',
  'faults (seed 1)',
  'faults (seed 20261125)',
  'reloads under traffic',
  'mount/unmount cycles',
];
const rows = [];

function printTable() {
  const used = COLUMNS.filter((column) => rows.some((row) => column in row));
  const cells = [
    ['', ...used],
    ...rows.map((row) => [row.name, ...used.map((column) => (column in row ? String(row[column]) : ''))]),
  ];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  const line = (values) =>
    values.map((value, i) => (i ? value.padStart(widths[i]) : value.padEnd(widths[i]))).join('  ');
  const bad = rows.filter((row) => BAD.some((column) => row[column] !== undefined && row[column] !== 0));
  const scriptsOk = rows.every((row) => row.scripts === undefined || row.scripts === 1);
  const expectedOk = rows.every((row) => row.expected === undefined || row.expected === row.received);
  process.stdout.write(`\nstress (bad-outcome columns: ${BAD.join(', ')})\n${cells.map(line).join('\n')}\n`);
  const missing = EXPECTED_ROWS.filter((name) => !rows.some((row) => row.name === name));
  const ok = missing.length === 0 && bad.length === 0 && scriptsOk && expectedOk;
  const why = [...bad.map((row) => row.name), ...missing.map((name) => `${name}: no figures (the run failed)`)].join(
    '; ',
  );
  process.stdout.write(`browser console: ${browserLines} lines in ${BROWSER_LOG}\n`);
  process.stdout.write(ok ? 'stress: every bad-outcome column is 0\n' : `stress: FAILED (${why || 'see the table'})\n`);
  if (!ok) process.exitCode = 1;
}

export default {
  ...base,
  files: ['test/stress/*.run.ts'],
  concurrency: 1,
  filterBrowserLogs: toLogFile,
  testFramework: { config: { timeout: 600_000 } },
  testsFinishTimeout: 1_800_000,
  plugins: [
    ...base.plugins,
    {
      name: 'stress-rows',
      executeCommand({ command, payload }) {
        if (command !== 'stress-row') return undefined;
        rows.push(payload);
        return true;
      },
    },
  ],
  reporters: [...base.reporters, { stop: () => process.once('exit', printTable) }],
};
