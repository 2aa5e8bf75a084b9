import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { loadAdapter, pageStartedWidget } from './adapter-loader.js';
import { adapterInit, checkAdapterInit, checkedRegistration } from './config.js';
import { fromDocument } from './dom.js';
import { RcCallLoggerError, messageOf, redact } from './errors.js';
import { AutoLogChangeEvent, LoginChangeEvent } from './events.js';
import { DEFAULT_ADAPTER_TIMEOUT, HANDOVER_GRACE, READY_TIMEOUT, isValidTimeout } from './limits.js';
import { LogStatus } from './log-status.js';
import type { RouterHost } from './request-router.js';
import type { Settings } from './settings.js';
import { NO_WIDGET, WidgetSession, type SessionHost, type WidgetStatus } from './widget-session.js';
import { widgetSlot, type SlotHolder } from './widget-slot.js';

/** The element, as its connection sees it. */
export type ConnectionHost = ReactiveControllerHost & HTMLElement & RouterHost & Settings;

/** What a method waits for before it posts to the widget. */
export type Readiness = 'booted' | 'ready' | 'auto-log';

/** The adapter URL and options: they reach the widget only through its URL, so a change means a new widget. */
const adapterKey = (settings: Settings) => JSON.stringify([settings.adapterSrc, adapterInit(settings)]);

/**
 * The element's link to the widget, as a Lit controller: starts the widget when the element connects (or adopts
 * one the page started), keeps it through a move within one task, re-registers on setting changes, and stops it
 * when the element leaves. Keeps the widget's status, mirrored into the element's `:state()`s and events.
 */
export class WidgetConnection implements ReactiveController, SlotHolder, SessionHost {
  readonly element: ConnectionHost;
  /** Outlives sessions: a failed log still shows on the next widget, and back-fill still skips what was logged. */
  logStatus = new LogStatus();
  readonly #states: CustomStateSet;
  /** Methods waiting for the widget, checked on every status change. */
  readonly #waiting = new Set<() => void>();
  #status: Readonly<WidgetStatus> = NO_WIDGET;
  /** The start in progress or running; aborted by the stop. */
  #run: AbortController | undefined;
  #session: WidgetSession | undefined;
  /** Removes the widget the element started; none for a widget the page started. */
  #dispose: (() => void) | undefined;
  #adapterKey: string | undefined;
  #stopTimer: ReturnType<typeof setTimeout> | undefined;
  #inUseTimer: ReturnType<typeof setTimeout> | undefined;
  #lastError: string | undefined;
  /** What waits for the widget's live calls to end: a stop, or a restart for new adapter options. */
  #whenIdle: (() => void) | undefined;

  constructor(element: ConnectionHost, states: CustomStateSet) {
    this.element = element;
    this.#states = states;
    element.addController(this);
  }

  get status(): Readonly<WidgetStatus> {
    return this.#status;
  }

  get running(): boolean {
    return !!this.#session;
  }

  /** The outbox's sender while a widget runs with `outbox` on. */
  get retry(): WidgetSession['retry'] {
    return this.#session?.retry;
  }

  hostConnected(): void {
    if (this.#stopTimer !== undefined) {
      // Moved within the same task (frameworks do this): keep the widget and its live calls.
      clearTimeout(this.#stopTimer);
      this.#stopTimer = undefined;
    } else if (this.#session) {
      // Back before another element took the widget over.
      widgetSlot.stay();
      this.#whenIdle = undefined;
      this.#session.serve(this);
      this.settingsChanged();
    } else void this.start();
  }

  hostDisconnected(): void {
    this.#stopTimer = setTimeout(() => {
      this.#stopTimer = undefined;
      const session = this.#session;
      if (!session) return void this.stop();
      // Gone for good, perhaps to another page's element: what the widget asks now waits for that element.
      session.pause();
      widgetSlot.leave(() => this.#idle(() => void this.stop()));
    });
  }

