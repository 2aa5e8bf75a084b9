import { backfill } from './backfill.js';
import { watchBoot } from './boot-watchdog.js';
import { checkedRegistration } from './config.js';
import { DEFAULT_BOOT_TIMEOUT, isValidTimeout } from './limits.js';
import { printFailure } from './errors.js';
import { OutboxChangeEvent } from './events.js';
import { loadDelivery } from './load-delivery.js';
import type { LogStatus } from './log-status.js';
import {
  WIDGET_AUTO_LOG_STATUS,
  WIDGET_BOOTED,
  WIDGET_CALL_ENDED,
  WIDGET_CALL_LIVE,
  WIDGET_HISTORY_SYNCED,
  WIDGET_LOGIN_STATUS,
  isStartupLoginStatus,
  registerMessage,
  rematchMessage,
  type WidgetMessage,
} from './protocol.js';
import { RequestRouter, type RouterHost } from './request-router.js';
import type { Settings } from './settings.js';
import { WidgetBridge } from './widget-bridge.js';

/** What the element shows of the widget, as properties and as `:state()`s. */
export interface WidgetStatus {
  /** The widget has spoken since it last loaded, so it can hear a registration. */
  booted: boolean;
  /** … and the service is registered with it. */
  ready: boolean;
  loggedIn: boolean;
  /** "Auto log calls", once the widget's call logger reports it. */
  autoLog: boolean | undefined;
}

export const NO_WIDGET: Readonly<WidgetStatus> = { booted: false, ready: false, loggedIn: false, autoLog: undefined };

/** What a session needs of the element's connection. */
export interface SessionHost {
  readonly element: RouterHost & Settings;
  readonly logStatus: LogStatus;
  readonly status: Readonly<WidgetStatus>;
  /** The widget's status changed; `announce` when the element should fire its event for it. */
  update(change: Partial<WidgetStatus>, announce: boolean): void;
  report(error: unknown): void;
  /** A registration reached the widget: it is ready. */
  registered(): void;
  /** The widget's last live call ended. */
  callsEnded(): void;
}

/**
 * One running widget, from the frame the adapter made to the element's stop: the bridge to it, the request router,
 * back-fill, and what the widget said. Dropping the session drops all of it.
 */
export class WidgetSession {
  #host: SessionHost;
  readonly #bridge: WidgetBridge;
  readonly #router: RequestRouter;
  /** Runs back-fill after a call-history sync. */
  readonly #backfill: () => Promise<void>;
  /** Disarms the boot watchdog: the widget spoke, or the session ended. */
  readonly #spoke: () => void;
  #lastRegistration = '';
  /** The web phone's calls that have not ended, by `call.id`: removing the widget would cut them. */
  readonly #liveCalls = new Set<unknown>();
  readonly #stop: AbortSignal;

