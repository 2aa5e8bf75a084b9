import { ReactiveElement, css, type PropertyValues } from '@lit/reactive-element';
import { DEFAULT_ADAPTER_TIMEOUT, loadAdapter, pageStartedWidget, trustedAdapterOrigins } from './adapter-loader.js';
import { CallRequests, DEFAULT_RESPONSE_TIMEOUT, isValidTimeout, redact } from './call-requests.js';
import {
  adapterInit,
  checkAdapterInit,
  checkedRegistration,
  type AdapterOptionValue,
  type LoggerConfig,
} from './config.js';
import { AutoLogChangeEvent, LoginChangeEvent } from './events.js';
import {
  ADAPTER_STATE,
  AUTO_LOG_STATUS,
  DEFAULT_ADAPTER_SRC,
  HISTORY_SYNCED,
  LOGIN_STATUS,
  NAVIGATE,
  TRIGGER_MATCH,
  UPDATE_AUTO_LOG,
  UPDATE_LOG_PAGE,
  isUnloggedCallsPage,
  registrationMessage,
  type Call,
  type LogPage,
  type WidgetMessage,
} from './protocol.js';
import { WidgetBridge, messageOf } from './widget-bridge.js';

export { DEFAULT_RESPONSE_TIMEOUT };

/** Between answering the last requests and removing the widget frame (measured: one task lost 3 of 40 replies under load). */
const DISPOSE_GRACE = 100;
/** How long methods called before the widget is ready wait for it. */
export const READY_TIMEOUT = 30_000;
/** Back-fill: calls per `/unlogged-calls` page, pages per run, and how long the widget may take per page. */
const BACKFILL_PAGE_SIZE = 50;
const BACKFILL_MAX_PAGES = 20;
const BACKFILL_PAGE_TIMEOUT = 40_000;

/** The element that currently runs the page's one adapter, and the end of the last teardown. */
let adapterOwner: RcCallLoggerElement | undefined;
let adapterReleased: Promise<void> = Promise.resolve();
/** Elements refused because another one owned the adapter; the first still connected takes over when it leaves. */
const waitingForAdapter = new Set<RcCallLoggerElement>();

/** `auto-log-read-only-value`: "true"/"false" (or present/absent) to a boolean, unset when absent. */
const optionalBoolean = {
  fromAttribute: (value: string | null) => (value === null ? undefined : value !== 'false'),
};

/**
 * Logs RingCentral Embeddable calls into your service: loads the widget, registers your service with it, and
 * turns its requests into `call-log` / `call-match` events that you answer with `event.respondWith()`.
 *
 * @summary Secure call-logging bridge to RingCentral Embeddable.
 * @tag rc-call-logger
 * @fires {CallLogEvent} call-log - The widget asks to log a call; answer with `respondWith(value | promise)`.
 * @fires {CallMatchEvent} call-match - The widget asks which calls are logged; answer with `{[sessionId]: entries[]}`.
 * @fires {LogPageInputEvent} log-page-input - A field of the widget's log form changed.
 * @fires {Event} ready - The widget booted and the service is registered (after every widget load).
 * @fires {LoginChangeEvent} login-change - The widget's user logged in or out.
 * @fires {AutoLogChangeEvent} auto-log-change - The "Auto log calls" setting became known or changed.
 * @fires {ErrorEvent} error - Configuration errors and an adapter script that fails to load.
 * @cssState ready - The widget booted and the service is registered.
 * @cssState logged-in - A user is logged in to the widget.
 * @cssState auto-log - "Auto log calls" is on.
 */
