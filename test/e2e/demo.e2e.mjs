// End to end, in headless Debian Chromium driven by playwright-core: the demo exactly as `npm start` serves it,
// the element in a static page, the widget simulator on another origin, clicked through like a user would.
//   1. an inbound call with auto log on: the row appears in the CRM table, the call turns "Logged" in the widget,
//      the recording link arrives;
//   2. auto log off, another call logged by hand with the call's Log button;
//   3. the CRM store fails once: the widget receives the error and shows it on the call; nothing is stored;
//   4. "Clear the CRM": the widget shows the calls unlogged again;
// then the demo at phone size (390 × 844): nothing wider than the window, a call logged, the phone folded away.
// Both sizes are screenshotted, and both are checked for sideways scrolling.
// Then an integrator's set-up: the simulator served by `startSimulator()` on its own port, driven through
// `SimulatorControl`, both from the built package; and `npx rc-call-logger-simulator` through its bin symlink.
// Screenshots go to screenshots/ (ignored by git). Exits 1 on any failure or unexpected console error; a failure
// names the step it happened in, and that step's screenshot is screenshots/failed-<scenario>-<step>.png.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from '../../scripts/find-chrome.mjs';

const started = performance.now();
const server = spawn(process.execPath, ['esbuild.config.mjs', '--serve'], {
  env: { ...process.env, PORT: String(8300 + Math.floor(Math.random() * 500)) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const demoUrl = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const found = String(chunk).match(/http:\/\/\S+\/demo\//);
    if (found) resolve(found[0]);
  });
  server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
});

const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: chromeArgs });
const problems = [];
const passed = [];
const EXPECTED_ERRORS =
  /could not save|Failed to load resource.*favicon|could not load the adapter script http:\/\/127\.0\.0\.1:9\/|ERR_UNSAFE_PORT/;

const mark = (what) => console.log(`  ${((performance.now() - started) / 1000).toFixed(1)} s ${what}`);
const fileName = (text) => text.replace(/\W+/g, '-').replace(/^-|-$/g, '').toLowerCase();

/**
 * Runs one scenario in a page of its own. `run(page, step)` calls `step('what happens next')` before each part, so
 * that a failure says which part it was and the screenshot shows it.
 */
