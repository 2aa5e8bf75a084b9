import type { PropertyValues } from '@lit/reactive-element';
import { trustedAdapterOrigins } from './adapter-loader.js';
import type { LogPage } from './call-model.js';
import { RcCallLoggerError } from './errors.js';
import {
  DEFAULT_ADAPTER_TIMEOUT,
  DEFAULT_BOOT_TIMEOUT,
  DEFAULT_RESPONSE_TIMEOUT,
  DEFAULT_RETRY_FOR,
  isValidTimeout,
} from './limits.js';
import { loadDelivery } from './load-delivery.js';
import type { OutboxEntry } from './outbox.js';
import { autoLogMessage, logPageMessage, navigateMessage, rematchMessage } from './protocol.js';
import { RcCallLoggerSettings, attributeName } from './settings.js';
import { WidgetConnection } from './widget-connection.js';

/** The element takes no room in any layout, flex and grid gaps included. */
let hostStyle: CSSStyleSheet | undefined;

const wrongArgument = (message: string) => new TypeError(`rc-call-logger: ${message}`);

/** The timeout settings and the value used while one is invalid. */
const TIMEOUTS = [
  ['responseTimeout', DEFAULT_RESPONSE_TIMEOUT],
  ['adapterTimeout', DEFAULT_ADAPTER_TIMEOUT],
  ['bootTimeout', DEFAULT_BOOT_TIMEOUT],
  ['retryFor', DEFAULT_RETRY_FOR],
] as const;

/**
 * Logs RingCentral Embeddable calls into your service: loads the widget, registers your service with it, and
 * turns its requests into `call-log` / `call-match` events that you answer with `event.respondWith()`.
 *
 * @summary Secure call-logging bridge to RingCentral Embeddable.
 * @tag rc-call-logger
 * @cssState ready - The widget booted and the service is registered.
 * @cssState logged-in - A user is logged in to the widget.
 * @cssState auto-log - "Auto log calls" is on.
 */
export class RcCallLoggerElement extends RcCallLoggerSettings {
  /**
   * Under Trusted Types, lets the adapter script come from `origin` as well as from RingCentral's hosted builds.
   * Call it from script (an attribute cannot): for a self-hosted adapter, or the simulator in tests.
   */
  static trustAdapterOrigin(origin: string): void {
    const { protocol, origin: normalised } = new URL(origin);
    if (protocol !== 'https:' && protocol !== 'http:')
      throw new TypeError(`rc-call-logger: ${origin} is not an http(s) origin`);
    trustedAdapterOrigins.add(normalised);
  }

  /** Defines the element as `tag` in `registry`; warns instead of throwing when another class has the tag. */
  static define(tag = 'rc-call-logger', registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(tag);
    if (existing === this) return;
    if (existing) {
      console.warn(`rc-call-logger: <${tag}> is already defined by another class; leaving it as it is.`);
      return;
    }
    registry.define(tag, this);
  }

  readonly #connection = new WidgetConnection(this, this.attachInternals().states);

  /** The widget booted and the service is registered. Also `:state(ready)`. */
  get ready(): boolean {
    return this.#connection.status.ready;
  }

  /** A user is logged in to the widget. Also `:state(logged-in)`. */
  get loggedIn(): boolean {
    return this.#connection.status.loggedIn;
  }

  /** The widget's "Auto log calls" setting; undefined until the widget reports it (once logged in). */
  get autoLogEnabled(): boolean | undefined {
    return this.#connection.status.autoLog;
  }

  /** Asks the widget to match these calls again, bypassing its 2-hour cache (unknown IDs are ignored by it). */
  async refreshMatches(sessionIds: readonly string[]): Promise<void> {
    if (!Array.isArray(sessionIds) || !sessionIds.every((id) => typeof id === 'string')) {
      throw wrongArgument('refreshMatches() takes an array of session IDs');
    }
    await this.#connection.post('ready', rematchMessage([...sessionIds]));
  }