export class RcCallLoggerElement extends ReactiveElement implements LoggerConfig {
  static override properties = {
    adapterSrc: { attribute: 'adapter-src' },
    appUrl: { attribute: 'app-url' },
    clientId: { attribute: 'client-id' },
    appServer: { attribute: 'app-server' },
    redirectUri: { attribute: 'redirect-uri' },
    autoLog: { attribute: 'auto-log', type: Boolean },
    serviceName: { attribute: 'service-name' },
    displayName: { attribute: 'display-name' },
    info: {},
    loggerTitle: { attribute: 'logger-title' },
    loggerPath: { attribute: 'logger-path' },
    matcherPath: { attribute: 'matcher-path' },
    logPageInputPath: { attribute: 'log-page-input-path' },
    recordingWithToken: { attribute: 'recording-with-token', type: Boolean },
    showLogModal: { attribute: 'show-log-modal', type: Boolean },
    hideEditLogButton: { attribute: 'hide-edit-log-button', type: Boolean },
    autoLogLabel: { attribute: 'auto-log-label' },
    autoLogDescription: { attribute: 'auto-log-description' },
    autoLogWarning: { attribute: 'auto-log-warning' },
    autoLogReadOnly: { attribute: 'auto-log-read-only', type: Boolean },
    autoLogReadOnlyReason: { attribute: 'auto-log-read-only-reason' },
    autoLogReadOnlyValue: { attribute: 'auto-log-read-only-value', converter: optionalBoolean },
    autoLogHidden: { attribute: 'auto-log-hidden', type: Boolean },
    backfill: { type: Boolean },
    responseTimeout: { attribute: 'response-timeout', type: Number },
    adapterTimeout: { attribute: 'adapter-timeout', type: Number },
    service: { attribute: false },
    adapterOptions: { attribute: false },
  };

  static override styles = css`
    :host {
      display: none !important;
    }
  `;

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

  /** URL of RingCentral Embeddable's `adapter.js`. */
  declare adapterSrc: string;
  /** Where a self-hosted widget's `app.html` lives; the adapter's own default when unset. */
  declare appUrl: string | undefined;
  /** Adapter option `clientId`: your RingCentral app. */
  declare clientId: string | undefined;
  /** Adapter option `appServer`, e.g. the sandbox `https://platform.devtest.ringcentral.com`. */
  declare appServer: string | undefined;
  /** Adapter option `redirectUri`. */
  declare redirectUri: string | undefined;
  /** Initial "Auto log calls" value (the user's stored choice wins afterwards). */
  declare autoLog: boolean;
  /** Your service's name in the widget. Required. */
  declare serviceName: string | undefined;
  /** `service.displayName`: the name shown in the widget. */
  declare displayName: string | undefined;
  /** `service.info`: the description shown in the widget. */
  declare info: string | undefined;
  /** `service.callLoggerTitle`: the Log button's tooltip. */
  declare loggerTitle: string | undefined;
  /** `service.callLoggerPath`: requests on it fire `call-log`. */
  declare loggerPath: string;
  /** `service.callLogEntityMatcherPath`: requests on it fire `call-match`. Empty: no matcher. */
  declare matcherPath: string;
  /** `service.callLogPageInputChangedEventPath`: requests on it fire `log-page-input`. */
  declare logPageInputPath: string | undefined;
  /** `service.recordingWithToken`: recording URLs carry an `access_token`. */
  declare recordingWithToken: boolean;
  /** `service.showLogModal`: the widget opens its log form first and logs on Save. */
  declare showLogModal: boolean;
  /** `service.callLoggerHideEditLogButton`: no Log/Edit button on logged calls. */
  declare hideEditLogButton: boolean;
  /** `service.callLoggerAutoSettingLabel`: the label of "Auto log calls". */
  declare autoLogLabel: string | undefined;
  /** `service.callLoggerAutoSettingDescription`. */
  declare autoLogDescription: string | undefined;
  /** `service.callLoggerAutoSettingWarning`. */
  declare autoLogWarning: string | undefined;
  /** `service.callLoggerAutoSettingReadOnly`: the user cannot change "Auto log calls". */
  declare autoLogReadOnly: boolean;
  /** `service.callLoggerAutoSettingReadOnlyReason`: the locked toggle's tooltip. */
  declare autoLogReadOnlyReason: string | undefined;
  /** With `auto-log-read-only`: the value forced at the widget's next start or login. */
  declare autoLogReadOnlyValue: boolean | undefined;
  /** `service.callLoggerAutoLogSettingHidden`: hides "Auto log calls". */
  declare autoLogHidden: boolean;
  /** Also log the calls the widget reports as never logged (after each call-history sync), as `backfill` calls. */
  declare backfill: boolean;
  /** Milliseconds to wait for a `respondWith` promise before answering with an error. */
  declare responseTimeout: number;
  /** Milliseconds the adapter script may take to load before an `error` event; the next connect retries. */
  declare adapterTimeout: number;
  /** Further registration fields, merged over the ones the attributes give. Assign a new object to change it. */
  declare service: Record<string, unknown>;
  /** Further adapter options, merged over the ones the attributes give. Assign a new object to change it. */
  declare adapterOptions: Record<string, AdapterOptionValue>;

