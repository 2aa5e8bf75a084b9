import { CallLogEvent, CallMatchEvent, LogPageInputEvent, dispatchRequest, type DispatchResult } from './events.js';
import { LogStatus } from './log-status.js';
import {
  WIDGET_TIMEOUT,
  isCallLogBody,
  isCallMatchAnswer,
  isCallMatchBody,
  isLogPageInputBody,
  type CallLogRequestBody,
  type ServiceRegistration,
  type WidgetRequest,
} from './protocol.js';
import { messageOf } from './widget-bridge.js';

type RequestKind = 'call-log' | 'call-match' | 'log-page-input';

/** Default `response-timeout`: well inside the widget's own 15 s (call-log) and 30 s (call-match). */
export const DEFAULT_RESPONSE_TIMEOUT = 10_000;
/** Our reply must reach the widget before its own timer fires: stay this far below it. */
const WIDGET_TIMEOUT_MARGIN = 1_000;
/** The widget waits 3 s for log-page input replies, and ignores them. */
const LOG_PAGE_INPUT_TIMEOUT = 2_000;
/** How many successfully logged sessions back-fill remembers, to skip them. */
const LOGGED_MEMORY = 1_000;

export const isValidTimeout = (ms: number) => Number.isFinite(ms) && ms > 0;

/** Where the events are dispatched (the element), and its `response-timeout`. */
export type RequestTarget = EventTarget & { readonly responseTimeout: number };

/**
 * Turns the widget's requests into `call-log`, `call-match` and `log-page-input` events and their answers into
 * replies, and keeps what became of each call-log answer so that `call-match` replies can show it.
 */
export class CallRequests {
  /** Every path registered since the widget last loaded: it cannot forget one, so each keeps its kind until then. */
  readonly #routes = new Map<string, RequestKind>();
  readonly #status = new LogStatus();
  readonly #logged = new Set<string>();
  /** The session of each call-log request being answered, by request ID: routes can change before it settles. */
  readonly #inflight = new Map<string, string>();
  readonly #target: RequestTarget;
  readonly #rematch: (sessionIds: string[]) => void;

  /** `rematch` asks the widget to match sessions again, so a changed status shows at once. */
  constructor(target: RequestTarget, rematch: (sessionIds: string[]) => void) {
    this.#target = target;
    this.#rematch = rematch;
  }

  /** Routes requests on the registration's paths from now on. */
  registered(service: ServiceRegistration): void {
    if (service.callLoggerPath) this.#routes.set(service.callLoggerPath, 'call-log');
    if (service.callLogEntityMatcherPath) this.#routes.set(service.callLogEntityMatcherPath, 'call-match');
    if (typeof service.callLogPageInputChangedEventPath === 'string') {
      this.#routes.set(service.callLogPageInputChangedEventPath, 'log-page-input');
    }
  }

  /** The widget (re)loaded and forgot every path. */
  forgetRoutes(): void {
    this.#routes.clear();
  }

