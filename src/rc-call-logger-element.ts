import { ReactiveElement, css, type PropertyValues } from '@lit/reactive-element';
import { loadAdapter } from './adapter-loader.js';
import { adapterInit, checkedRegistration, type LoggerConfig } from './config.js';
import { CallLogEvent, CallMatchEvent, dispatchRequest, type DispatchResult } from './events.js';
import {
  ADAPTER_STATE,
  DEFAULT_ADAPTER_SRC,
  LOGIN_STATUS,
  WIDGET_TIMEOUT,
  isCallLogBody,
  isCallMatchAnswer,
  isCallMatchBody,
  registrationMessage,
  type ServiceRegistration,
  type WidgetMessage,
  type WidgetRequest,
} from './protocol.js';
import { WidgetBridge, messageOf } from './widget-bridge.js';

/** Default `response-timeout`: well inside the widget's own 15 s (call-log) and 30 s (call-match). */
export const DEFAULT_RESPONSE_TIMEOUT = 10_000;
/** Our reply must reach the widget before its own timer fires: stay this far below it. */
const WIDGET_TIMEOUT_MARGIN = 1_000;

const ADAPTER_KEYS = ['adapterSrc', 'appUrl', 'clientId', 'appServer', 'redirectUri', 'autoLog', 'adapterOptions'];
const SERVICE_KEYS = ['serviceName', 'loggerTitle', 'loggerPath', 'matcherPath', 'recordingWithToken', 'showLogModal', 'service'];

/** The element that currently runs the page's one adapter, and the end of the last teardown. */
let adapterOwner: RcCallLoggerElement | undefined;
let adapterReleased: Promise<void> = Promise.resolve();
/** Elements refused because another one owned the adapter; the first still connected takes over when it leaves. */
const waitingForAdapter = new Set<RcCallLoggerElement>();

type RequestKind = 'call-log' | 'call-match';