async function scenario(name, run) {
  mark(name);
  let current = 'opening the page';
  const step = (what) => {
    current = what;
    mark(`  ${what}`);
  };
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_ERRORS.test(message.text()))
      problems.push(`${name}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
  try {
    await run(page, step);
    passed.push(name);
  } catch (error) {
    const screenshot = `screenshots/failed-${fileName(name)}-${fileName(current)}.png`;
    problems.push(`${name}, at "${current}": ${error.message.split('\n')[0]} (screenshot: ${screenshot})`);
    await page.screenshot({ path: screenshot }).catch(() => {});
  } finally {
    await page.close();
  }
}

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function fitsSideways(page) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  if (scrollWidth > innerWidth)
    throw new Error(`the page scrolls sideways: ${scrollWidth} px wide in ${innerWidth} px`);
}

mkdirSync('screenshots', { recursive: true });
/** A generous bound for each wait: a busy machine makes the run slower, not red. */
const TIMEOUT = 60_000;

try {
  await scenario('demo', async (page, step) => {
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${demoUrl}?speed=3`);
    const widget = page.frameLocator('#rc-widget-adapter-frame');
    step('the widget registers Acme CRM with auto log on');
    await widget.getByText('Call logging: Acme CRM').waitFor();
    await widget.locator('#auto-log:checked').waitFor();
    step('clearing the CRM');
    // Start from an empty CRM: IndexedDB outlives the page.
    await page.click('#clear');
    await page.locator('#logs td', { hasText: 'No call logged yet' }).waitFor();

    // 1. Auto log: an inbound call goes through its whole life and is logged without a click.
    step('an incoming call is logged automatically');
    await widget.getByRole('button', { name: 'Incoming call' }).click();
    const first = widget.locator('li.call').first();
    const firstId = (await first.getAttribute('id')).slice('call-'.length);
    const firstRow = page.locator(`#log-${firstId}`);
    await firstRow.waitFor();
    await first.locator('.badge', { hasText: /^Logged$/ }).waitFor();
    await firstRow.locator('td', { hasText: 'Call connected' }).waitFor();
    await firstRow.locator('a', { hasText: 'recording' }).waitFor();
    await firstRow.locator('td', { hasText: 'callLogSync' }).waitFor();
    await page.screenshot({ path: 'screenshots/1-auto-logged.png' });

    // 2. By hand: auto log off, an outgoing call, then its Log button.
    step('auto log off: an outgoing call stays unlogged');
    await widget.locator('#auto-log').uncheck();
    await widget.getByRole('button', { name: 'Outgoing call' }).click();
    const second = widget.locator('li.call').first();
    const secondId = (await second.getAttribute('id')).slice('call-'.length);
    await second.locator('.phase', { hasText: 'recording' }).waitFor();
    if (await page.locator(`#log-${secondId}`).count()) throw new Error('a call was logged with auto log off');
    step('the outgoing call logged by hand');
    await second.getByRole('button', { name: 'Log to Acme CRM' }).click();
    await page.locator(`#log-${secondId} td`, { hasText: 'createLog' }).waitFor();
    await second.locator('.badge', { hasText: /^Logged$/ }).waitFor();
    await second.getByRole('button', { name: 'Edit log' }).waitFor();
    await page.screenshot({ path: 'screenshots/2-logged-by-hand.png' });

    // 3. The store fails once: the widget gets the error, shows it on the call, and nothing is stored.
    step('a failed save shows in the widget');
    await page.check('#fail');
    // A past call: already synced, so no later update of the widget's own (a sync of a call with a failed line is
    // sent to the page, a retry) can log it before the second click below.
    await widget.getByRole('button', { name: 'Past call' }).click();
    const third = widget.locator('li.call').first();
    const thirdId = (await third.getAttribute('id')).slice('call-'.length);
    await third.getByRole('button', { name: 'Log to Acme CRM' }).click();
    await third.locator('.status.failed', { hasText: 'could not save' }).waitFor();
    await widget
      .locator('#wire pre', { hasText: '"message": "Acme CRM could not save the call log"' })
      .first()
      .waitFor({ state: 'attached' });
    if (await page.locator(`#log-${thirdId}`).count()) throw new Error('the failed save was stored anyway');
    if (await page.isChecked('#fail')) throw new Error('the failure switch did not reset after one failure');
    await page.screenshot({ path: 'screenshots/3-failure-in-widget.png' });

    // The next try succeeds and clears the failure.
    step('the next try logs the call and clears the failure');
    await third.getByRole('button', { name: 'Log to Acme CRM' }).click();
    await page.locator(`#log-${thirdId}`).waitFor();
    await third.locator('.badge', { hasText: /^Logged$/ }).waitFor();
    if (await third.locator('.status.failed').count())
      throw new Error('the failed status stayed after a successful log');
    const rows = await page.locator('#logs tr[id^="log-"]').count();
    if (rows !== 3) throw new Error(`expected 3 stored calls, found ${rows}`);
    await fitsSideways(page);
    // The viewport, not the full page: a full-page capture leaves the widget's cross-origin frame unpainted.
    await page.screenshot({ path: 'screenshots/4-desktop.png' });

    // 4. Clearing the CRM: the widget asks again and shows the calls unlogged.
    step('clearing the CRM makes the widget show the calls unlogged');
    await page.click('#clear');
    await third.locator('.badge', { hasText: /^Logged$/ }).waitFor({ state: 'detached' });
    await first.locator('.badge', { hasText: /^Logged$/ }).waitFor({ state: 'detached' });
  });

  await scenario('demo at phone size', async (page, step) => {
    page.setDefaultTimeout(TIMEOUT);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demoUrl}?speed=3`);
    const widget = page.frameLocator('#rc-widget-adapter-frame');
    step('the page says what runs once the widget is up');
    await page.locator('#mode', { hasText: 'Running against the widget simulator' }).waitFor();
    await fitsSideways(page);
    await page.screenshot({ path: 'screenshots/5-phone.png' });
    step('a call logged at phone size; the table scrolls in its box, not the page');
    await widget.getByRole('button', { name: 'Incoming call' }).click();
    const call = widget.locator('li.call').first();
    const id = (await call.getAttribute('id')).slice('call-'.length);
    await page.locator(`#log-${id}`).waitFor();
    await call.locator('.badge', { hasText: /^Logged$/ }).waitFor();
    await fitsSideways(page);
    await page.screenshot({ path: 'screenshots/6-phone-logged.png' });
    step('the phone folds away and comes back');
    await page.click('#toggle-phone');
    await page.waitForFunction(() => document.getElementById('rc-widget').getBoundingClientRect().top >= innerHeight);
    await page.screenshot({ path: 'screenshots/7-phone-folded.png' });
    await page.click('#toggle-phone');
    await page.waitForFunction(
      () => document.getElementById('rc-widget').getBoundingClientRect().bottom <= innerHeight,
    );
  });

  await scenario('demo with an unreachable widget', async (page, step) => {
    page.setDefaultTimeout(TIMEOUT);
    // Port 9 is one the browser refuses to connect to: the load fails at once, on any machine.
    step('a client id and an adapter that cannot load: the page says it could not start, never that it runs');
    await page.goto(`${demoUrl}?clientId=not-a-real-id&adapter=${encodeURIComponent('http://127.0.0.1:9/adapter.js')}`);
    await page.locator('#mode.failed', { hasText: 'could not start' }).waitFor();
    if ((await page.textContent('#mode')).includes('Running against'))
      throw new Error('the page claims the widget runs');
  });

  await scenario('integrator', async (page, step) => {
    page.setDefaultTimeout(TIMEOUT);
    step('starting the simulator with startSimulator()');
    const { startSimulator } = await import('../../dist/simulator/server.js');
    const simulator = await startSimulator();
    try {
      step('a call logged through SimulatorControl on the integrator page');
      const origin = new URL(demoUrl).origin;
      await page.goto(
        `${origin}/test/e2e/integrator.html?adapter=${encodeURIComponent(`${simulator.adapterUrl}?speed=5`)}`,
      );
      const result = await page
        .waitForFunction(() => window.result, null, { timeout: TIMEOUT })
        .then((handle) => handle.jsonValue());
      if (result.error) throw new Error(result.error);
      const { logged, triggers } = result;
      if (!logged) throw new Error('the call did not turn logged');
      const expected = ['presenceUpdate', 'presenceUpdate', 'presenceUpdate', 'callLogSync', 'callLogSync'];
      if (JSON.stringify(triggers) !== JSON.stringify(expected)) throw new Error(`unexpected triggers: ${triggers}`);
    } finally {
      await simulator.close();
    }
  });
  await scenario('command line', async (_page, step) => {
    step('npx rc-call-logger-simulator serves adapter.js');
    // As `npx rc-call-logger-simulator` runs it: through a symlink in node_modules/.bin.
    const bin = join(mkdtempSync(join(tmpdir(), 'rc-sim-')), 'rc-call-logger-simulator');
    symlinkSync(resolve('dist/simulator/server.js'), bin);
    step('--help prints the usage and serves nothing; an unknown option is refused');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: TIMEOUT });
    if (help.status !== 0 || !help.stdout.startsWith('Usage: rc-call-logger-simulator'))
      throw new Error(`--help: exit ${help.status}, printed ${JSON.stringify(help.stdout.slice(0, 80))}`);
    const typo = spawnSync(process.execPath, [bin, '--prot', '0'], { encoding: 'utf8', timeout: TIMEOUT });
    if (typo.status !== 1 || !typo.stderr.includes('unknown option --prot'))
      throw new Error(`--prot: exit ${typo.status}, printed ${JSON.stringify(typo.stderr.slice(0, 80))}`);
    step('npx rc-call-logger-simulator --port 0 serves adapter.js');
    const cli = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const origin = await new Promise((found, fail) => {
        cli.stdout.on('data', (chunk) => {
          const match = String(chunk).match(/simulator: (http:\/\/\S+)/);
          if (match) found(match[1]);
        });
        cli.on('exit', (code) => fail(new Error(`the command exited with ${code} before serving`)));
      });
      const response = await fetch(`${origin}/adapter.js`);
      if (!response.ok || !(await response.text()).includes('RCAdapterInit'))
        throw new Error('the command does not serve adapter.js');
    } finally {
      cli.kill();
    }
  });
} finally {
  await browser.close();
  server.kill();
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.error(`e2e FAILED (${seconds} s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`e2e: ${passed.length} passed (${passed.join(', ')}) in ${seconds} s; screenshots in screenshots/`);
// Everything started above is closed; a handle that still holds the process open is a leak to name, not to wait on.
setTimeout(() => {
  console.error(`e2e: still running 10 s after the end, held by ${process.getActiveResourcesInfo().join(', ')}`);
  process.exit(1);
}, 10_000).unref();