  /** The answer to send for `request`, or undefined when the path is not ours. */
  handle(request: WidgetRequest, signal: AbortSignal): Promise<unknown> | undefined {
    const { body } = request;
    switch (this.#routes.get(request.path)) {
      case 'call-log':
        if (!isCallLogBody(body))
          return Promise.reject(new TypeError('malformed call-log request: body.call.sessionId is missing'));
        this.#status.begin(body.call.sessionId);
        this.#inflight.set(request.requestId, body.call.sessionId);
        return this.#callLog(body, signal).then((value) => ({ data: value ?? 'ok' }));
      case 'call-match': {
        if (!isCallMatchBody(body))
          return Promise.reject(new TypeError('malformed call-match request: body.sessionIds is not a string array'));
        const result = dispatchRequest(this.#target, new CallMatchEvent(body, signal));
        // Nobody answered: "no entries" is the truthful answer, not a failure.
        return answerOf(result, () => Promise.resolve({})).then((value) => {
          if (!isCallMatchAnswer(value, body.sessionIds))
            throw new TypeError('call-match answer must map each asked sessionId to an array of entry objects');
          return { data: this.#status.merge(body.sessionIds, value) };
        });
      }
      case 'log-page-input':
        if (!isLogPageInputBody(body)) return Promise.reject(new TypeError('malformed log-page input request'));
        // The widget ignores this reply; the form changes through setLogPage().
        this.#target.dispatchEvent(new LogPageInputEvent(body));
        return Promise.resolve({ data: 'ok' });
      default:
        return undefined;
    }
  }

  timeoutFor(request: WidgetRequest): number {
    const kind = this.#routes.get(request.path);
    if (kind === 'log-page-input') return LOG_PAGE_INPUT_TIMEOUT;
    const widgetLimit = kind === 'call-match' ? WIDGET_TIMEOUT.callMatch : WIDGET_TIMEOUT.callLog;
    return Math.min(this.#wantedTimeout(), widgetLimit - WIDGET_TIMEOUT_MARGIN);
  }

  /** A reply went out: record what became of a call-log answer and report failures. */
  settled(request: WidgetRequest, failure?: { error: unknown }): void {
    const sessionId = this.#inflight.get(request.requestId);
    this.#inflight.delete(request.requestId);
    if (!failure) {
      if (sessionId) this.#succeeded(sessionId);
      return;
    }
    const { error } = failure;
    const what = sessionId
      ? `call-log (${(request.body as CallLogRequestBody).triggerType ?? 'no trigger'}) for session ${sessionId}`
      : `request to ${request.path}`;
    console.error(
      redact(`rc-call-logger: ${what} failed: ${messageOf(error)}. The widget was answered with this error.`),
    );
    if (sessionId) this.#failed(sessionId, error);
  }

  /** Whether back-fill should skip this session: logged by us already, or being logged right now. */
  isHandled(sessionId: string): boolean {
    return this.#logged.has(sessionId) || this.#status.isPending(sessionId);
  }

  /**
   * Fires `call-log` for a call no widget request asked about (back-fill) and waits for the answer, within
   * `response-timeout`. Resolves true when it was logged.
   */
  async logLocally(body: CallLogRequestBody, stop: AbortSignal): Promise<boolean> {
    const { sessionId } = body.call;
    const ms = this.#wantedTimeout();
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`no answer within ${ms} ms (response-timeout)`, 'TimeoutError')),
      ms,
    );
    const signal = AbortSignal.any([timeout.signal, stop]);
    this.#status.begin(sessionId);
    try {
      await untilAborted(this.#callLog(body, signal), signal);
      this.#succeeded(sessionId);
      return true;
    } catch (error) {
      console.error(redact(`rc-call-logger: call-log (backfill) for session ${sessionId} failed: ${messageOf(error)}`));
      this.#failed(sessionId, error);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  #callLog(body: CallLogRequestBody, signal: AbortSignal): Promise<unknown> {
    const result = dispatchRequest(this.#target, new CallLogEvent(body, signal));
    return answerOf(result, () =>
      Promise.reject(new Error('no call-log listener called respondWith(); nothing was logged')),
    );
  }

  #succeeded(sessionId: string): void {
    this.#status.succeeded(sessionId);
    this.#logged.delete(sessionId);
    this.#logged.add(sessionId);
    if (this.#logged.size > LOGGED_MEMORY) this.#logged.delete(this.#logged.values().next().value!);
  }

  #failed(sessionId: string, error: unknown): void {
    // Stopped because the element left: nobody knows whether the page's save went through, so show nothing.
    if (error instanceof DOMException && error.name === 'AbortError') {
      this.#status.settled(sessionId);
      return;
    }
    this.#status.failed(sessionId, redact(messageOf(error)));
    this.#rematch([sessionId]);
  }

  #wantedTimeout(): number {
    const { responseTimeout } = this.#target;
    return isValidTimeout(responseTimeout) ? responseTimeout : DEFAULT_RESPONSE_TIMEOUT;
  }
}

/**
 * Settles as `work` does, or rejects with `signal.reason` once `signal` aborts, whichever comes first. Removes its
 * listener either way: a listener left on a signal that outlives the request keeps the request in memory.
 */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The listener's answer, or `unanswered()` when nobody responded. A listener that threw makes it a failure. */
function answerOf<T>({ response, thrown }: DispatchResult<T>, unanswered: () => Promise<T>): Promise<T> {
  if (thrown) {
    response?.catch(() => {}); // superseded by the throw; keep it from surfacing as unhandled
    return Promise.reject(thrown.error);
  }
  return response ?? unanswered();
}

/** Hides RingCentral access tokens (recording URLs carry them) in anything we print or show. */
/** Hides access tokens in text we print, also when the URL was percent-encoded into it. */
export const redact = (text: string) => text.replace(/(access_token(?:=|%3D))[^&\s"']+/gi, '$1[redacted]');