/**
 * Logs RingCentral Embeddable calls into your service: loads the widget, registers your service with it, and
 * turns its requests into `call-log` / `call-match` events that you answer with `event.respondWith()`.
 *
 * @summary Secure call-logging bridge to RingCentral Embeddable.
 * @tag rc-call-logger
 * @fires {CallLogEvent} call-log - The widget asks to log a call; answer with `respondWith(value | promise)`.
 * @fires {CallMatchEvent} call-match - The widget asks which calls are logged; answer with `{[sessionId]: entries[]}`.
 * @fires {ErrorEvent} error - Configuration errors and an adapter script that fails to load.
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
    loggerTitle: { attribute: 'logger-title' },
    loggerPath: { attribute: 'logger-path' },
    matcherPath: { attribute: 'matcher-path' },
    recordingWithToken: { attribute: 'recording-with-token', type: Boolean },
    showLogModal: { attribute: 'show-log-modal', type: Boolean },
    responseTimeout: { attribute: 'response-timeout', type: Number },
    service: { attribute: false },
    adapterOptions: { attribute: false },
  };

  static override styles = css`
    :host {
      display: none !important;
    }
  `;

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
  declare clientId: string | undefined;
  declare appServer: string | undefined;
  declare redirectUri: string | undefined;
  /** Initial "Auto log calls" value (the user's stored choice wins afterwards). */
  declare autoLog: boolean;
  /** Your service's name in the widget. Required. */
  declare serviceName: string | undefined;
  declare loggerTitle: string | undefined;
  declare loggerPath: string;
  declare matcherPath: string;
  declare recordingWithToken: boolean;
  declare showLogModal: boolean;
  /** Milliseconds to wait for a `respondWith` promise before answering with an error. */
  declare responseTimeout: number;
  /** Further registration fields, merged over the ones the attributes give. Assign a new object to change it. */
  declare service: Record<string, unknown>;
  /** Further adapter options, merged over the ones the attributes give. Assign a new object to change it. */
  declare adapterOptions: Record<string, string>;

  #bridge: WidgetBridge | undefined;
  /** The adapter start-up in progress or running; aborted when the element stops. */
  #session: AbortController | undefined;
  /** The adapter URL and init options the current session started with. */
  #adapterKey = '';
  /** Every path registered since the widget last loaded: it cannot forget one, so each keeps its kind until then. */
  readonly #routes = new Map<string, RequestKind>();
  /** The widget has spoken since it last loaded, so it can hear a registration. */
  #widgetReady = false;
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
    this.responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    this.service = {};
    this.adapterOptions = {};
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
        new RangeError(`rc-call-logger: response-timeout must be a positive number of milliseconds; using ${DEFAULT_RESPONSE_TIMEOUT}`),
      );
    }
    if (!this.#session) return;
    const keys = [...changed.keys()] as string[];
    if (keys.some((key) => ADAPTER_KEYS.includes(key)) && this.#adapterKey && this.#adapterKey !== adapterKey(this)) {
      // Adapter options only reach the widget through its URL: apply them by starting it again.
      void this.#stop().then(() => this.#start());
    } else if (keys.some((key) => SERVICE_KEYS.includes(key))) {
      this.#register(false);
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
    this.#adapterKey = adapterKey(this);
    this.#lastConfigError = '';
    try {
      checkedRegistration(this);
    } catch (error) {
      // Still start the widget: the name may be set later, and registration follows then.
      this.#reportError(error);
    }
    try {
      const adapter = await loadAdapter(src);
      if (session.signal.aborted) return;
      if (adapterOwner && adapterOwner !== this) {
        if (adapterOwner.isConnected) {
          this.#session = undefined;
          waitingForAdapter.add(this);
          throw new Error('rc-call-logger: another <rc-call-logger> already runs the widget; this one takes over when it leaves');
        }
        await adapterOwner.#stop();
        if (session.signal.aborted) return;
      }
      const frame = adapter.init(adapterInit(this));
      adapterOwner = this;
      this.#bridge = new WidgetBridge(frame, {
        onMessage: (message) => this.#onWidgetMessage(message),
        onRequest: (request, signal) => this.#onRequest(request, signal),
        timeoutFor: (request) => this.#timeoutFor(request),
        onFailure: (request, error) => this.#reportFailure(request, error),
      });
      this.#stopAdapter = () => adapter.dispose();
    } catch (error) {
      if (!session.signal.aborted) this.#reportError(error);
    }
  }

  /** Answers pending requests, then disposes the widget and hands it to a waiting element. */
  #stop(): Promise<void> {
    clearTimeout(this.#stopTimer);
    this.#stopTimer = undefined;
    waitingForAdapter.delete(this);
    this.#session?.abort();
    this.#session = undefined;
    this.#adapterKey = '';
    const bridge = this.#bridge;
    const dispose = this.#stopAdapter;
    this.#bridge = undefined;
    this.#widgetReady = false;
    this.#lastRegistration = '';
    this.#routes.clear();
    if (!bridge) return adapterReleased;
    adapterReleased = bridge
      .close(new DOMException('rc-call-logger left the document', 'AbortError'))
      // Give the widget a task to receive those last replies before its frame goes.
      .then(() => new Promise((resolve) => setTimeout(resolve)))
      .then(dispose)
      // Whatever the adapter does on dispose, the page's one widget slot must be released.
      .catch((error: unknown) => console.error(redact(`rc-call-logger: disposing the widget failed: ${messageOf(error)}`)))
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
    if (!this.#bridge || !this.#widgetReady) return;
    let service: ServiceRegistration;
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
    if (service.callLoggerPath) this.#routes.set(service.callLoggerPath, 'call-log');
    if (service.callLogEntityMatcherPath) this.#routes.set(service.callLogEntityMatcherPath, 'call-match');
  }

  #onWidgetMessage(message: WidgetMessage): void {
    // The widget never acknowledges a registration and forgets it on reload: register whenever it speaks.
    if (message.type === ADAPTER_STATE || message.type === LOGIN_STATUS) {
      // A new pushAdapterState means the frame (re)loaded, and the widget forgot every path.
      if (message.type === ADAPTER_STATE) this.#routes.clear();
      this.#widgetReady = true;
      this.#register(true);
    }
  }

  #onRequest(request: WidgetRequest, signal: AbortSignal): Promise<unknown> | undefined {
    const { body } = request;
    const kind = this.#routes.get(request.path);
    if (kind === 'call-log') {
      if (!isCallLogBody(body)) return Promise.reject(new TypeError('malformed call-log request: body.call.sessionId is missing'));
      const result = dispatchRequest(this, new CallLogEvent(body, signal));
      return answerOf(result, () => Promise.reject(new Error('no call-log listener called respondWith(); nothing was logged'))).then(
        (value) => ({ data: value ?? 'ok' }),
      );
    }
    if (kind === 'call-match') {
      if (!isCallMatchBody(body)) return Promise.reject(new TypeError('malformed call-match request: body.sessionIds is not a string array'));
      const result = dispatchRequest(this, new CallMatchEvent(body, signal));
      // Nobody answered: "no entries" is the truthful answer, not a failure.
      return answerOf(result, () => Promise.resolve({})).then((value) => {
        if (!isCallMatchAnswer(value)) throw new TypeError('call-match answer must map each sessionId to an array of entry objects');
        return { data: value };
      });
    }
    return undefined;
  }

  #timeoutFor(request: WidgetRequest): number {
    const widgetLimit = this.#routes.get(request.path) === 'call-match' ? WIDGET_TIMEOUT.callMatch : WIDGET_TIMEOUT.callLog;
    const wanted = isValidTimeout(this.responseTimeout) ? this.responseTimeout : DEFAULT_RESPONSE_TIMEOUT;
    return Math.min(wanted, widgetLimit - WIDGET_TIMEOUT_MARGIN);
  }

  #reportFailure(request: WidgetRequest, error: unknown): void {
    const { body } = request;
    const what = isCallLogBody(body)
      ? `call-log (${body.triggerType ?? 'no trigger'}) for session ${body.call.sessionId}`
      : `request to ${request.path}`;
    console.error(redact(`rc-call-logger: ${what} failed: ${messageOf(error)}. The widget was answered with this error.`));
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

const isValidTimeout = (ms: number) => Number.isFinite(ms) && ms > 0;

const adapterKey = (element: RcCallLoggerElement) => JSON.stringify([element.adapterSrc, adapterInit(element)]);

/** The listener's answer, or `unanswered()` when nobody responded. A listener that threw makes it a failure. */
function answerOf<T>({ response, thrown }: DispatchResult<T>, unanswered: () => Promise<T>): Promise<T> {
  if (thrown) {
    response?.catch(() => {}); // superseded by the throw; keep it from surfacing as unhandled
    return Promise.reject(thrown.error);
  }
  return response ?? unanswered();
}

/** Hides RingCentral access tokens (recording URLs carry them) in anything we print. */
const redact = (text: string) => text.replace(/(access_token=)[^&\s"']+/gi, '$1[redacted]');