  takeOver(previous: SlotHolder): void {
    const from = previous as WidgetConnection;
    const session = from.#session!;
    this.#run = from.#run;
    this.#session = session;
    this.#dispose = from.#dispose;
    this.#adapterKey = from.#adapterKey;
    this.logStatus = from.logStatus;
    const { status } = from;
    clearTimeout(from.#stopTimer);
    from.#run = from.#stopTimer = from.#session = from.#dispose = from.#adapterKey = from.#whenIdle = undefined;
    from.update(NO_WIDGET, false);
    session.serve(this);
    this.update({ ...status, ready: false }, true);
    session.register(true);
    this.settingsChanged(true);
  }

  /**
   * After a settings change or a hand-over: new adapter options need a new widget, started once no call is live;
   * otherwise a registration if it changed.
   */
  settingsChanged(handedOver = false): void {
    if (!this.#run) return;
    this.#session?.outboxChanged();
    if (!this.#adapterKey || this.#adapterKey === adapterKey(this.element)) return this.#session?.register(false);
    if ((handedOver || this.#session?.callLive) && !this.#whenIdle)
      console.warn('rc-call-logger: new adapter options restart the widget; they apply once no call is live.');
    this.#idle(() => void this.stop().then(() => this.start()));
  }

  callsEnded(): void {
    const action = this.#whenIdle;
    this.#whenIdle = undefined;
    action?.();
  }

  /** Runs `action` now, or once the widget's live calls have ended: the element never cuts a call. */
  #idle(action: () => void): void {
    this.#whenIdle = action;
    if (!this.#session?.callLive) this.callsEnded();
  }

  /** Removes the page's widget now, even during a call, without handing it over. */
  disposeWidget(): Promise<void> {
    return widgetSlot.stopHolder();
  }

  async start(): Promise<void> {
    if (this.#run || !this.element.isConnected) return;
    const run = new AbortController();
    this.#run = run;
    await widgetSlot.released();
    await this.element.updateComplete;
    if (run.signal.aborted || widgetSlot.handOver(this)) return;
    const { element } = this;
    const { adapterSrc, appUrl, adapterTimeout } = element;
    // A later change of these options restarts the run (settingsChanged), so they hold for all of it.
    const init = adapterInit(element);
    this.#adapterKey = adapterKey(element);
    this.#lastError = undefined;
    try {
      checkedRegistration(element);
    } catch (error) {
      this.report(error); // the widget starts anyway: registration follows once the name is set
    }
    try {
      checkAdapterInit(init);
      if (this.#refused()) return;
      const widgetOrigin = new URL(appUrl || adapterSrc, fromDocument('baseURI')).origin;
      const started = widgetSlot.free ? pageStartedWidget(widgetOrigin) : undefined;
      if (started) return this.#adopt(started, run.signal);
      const adapter = await loadAdapter(
        adapterSrc,
        isValidTimeout(adapterTimeout) ? adapterTimeout : DEFAULT_ADAPTER_TIMEOUT,
      );
      // Things may have changed while the script loaded.
      if (run.signal.aborted || this.#refused()) return;
      await widgetSlot.vacate(this);
      if (run.signal.aborted) return;
      const startedMeanwhile = pageStartedWidget(widgetOrigin);
      if (startedMeanwhile) return this.#adopt(startedMeanwhile, run.signal);
      this.#hold(adapter.init(init), () => adapter.dispose(), run.signal);
    } catch (error) {
      if (!run.signal.aborted) this.report(error);
    }
  }

  /** Answers pending requests, then lets the widget go (disposed after a grace, and handed to a waiting element). */
  stop(): Promise<void> {
    clearTimeout(this.#stopTimer);
    clearTimeout(this.#inUseTimer);
    this.#stopTimer = this.#whenIdle = undefined;
    widgetSlot.leaveLine(this);
    const reason = new DOMException('rc-call-logger left the document', 'AbortError');
    this.#run?.abort(reason);
    this.#run = undefined;
    this.#adapterKey = undefined;
    const session = this.#session;
    this.#session = undefined;
    this.update(NO_WIDGET, false);
    if (!session) return widgetSlot.released();
    return widgetSlot.release(this, this.#dispose, session.close(reason));
  }

  /** Registers now (also done on every widget load, login and setting change); throws for invalid settings. */
  async register(): Promise<void> {
    await this.whenReady('booted');
    checkedRegistration(this.element);
    this.#session?.register(true);
  }

  /** Posts `message` to the widget once it is ready for it. */
  async post(readiness: Readiness, message: unknown): Promise<void> {
    await this.whenReady(readiness);
    if (!this.#session?.post(message))
      throw new DOMException('rc-call-logger: the widget is gone', 'InvalidStateError');
  }

  /** Resolves once the widget is `booted`, `ready`, or its call logger reported `auto-log`; bounded by READY_TIMEOUT. */
  whenReady(readiness: Readiness): Promise<void> {
    const done = () => (readiness === 'auto-log' ? this.#status.autoLog !== undefined : this.#status[readiness]);
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.#waiting.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiting.delete(check);
        const message = `rc-call-logger: the widget was not ${readiness} within ${READY_TIMEOUT} ms`;
        reject(new DOMException(message, 'TimeoutError'));
      }, READY_TIMEOUT);
      this.#waiting.add(check);
    });
  }

  /** Applies a status change: `:state()`s, waiting methods, and, when `announce`, the element's events. */
  update(change: Partial<WidgetStatus>, announce: boolean): void {
    const before = this.#status;
    const now = (this.#status = { ...before, ...change });
    const { element } = this;
    this.#setState('ready', now.ready);
    this.#setState('logged-in', now.loggedIn);
    this.#setState('auto-log', now.autoLog === true);
    if (now.ready && !before.ready) element.dispatchEvent(new Event('ready', { bubbles: true, composed: true }));
    if (announce && now.loggedIn !== before.loggedIn) element.dispatchEvent(new LoginChangeEvent(now.loggedIn));
    if (announce && now.autoLog !== before.autoLog && now.autoLog !== undefined)
      element.dispatchEvent(new AutoLogChangeEvent(now.autoLog));
    for (const check of this.#waiting) check();
  }

  registered(): void {
    this.#lastError = undefined;
    this.update({ ready: true }, true);
  }

  /**
   * Logs `error` and dispatches it as an `error` ErrorEvent, once per distinct message until a registration
   * succeeds. It does not bubble, like `<img>`'s: a bubbling ErrorEvent would reach `window.onerror` and every
   * error monitor as if it were an uncaught exception.
   */
  report(error: unknown): void {
    const message = messageOf(error);
    if (message === this.#lastError) return;
    this.#lastError = message;
    console.error(redact(message));
    this.element.dispatchEvent(new ErrorEvent('error', { error, message }));
  }

  /** Whether another element runs the widget: then this one waits in line, not started, and says so if it stays. */
  #refused(): boolean {
    if (!widgetSlot.heldByAnother(this)) return false;
    this.#run = undefined;
    // In a page transition the old page's element may stay a moment (a leave animation): only staying is an error.
    clearTimeout(this.#inUseTimer);
    this.#inUseTimer = setTimeout(() => {
      if (!this.element.isConnected || this.running || !widgetSlot.heldByAnother(this)) return;
      const message = 'another <rc-call-logger> already runs the widget; this one takes over when it leaves';
      this.report(new RcCallLoggerError('widget-in-use', message));
    }, HANDOVER_GRACE);
    return true;
  }

  /** Works with a widget the page started itself: its options are the page's, and it stays when the element goes. */
  #adopt(frame: HTMLIFrameElement, stop: AbortSignal): void {
    console.warn(
      "rc-call-logger: using the widget this page started itself; its adapter options apply, not the element's.",
    );
    // It has most likely booted already: register at once rather than wait for it to speak.
    this.#hold(frame, undefined, stop).widgetSpoke();
  }

  /** Runs the widget in `frame` until `stop`; `dispose` removes it. */
  #hold(frame: HTMLIFrameElement, dispose: (() => void) | undefined, stop: AbortSignal): WidgetSession {
    widgetSlot.hold(this);
    this.#dispose = dispose;
    return (this.#session = new WidgetSession(this, frame, stop));
  }

  #setState(state: string, on: boolean): void {
    if (on) this.#states.add(state);
    else this.#states.delete(state);
  }
}