  constructor(host: SessionHost, frame: HTMLIFrameElement, stop: AbortSignal) {
    this.#host = host;
    const { bootTimeout } = host.element;
    // To the element served now: a hand-over may come before the report.
    this.#spoke = watchBoot(frame, isValidTimeout(bootTimeout) ? bootTimeout : DEFAULT_BOOT_TIMEOUT, (error) =>
      this.#host.report(error),
    );
    this.#router = new RequestRouter(host.element, host.logStatus, (sessionIds) =>
      this.#bridge.post(rematchMessage(sessionIds)),
    );
    this.#bridge = new WidgetBridge(
      frame,
      this.#router,
      (message) => this.#onMessage(message),
      () => this.#navigated(),
    );
    this.#backfill = backfill(this.#bridge, this.#router, host.logStatus, stop);
    this.#stop = stop;
    this.outboxChanged();
  }

  /** Sends the outbox's call logs while `outbox` is on (from the first time it is); a promise while it loads. */
  get retry(): RequestRouter['retry'] {
    return this.#router.retry;
  }

  /**
   * `outbox` may have been turned on: load the outbox now, while the network is up, and start sending what it holds,
   * from this and earlier page loads.
   */
  outboxChanged(): void {
    if (this.#router.retry || !this.#host.element.outbox) return;
    this.#router.retry = loadDelivery().then(
      ({ LogRetry }) =>
        (this.#router.retry = new LogRetry(
          () => ({
            element: this.#host.element,
            logStatus: this.#host.logStatus,
            rematch: (sessionIds) => this.#bridge.post(rematchMessage(sessionIds)),
            resend: (body, attempt, signal) => this.#router.resend(body, attempt, signal),
            announce: (...change) => this.#host.element.dispatchEvent(new OutboxChangeEvent(...change)),
          }),
          this.#stop,
        )),
      (error: unknown) => {
        printFailure('the outbox did not load; failed logs are not retried', error);
        return (this.#router.retry = undefined);
      },
    );
  }

  /** Posts `message` to the widget at its exact origin; false when its frame is gone. */
  post(message: unknown): boolean {
    return this.#bridge.post(message);
  }

  /** Whether the widget's web phone has a call that has not ended. */
  get callLive(): boolean {
    return this.#liveCalls.size > 0;
  }

  /** The element left: requests that arrive from now on wait for the next element (or for the close). */
  pause(): void {
    this.#router.pause();
  }

  /** Works for `host` from now on (the same element back, or the one it was handed to); answers what waited. */
  serve(host: SessionHost): void {
    this.#host = host;
    this.#router.serve(host.element);
  }

  /** Answers every pending request with `reason`; resolves once the widget has read the replies. */
  close(reason: Error): Promise<void> {
    this.#spoke();
    return this.#bridge.close(reason);
  }

  /**
   * The widget never acknowledges a registration and forgets it on every load: register whenever it announces
   * itself. A widget the page started itself has most likely booted already, so this is also called at once.
   */
  widgetSpoke(): void {
    this.#spoke();
    this.#host.update({ booted: true }, false);
    this.register(true);
  }

  /** Posts the registration; `force` sends it even when unchanged. */
  register(force: boolean): void {
    if (!this.#host.status.booted) return;
    let service;
    try {
      service = checkedRegistration(this.#host.element);
    } catch (error) {
      this.#host.report(error);
      return;
    }
    const serialized = JSON.stringify(service);
    if (!force && serialized === this.#lastRegistration) return;
    if (!this.#bridge.post(registerMessage(service))) return;
    this.#lastRegistration = serialized;
    this.#router.registered(service);
    this.#host.registered();
  }

  /** Whatever the frame shows now must announce itself, like a widget that reloaded, before it is registered. */
  #navigated(): void {
    console.warn(
      'rc-call-logger: another window navigated the widget frame; it is registered again once it announces itself (see SECURITY.md)',
    );
    this.#router.forgetRoutes();
    this.#lastRegistration = '';
    this.#host.update({ booted: false, ready: false, autoLog: undefined }, false);
  }

  #onMessage(message: WidgetMessage): void {
    this.#spoke();
    const { type } = message;
    const callId = (message.call as { id?: unknown } | undefined)?.id;
    if (WIDGET_CALL_LIVE.test(type)) this.#liveCalls.add(callId);
    if (type === WIDGET_CALL_ENDED) this.#callsEnded(callId);
    switch (type) {
      case WIDGET_BOOTED:
        // Once per frame load: the widget forgot every path and must hear the registration again, and its call
        // logger is not ready until it says so. Its web phone's calls ended with the old page.
        this.#callsEnded();
        this.#router.forgetRoutes();
        this.#host.update({ ready: false, autoLog: undefined }, false);
        this.widgetSpoke();
        break;
      case WIDGET_LOGIN_STATUS: {
        if (isStartupLoginStatus(message)) {
          // Said on every load, before the real status (a logged-in user is still logged in): not a logout.
          if (!this.#host.status.ready) this.widgetSpoke();
          break;
        }
        this.widgetSpoke();
        const loggedIn = message.loggedIn === true;
        this.#host.update({ loggedIn }, true);
        // Logged out, the call logger is not ready: setAutoLog must wait for the next report.
        if (!loggedIn) this.#host.update({ autoLog: undefined }, false);
        break;
      }
      case WIDGET_AUTO_LOG_STATUS:
        this.#host.update({ autoLog: message.autoLog === true }, true);
        break;
      case WIDGET_HISTORY_SYNCED:
        if (this.#host.element.backfill) void this.#backfill();
        break;
    }
  }

  /** Forgets the call `id`, or all calls; tells the host when that ends the last one. */
  #callsEnded(...id: unknown[]): void {
    const { size } = this.#liveCalls;
    if (id.length) this.#liveCalls.delete(id[0]);
    else this.#liveCalls.clear();
    if (size && !this.#liveCalls.size) this.#host.callsEnded();
  }
}