  readonly #internals = this.attachInternals();
  readonly #requests = new CallRequests(this, (sessionIds) => this.#bridge?.post({ type: TRIGGER_MATCH, sessionIds }));
  /** Internal notifications for methods waiting on the widget; listeners on the element cannot stop these. */
  readonly #changes = new EventTarget();
  #bridge: WidgetBridge | undefined;
  /** The adapter start-up in progress or running; aborted when the element stops. */
  #session: AbortController | undefined;
  /** The adapter URL and init options the current session started with. */
  #adapterKey = '';
  /** The widget has spoken since it last loaded, so it can hear a registration. */
  #widgetBooted = false;
  #ready = false;
  #loggedIn = false;
  #autoLogEnabled: boolean | undefined;
  /** The session a back-fill run belongs to, and whether a sync arrived while it ran. */
  #backfilling: AbortController | undefined;
  #backfillAgain = false;
  #lastRegistration = '';
  #lastConfigError = '';
  #stopTimer: ReturnType<typeof setTimeout> | undefined;
  #stopAdapter: () => void = () => {};

  constructor() {
    super();
    this.adapterSrc = DEFAULT_ADAPTER_SRC;
    this.autoLog = false;
    this.loggerPath = '/callLogger';
    this.matcherPath = '/callLogger/match';
    this.recordingWithToken = false;
    this.showLogModal = false;
    this.hideEditLogButton = false;
    this.autoLogReadOnly = false;
    this.autoLogHidden = false;
    this.backfill = false;
    this.responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    this.adapterTimeout = DEFAULT_ADAPTER_TIMEOUT;
    this.service = {};
    this.adapterOptions = {};
  }

  /** The widget booted and the service is registered. Also `:state(ready)`. */
  get ready(): boolean {
    return this.#ready;
  }

  /** A user is logged in to the widget. Also `:state(logged-in)`. */
  get loggedIn(): boolean {
    return this.#loggedIn;
  }

  /** The widget's "Auto log calls" setting; undefined until the widget reports it (once logged in). */
  get autoLogEnabled(): boolean | undefined {
    return this.#autoLogEnabled;
  }

  /** Asks the widget to match these calls again, bypassing its 2-hour cache (unknown IDs are ignored by it). */
  async refreshMatches(sessionIds: readonly string[]): Promise<void> {
    if (!Array.isArray(sessionIds) || !sessionIds.every((id) => typeof id === 'string')) {
      throw new TypeError('rc-call-logger: refreshMatches() takes an array of session IDs');
    }
    await this.#post('ready', { type: TRIGGER_MATCH, sessionIds: [...sessionIds] });
  }

  /** Turns the widget's "Auto log calls" on or off. Waits until the widget's call logger is ready (a user logged in). */
  async setAutoLog(enabled: boolean): Promise<void> {
    if (typeof enabled !== 'boolean') throw new TypeError('rc-call-logger: setAutoLog() takes true or false');
    await this.#post('auto-log', { type: UPDATE_AUTO_LOG, call: enabled });
  }

  /** Opens the widget's log page for a call (your form from `setLogPage()`, or the widget's default one). */
  async openLogPage(sessionId: string): Promise<void> {
    if (typeof sessionId !== 'string' || sessionId === '')
      throw new TypeError('rc-call-logger: openLogPage() takes a session ID');
    await this.#post('ready', { type: NAVIGATE, path: `/log/call/${encodeURIComponent(sessionId)}` });
  }

  /** Replaces the widget's log form, shared by all calls (JSON Schema + uiSchema). */
  async setLogPage(page: LogPage): Promise<void> {
    if (typeof page !== 'object' || page === null || typeof page.schema !== 'object' || page.schema === null) {
      throw new TypeError(
        'rc-call-logger: setLogPage() takes { title, schema, uiSchema, formData } with a schema object',
      );
    }
    await this.#post('ready', { type: UPDATE_LOG_PAGE, page });
  }

