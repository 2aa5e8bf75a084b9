// The engines the browser suite runs in, all from Debian packages, none downloaded:
//   chromium  Debian's chromium, through puppeteer-core (the default: `npm test`)
//   firefox   Debian's firefox-esr, through puppeteer-core over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser (the Safari engine family), through webkit2gtk-driver, in a private Xvfb
// BROWSERS=firefox,webkit (or "all") picks others; `npm run test:browsers` runs all three, as CI does.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { chromeArgs, findChrome } from './find-chrome.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engines named by BROWSERS (comma-separated, or "all"); Chromium when unset. */
export function chosenEngines(value = process.env.BROWSERS) {
  const names = !value ? ['chromium'] : value.trim() === 'all' ? ENGINES : value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length) throw new Error(`BROWSERS: unknown engine ${unknown.join(', ')}; use ${ENGINES.join(', ')}`);
  return names;
}

/** A wtr launcher per engine. */
export function launchers(engines) {
  return engines.map((engine) => ({ chromium, firefox, webkit })[engine]());
}

// A window per test file: a page in a background tab is hidden, has no focus and gets throttled timers.
const ownWindow = ({ context }) => context.newPage({ type: 'window' });

function chromium() {
  const executablePath = findChrome();
  if (!executablePath) throw new Error('No Chromium: apt-get install chromium, or set CHROME_PATH');
  return chromeLauncher({
    launchOptions: { executablePath, headless: true, args: chromeArgs },
    createPage: ownWindow,
  });
}

function firefox() {
  if (!existsSync(FIREFOX))
    throw new Error(`No Firefox at ${FIREFOX}: apt-get install firefox-esr, or set FIREFOX_PATH`);
  return chromeLauncher({
    // puppeteer-core itself, not wtr's puppeteer launcher, which would download a Firefox
    puppeteer: puppeteerCore,
    launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true },
    createPage: ownWindow,
  });
}

function webkit() {
  for (const file of [WEBKIT_DRIVER, MINIBROWSER])
    if (!existsSync(file)) throw new Error(`No ${file}: apt-get install webkit2gtk-driver xvfb`);
  return new WebKitLauncher();
}

/**
 * WebKitGTK through its WebDriver server, which this launcher starts (with an X server of its own, since
 * MiniBrowser has no headless mode) and stops. One test file at a time, each the top-level page: with several,
 * `@web/test-runner-webdriver` runs them in iframes of one page, where the tests' own frames no longer behave as on
 * a page.
 */
class WebKitLauncher extends WebdriverLauncher {
  concurrency = 1;
  #children = [];

  constructor() {
    super({
      hostname: '127.0.0.1',
      port: 0, // set once the driver runs
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        // classic WebDriver: WebKitGTK's driver does not offer BiDi, which webdriverio asks for by default
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    });
  }

  async initialize(config, testFiles) {
    const display = await this.#start('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24']);
    this.options.port = await freePort();
    await this.#start(WEBKIT_DRIVER, [`--port=${this.options.port}`], { DISPLAY: `:${display}` });
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    for (const child of this.#children.reverse()) child.kill();
  }

  /** Starts `command`; resolves with what it writes to fd 3 (Xvfb: its display) or once it listens on its port. */
  #start(command, args, env = {}) {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    this.#children.push(child);
    process.once('exit', () => child.kill());
    let errors = '';
    child.stderr.on('data', (chunk) => (errors = (errors + chunk).slice(-2000)));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${command} exited (${code}): ${errors}`)));
      if (command === 'Xvfb') child.stdio[3].once('data', (chunk) => resolve(String(chunk).trim()));
      else untilListening(this.options.port).then(resolve, reject);
    });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Resolves once something accepts connections on `port` (the WebDriver server takes a moment to start). */
async function untilListening(port, deadline = Date.now() + 30_000) {
  for (;;) {
    const open = await fetch(`http://127.0.0.1:${port}/status`).then(
      (response) => response.ok,
      () => false,
    );
    if (open) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
