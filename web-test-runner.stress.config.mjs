// `npm run stress`: test/stress/*.run.ts with the same browser and server set-up as the tests, collecting one row
// per figure from the browser and printing them as a table. Exits 1 when any bad-outcome column is not 0.
import base from './web-test-runner.config.mjs';

/** Columns where anything but 0 is a failure. */
const BAD = ['events', 'uncaught', 'polluted', 'broken', 'leaked', 'duplicated', 'missing', 'late', 'tokens', 'leaks'];
const COLUMNS = ['fuzzed', 'spoofs', 'faults', 'reloads', 'cycles', 'expected', 'received', ...BAD, 'scripts'];
const rows = [];

function printTable() {
  const used = COLUMNS.filter((column) => rows.some((row) => column in row));
  const cells = [['', ...used], ...rows.map((row) => [row.name, ...used.map((column) => (column in row ? String(row[column]) : ''))])];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  const line = (values) => values.map((value, i) => (i ? value.padStart(widths[i]) : value.padEnd(widths[i]))).join('  ');
  const bad = rows.filter((row) => BAD.some((column) => row[column] !== undefined && row[column] !== 0));
  const scriptsOk = rows.every((row) => row.scripts === undefined || row.scripts === 1);
  const expectedOk = rows.every((row) => row.expected === undefined || row.expected === row.received);
  process.stdout.write(`\nstress (bad-outcome columns: ${BAD.join(', ')})\n${cells.map(line).join('\n')}\n`);
  const ok = rows.length > 0 && bad.length === 0 && scriptsOk && expectedOk;
  process.stdout.write(ok ? 'stress: every bad-outcome column is 0\n' : `stress: FAILED (${bad.map((row) => row.name).join(', ') || 'see the table'})\n`);
  if (!ok) process.exitCode = 1;
}

export default {
  ...base,
  files: ['test/stress/*.run.ts'],
  concurrency: 1,
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
  reporters: [
    ...base.reporters,
    { stop: () => process.once('exit', printTable) },
  ],
};