  /** Registers the service now (it is also registered on every widget load and login, and on config changes). */
  async register(): Promise<void> {
    await this.#whenReady('booted');
    checkedRegistration(this);
    this.#register(true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#stopTimer !== undefined) {
      // Moved within the same task (frameworks do this): keep the widget and its live calls.
      clearTimeout(this.#stopTimer);
      this.#stopTimer = undefined;
      return;
    }
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer = setTimeout(() => void this.#stop());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('responseTimeout') && !isValidTimeout(this.responseTimeout)) {
      this.#reportError(
        new RangeError(
          `rc-call-logger: response-timeout must be a positive number of milliseconds; using ${DEFAULT_RESPONSE_TIMEOUT}`,
        ),
      );
    }
    if (changed.has('adapterTimeout') && !isValidTimeout(this.adapterTimeout)) {
      this.#reportError(
        new RangeError(
          `rc-call-logger: adapter-timeout must be a positive number of milliseconds; using ${DEFAULT_ADAPTER_TIMEOUT}`,
        ),
      );
    }
    if (!this.#session) return;
    if (this.#adapterKey && this.#adapterKey !== adapterKey(this)) {
      // Adapter options only reach the widget through its URL: apply them by starting it again.
      void this.#stop().then(() => this.#start());
    } else {
      this.#register(false); // sends only what changed
    }
  }

  async #start(): Promise<void> {
    if (this.#session || !this.isConnected) return;
    const session = new AbortController();
    this.#session = session;
    await adapterReleased;
    await this.updateComplete;
    if (session.signal.aborted) return;
    const src = this.adapterSrc;
    const init = adapterInit(this);
    this.#adapterKey = adapterKey(this);
    this.#lastConfigError = '';
    try {
      checkedRegistration(this);
    } catch (error) {
      // Still start the widget: the name may be set later, and registration follows then.
      this.#reportError(error);
    }
    try {
      checkAdapterInit(init);
      // Another element first: a second one loads nothing and says so at once.
      this.#refuseIfAnotherOwns();
      const widgetOrigin = new URL(this.appUrl || src, document.baseURI).origin;
      const started = adapterOwner ? undefined : pageStartedWidget(widgetOrigin);
      if (started) return this.#adopt(started);
      const adapter = await loadAdapter(
        src,
        isValidTimeout(this.adapterTimeout) ? this.adapterTimeout : DEFAULT_ADAPTER_TIMEOUT,
      );
      if (session.signal.aborted) return;
      // Things may have changed while the script loaded.
      this.#refuseIfAnotherOwns();
      if (adapterOwner && adapterOwner !== this) {
        await adapterOwner.#stop();
        if (session.signal.aborted) return;
      }
      const startedMeanwhile = adapterOwner ? undefined : pageStartedWidget(widgetOrigin);
      if (startedMeanwhile) return this.#adopt(startedMeanwhile);
      const frame = adapter.init(adapterInit(this));
      adapterOwner = this;
      this.#bridge = this.#bridgeTo(frame);
      this.#stopAdapter = () => adapter.dispose();
    } catch (error) {
      if (!session.signal.aborted) this.#reportError(error);
    }
  }

  #refuseIfAnotherOwns(): void {
    if (!adapterOwner || adapterOwner === this || !adapterOwner.isConnected) return;
    this.#session = undefined;
    waitingForAdapter.add(this);
    throw new Error(
      'rc-call-logger: another <rc-call-logger> already runs the widget; this one takes over when it leaves',
    );
  }

  #bridgeTo(frame: HTMLIFrameElement): WidgetBridge {
    return new WidgetBridge(frame, {
      onMessage: (message) => this.#onWidgetMessage(message),
      onRequest: (request, signal) => this.#requests.handle(request, signal),
      timeoutFor: (request) => this.#requests.timeoutFor(request),
      onSettled: (request, failure) => this.#requests.settled(request, failure),
    });
  }

  /**
   * Works with a widget the page started itself: its options are the page's, and it stays when the element goes.
   * It has most likely booted already, so the element registers at once rather than waiting for it to speak.
   */
  #adopt(frame: HTMLIFrameElement): void {
    console.warn(
      "rc-call-logger: using the RingCentral adapter this page started itself; its options apply, not the element's adapter attributes.",
    );
    adapterOwner = this;
    this.#bridge = this.#bridgeTo(frame);
    this.#stopAdapter = () => {};
    this.#widgetSpoke();
  }

  /** Answers pending requests, then disposes the widget and hands it to a waiting element. */
  #stop(): Promise<void> {
    clearTimeout(this.#stopTimer);
    this.#stopTimer = undefined;
    waitingForAdapter.delete(this);
    this.#session?.abort(new DOMException('rc-call-logger left the document', 'AbortError'));
    this.#session = undefined;
    this.#adapterKey = '';
    const bridge = this.#bridge;
    const dispose = this.#stopAdapter;
    this.#bridge = undefined;
    this.#widgetBooted = false;
    this.#lastRegistration = '';
    this.#requests.forgetRoutes();
    this.#setReady(false);
    this.#setLoggedIn(false, false);
    this.#setAutoLog(undefined, false);
    if (!bridge) return adapterReleased;
    bridge.close(new DOMException('rc-call-logger left the document', 'AbortError'));
    // The widget acknowledges nothing: give its process a moment to take those last replies before the frame goes.
    adapterReleased = new Promise((resolve) => setTimeout(resolve, DISPOSE_GRACE))
      .then(dispose)
      // Whatever the adapter does on dispose, the page's one widget slot must be released.
      .catch((error: unknown) =>
        console.error(redact(`rc-call-logger: disposing the widget failed: ${messageOf(error)}`)),
      )
      .finally(() => {
        if (adapterOwner === this) adapterOwner = undefined;
        const next = [...waitingForAdapter].find((element) => element.isConnected);
        if (next) {
          waitingForAdapter.delete(next);
          void next.#start();
        }
      });
    return adapterReleased;
  }

  /** Posts the registration; `force` sends it even when unchanged (the widget forgets it on every load). */
  #register(force: boolean): void {
    if (!this.#bridge || !this.#widgetBooted) return;
    let service;
    try {
      service = checkedRegistration(this);
    } catch (error) {
      this.#reportError(error);
      return;
    }
    const serialized = JSON.stringify(service);
    if (!force && serialized === this.#lastRegistration) return;
    if (!this.#bridge.post(registrationMessage(service))) return;
    this.#lastRegistration = serialized;
    this.#lastConfigError = '';
    this.#requests.registered(service);
    this.#setReady(true);
  }

  #onWidgetMessage(message: WidgetMessage): void {
    switch (message.type) {
      case ADAPTER_STATE:
        // Sent once per frame load: the widget forgot every path and must hear the registration again,
        // and its call logger is not ready until it says so.
        this.#requests.forgetRoutes();
        this.#setReady(false);
        this.#setAutoLog(undefined, false);
        this.#widgetSpoke();
        break;
      case LOGIN_STATUS:
        this.#widgetSpoke();
        this.#setLoggedIn(message.loggedIn === true, true);
        // Logged out, the call logger is not ready: setAutoLog must wait for the next report.
        if (!this.#loggedIn) this.#setAutoLog(undefined, false);
        break;
      case AUTO_LOG_STATUS:
        this.#setAutoLog(message.autoLog === true, true);
        break;
      case HISTORY_SYNCED:
        if (this.backfill) void this.#backfill();
        break;
    }
  }

  /** The widget never acknowledges a registration and forgets it on reload: register whenever it announces itself. */
  #widgetSpoke(): void {
    this.#widgetBooted = true;
    this.#changes.dispatchEvent(new Event('booted'));
    this.#register(true);
  }

  #setReady(ready: boolean): void {
    if (ready === this.#ready) return;
    this.#ready = ready;
    this.#setState('ready', ready);
    if (!ready) return;
    this.#changes.dispatchEvent(new Event('ready'));
    this.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
  }

  #setLoggedIn(loggedIn: boolean, announce: boolean): void {
    if (loggedIn === this.#loggedIn) return;
    this.#loggedIn = loggedIn;
    this.#setState('logged-in', loggedIn);
    if (announce) this.dispatchEvent(new LoginChangeEvent(loggedIn));
  }

  #setAutoLog(autoLog: boolean | undefined, announce: boolean): void {
    if (autoLog === this.#autoLogEnabled) return;
    this.#autoLogEnabled = autoLog;
    this.#setState('auto-log', autoLog === true);
    if (autoLog === undefined) return;
    this.#changes.dispatchEvent(new Event('auto-log'));
    if (announce) this.dispatchEvent(new AutoLogChangeEvent(autoLog));
  }

  #setState(state: string, on: boolean): void {
    if (on) this.#internals.states.add(state);
    else this.#internals.states.delete(state);
  }

  /** Resolves once the widget is `booted`, `ready`, or its call logger reported `auto-log`; bounded by READY_TIMEOUT. */
  #whenReady(what: 'booted' | 'ready' | 'auto-log'): Promise<void> {
    const done = {
      booted: () => this.#widgetBooted,
      ready: () => this.#ready,
      'auto-log': () => this.#autoLogEnabled !== undefined,
    }[what];
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiting = new AbortController();
      const timer = setTimeout(() => {
        waiting.abort();
        reject(
          new DOMException(`rc-call-logger: the widget was not ${what} within ${READY_TIMEOUT} ms`, 'TimeoutError'),
        );
      }, READY_TIMEOUT);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiting.abort();
        resolve();
      };
      for (const type of ['booted', 'ready', 'auto-log'])
        this.#changes.addEventListener(type, check, { signal: waiting.signal });
    });
  }

  /** Posts `message` to the widget at its exact origin once it is ready for it. */
  async #post(what: 'ready' | 'auto-log', message: Record<string, unknown>): Promise<void> {
    await this.#whenReady(what);
    if (!this.#bridge?.post(message)) throw new DOMException('rc-call-logger: the widget is gone', 'InvalidStateError');
  }

  /**
   * Logs, as `backfill` calls, what the widget reports as never logged. One run per session at a time; a sync that
   * arrives during a run makes it run once more. It stops when the session stops.
   */
  async #backfill(): Promise<void> {
    const bridge = this.#bridge;
    const session = this.#session;
    if (!bridge || !session) return;
    if (this.#backfilling === session) {
      this.#backfillAgain = true;
      return;
    }
    this.#backfilling = session;
    try {
      do {
        this.#backfillAgain = false;
        await this.#backfillOnce(bridge, session.signal);
      } while (this.#backfillAgain && !session.signal.aborted);
    } finally {
      if (this.#backfilling === session) this.#backfilling = undefined;
    }
  }

  /**
   * One run, bounded in pages. All pages are read before logging: each logged call leaves the widget's list, which
   * would shift later pages.
   */
  async #backfillOnce(bridge: WidgetBridge, stop: AbortSignal): Promise<void> {
    const logged: string[] = [];
    try {
      const unlogged = new Map<string, Call>();
      for (let page = 1; page <= BACKFILL_MAX_PAGES; page++) {
        const reply = await bridge.request(
          '/unlogged-calls',
          { perPage: BACKFILL_PAGE_SIZE, page },
          BACKFILL_PAGE_TIMEOUT,
        );
        if (!isUnloggedCallsPage(reply))
          throw new TypeError('the widget answered /unlogged-calls with an unexpected shape');
        for (const call of reply.calls) unlogged.set(call.sessionId, call);
        if (!reply.hasMore) break;
      }
      for (const call of unlogged.values()) {
        if (stop.aborted) return;
        if (this.#requests.isHandled(call.sessionId)) continue;
        if (await this.#requests.logLocally({ call, triggerType: 'backfill' }, stop)) logged.push(call.sessionId);
      }
    } catch (error) {
      if (!stop.aborted)
        console.error(redact(`rc-call-logger: back-fill of unlogged calls stopped: ${messageOf(error)}`));
    } finally {
      // Let the widget see them as logged now, so it stops reporting them.
      if (logged.length && !stop.aborted) bridge.post({ type: TRIGGER_MATCH, sessionIds: logged });
    }
  }

  /**
   * Logs `error` and dispatches it as an `error` ErrorEvent, once per distinct message until a registration
   * succeeds. It does not bubble, like `<img>`'s: a bubbling ErrorEvent would reach `window.onerror` and every
   * error monitor as if it were an uncaught exception.
   */
  #reportError(error: unknown): void {
    const message = messageOf(error);
    if (message === this.#lastConfigError) return;
    this.#lastConfigError = message;
    console.error(redact(message));
    this.dispatchEvent(new ErrorEvent('error', { error, message }));
  }
}

const adapterKey = (element: RcCallLoggerElement) => JSON.stringify([element.adapterSrc, adapterInit(element)]);
