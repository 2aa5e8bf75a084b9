// `npm run test:soak`: runs the browser suite (or `npm run stress`) again and again while busy-looping processes
// load every core, and prints each run's pass count and duration, then a summary. Proof that the suite is
// deterministic on a busy machine; CI does not run it. Exits 1 when any run failed.
//   --runs N       runs (default 10)
//   --load N       busy-looping processes (default 2, one per core here)
//   --stress       run `npm run stress` instead of the browser suite
// Each run's full output goes to soak-logs/<n>.log (ignored by git).
import { spawn } from 'node:child_process';
import { mkdirSync, createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    load: { type: 'string', default: '2' },
    stress: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const load = Number(values.load);
const [command, args, passed] = values.stress
  ? ['npx', ['wtr', '--config', 'web-test-runner.stress.config.mjs'], /^stress: every bad-outcome column is 0$/m]
  : ['npx', ['wtr'], /^tests: \d+ passed, 0 failed/m];

mkdirSync('soak-logs', { recursive: true });
const busy = Array.from({ length: load }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoad = () => busy.forEach((child) => child.kill('SIGKILL'));
process.on('exit', stopLoad);
process.on('SIGINT', () => process.exit(130));

/** Runs the command once, its output to `log`; resolves with its exit code and duration. */
function runOnce(log) {
  return new Promise((resolve) => {
    const started = performance.now();
    const out = createWriteStream(log);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('exit', (code) => out.end(() => resolve({ code, seconds: (performance.now() - started) / 1000 })));
  });
}

const what = values.stress ? 'npm run stress' : 'the browser suite';
console.log(`soak: ${what}, ${runs} runs, ${load} busy-looping processes`);
const results = [];
for (let run = 1; run <= runs; run++) {
  const log = `soak-logs/${run}.log`;
  const { code, seconds } = await runOnce(log);
  const output = readFileSync(log, 'utf8');
  const ok = code === 0 && passed.test(output);
  const summary =
    output.match(/^tests: .*$/m)?.[0] ?? output.match(/^stress: .*$/m)?.[0] ?? `exit code ${code}, no summary line`;
  results.push({ ok, seconds });
  console.log(
    `  run ${run}: ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s (${summary})${ok ? '' : `, see ${log}`}`,
  );
  if (!ok)
    for (const line of output
      .split('\n')
      .filter((l) => /❌|Error:|FAILED/.test(l))
      .slice(0, 10))
      console.log(`      ${line.trim()}`);
}
stopLoad();

const times = results.map((r) => r.seconds).sort((a, b) => a - b);
const median =
  times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
const good = results.filter((r) => r.ok).length;
console.log(
  `soak: ${good} of ${runs} passed; duration median ${median.toFixed(1)} s, min ${times[0].toFixed(1)} s, max ${times.at(-1).toFixed(1)} s`,
);
process.exitCode = good === runs ? 0 : 1;