  /** Turns the widget's "Auto log calls" on or off. Waits until the widget's call logger is ready (a user logged in). */
  async setAutoLog(enabled: boolean): Promise<void> {
    if (typeof enabled !== 'boolean') throw wrongArgument('setAutoLog() takes true or false');
    await this.#connection.post('auto-log', autoLogMessage(enabled));
  }

  /** Opens the widget's log page for a call (your form from `setLogPage()`, or the widget's default one). */
  async openLogPage(sessionId: string): Promise<void> {
    if (typeof sessionId !== 'string' || sessionId === '') throw wrongArgument('openLogPage() takes a session ID');
    await this.#connection.post('ready', navigateMessage(`/log/call/${encodeURIComponent(sessionId)}`));
  }

  /** Replaces the widget's log form, shared by all calls (JSON Schema + uiSchema). */
  async setLogPage(page: LogPage): Promise<void> {
    if (typeof page !== 'object' || page === null || typeof page.schema !== 'object' || page.schema === null) {
      throw wrongArgument('setLogPage() takes { title, schema, uiSchema, formData } with a schema object');
    }
    await this.#connection.post('ready', logPageMessage(page));
  }

  /** Registers the service now (it is also registered on every widget load and login, and on config changes). */
  async register(): Promise<void> {
    await this.#connection.register();
  }

  /** The failed call logs waiting in the outbox (`outbox`), oldest first. */
  async readOutbox(): Promise<OutboxEntry[]> {
    return (await loadDelivery()).readEntries();
  }

  /** Sends every call log in the outbox now, without waiting for its backoff; resolves when each was tried once. */
  async retryOutbox(): Promise<void> {
    await (await this.#connection.retry)?.drain(true);
  }

  /** Empties the outbox: its call logs are not sent; the widget shows them as not logged. */
  async clearOutbox(): Promise<void> {
    const retry = await this.#connection.retry;
    if (retry) await retry.clear();
    else await (await loadDelivery()).clearEntries();
  }

  /**
   * Removes the page's widget now, even during a call, instead of keeping it for the next page's element or until
   * the call ends: for a logout page. The element starts a new widget when it is connected again.
   */
  async disposeWidget(): Promise<void> {
    await this.#connection.disposeWidget();
  }

  /**
   * A constructed sheet, as Lit adopts its own: no `css` tag (about 180 B of the CDN file), and created on first
   * connect, so importing the module needs no DOM.
   */
  protected override createRenderRoot(): ShadowRoot {
    const root = super.createRenderRoot() as ShadowRoot;
    if (!hostStyle) {
      hostStyle = new CSSStyleSheet();
      hostStyle.replaceSync(':host{display:none!important}');
    }
    root.adoptedStyleSheets = [hostStyle];
    return root;
  }

  protected override updated(changed: PropertyValues<this>): void {
    for (const [name, fallback] of TIMEOUTS) {
      if (!changed.has(name) || isValidTimeout(this[name])) continue;
      const message = `${attributeName(name)} must be a positive number of milliseconds; using ${fallback}`;
      this.#connection.report(new RcCallLoggerError('invalid-config', message));
    }
    // Checked when they (or the credentials that decide which origins they may be on) change, not on every update.
    const recheck = changed.has('endpointCredentials');
    const endpoints = (['log-url', 'match-url'] as const).filter((name) =>
      name === 'log-url'
        ? this.logUrl && (recheck || changed.has('logUrl'))
        : this.matchUrl && (recheck || changed.has('matchUrl')),
    );
    // Setting one loads the endpoints' code now, so that the first call log does not wait for it.
    if (endpoints.length)
      void loadDelivery().then(
        ({ endpointUrl }) => {
          for (const setting of endpoints) {
            try {
              const problem = endpointUrl(setting, this);
              if (typeof problem === 'string') throw new RcCallLoggerError('invalid-config', problem);
            } catch (error) {
              this.#connection.report(error);
            }
          }
        },
        (error: unknown) => this.#connection.report(error),
      );
    this.#connection.settingsChanged();
  }
}
