import { afterEach } from 'node:test';
import type { Settings } from '../../src/settings.js';

/**
 * The page as far as the pure modules use it, for unit tests in Node: a `window` that is an EventTarget, a
 * `document.baseURI`, `reportError`, and widget frames whose windows record what is posted to them. No browser, no
 * widget: a test delivers the widget's messages itself and reads the replies off the frame.
 */

/** What a frame's window received from the page. */
export interface Posted {
  message: unknown;
  targetOrigin: string;
}

/** A frame's window: `postMessage` clones like the platform (so uncloneable answers throw) and records. */
export class StubWindow {
  readonly posted: Posted[] = [];
  #waiting: Array<() => void> = [];

  postMessage(message: unknown, targetOrigin: string): void {
    this.posted.push({ message: structuredClone(message), targetOrigin });
    for (const wake of this.#waiting.splice(0)) wake();
  }

  /** Resolves once `count` messages in all have been posted here. */
  async untilPosted(count: number): Promise<Posted[]> {
    while (this.posted.length < count) await new Promise<void>((wake) => this.#waiting.push(wake));
    return this.posted;
  }
}

/**
 * A widget frame: its `src` gives the widget's origin, its window receives what the page posts. It has loaded its
 * `src` already (connected, its document not readable from the page); a `load` event means it navigated again.
 */
export class StubFrame extends EventTarget {
  contentWindow: StubWindow | null = new StubWindow();
  readonly isConnected = true;
  readonly contentDocument = null;
  constructor(readonly src = 'https://widget.example/app.html') {
    super();
  }

  get window(): StubWindow {
    return this.contentWindow!;
  }
}

/** Errors the page reported with `reportError()`. */
export const reported: unknown[] = [];

/** Installs the stub page's globals; call once per test file, before using the modules. */
export function installPage(baseURI = 'https://crm.example/'): void {
  Object.assign(globalThis, {
    window: new EventTarget(),
    document: { baseURI },
    reportError: (error: unknown) => reported.push(error),
  });
}

/** Delivers `data` to the page's window as a `message` event from `source` at `origin`. */
export function deliver(data: unknown, { source, origin }: { source: unknown; origin: string }): void {
  window.dispatchEvent(Object.assign(new Event('message'), { data, source, origin }));
}

/** The element's defaults, named "Acme CRM", with `overrides`: what the settings-driven modules read. */
export const settingsWith = (overrides: Partial<Settings> = {}): Settings => ({
  adapterSrc: 'https://apps.ringcentral.com/adapter.js',
  autoLog: false,
  serviceName: 'Acme CRM',
  loggerPath: '/callLogger',
  matcherPath: '/callLogger/match',
  recordingWithToken: false,
  showLogModal: false,
  hideEditLogButton: false,
  autoLogReadOnly: false,
  autoLogHidden: false,
  backfill: false,
  responseTimeout: 10_000,
  adapterTimeout: 30_000,
  bootTimeout: 30_000,
  endpointCredentials: 'same-origin',
  outbox: false,
  retryFor: 86_400_000,
  service: {},
  adapterOptions: {},
  ...overrides,
});

/**
 * Captures what the modules print with `console.error` in this test file; the list empties after each test.
 * Call once per file, at its top level.
 */
export function capturePrinted(): string[] {
  const printed: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => printed.push(args.join(' '));
  afterEach(() => {
    printed.length = 0;
  });
  process.on('exit', () => (console.error = consoleError));
  return printed;
}
