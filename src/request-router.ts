import type { CallLogRequestBody, ServiceRegistration } from './call-model.js';
import type { EndpointSettings } from './endpoints.js';
import { messageOf, noAnswerWithin, printFailure, redact } from './errors.js';
import { CallLogEvent, CallMatchEvent, LogPageInputEvent } from './events.js';
import {
  DEFAULT_RESPONSE_TIMEOUT,
  LOG_PAGE_INPUT_TIMEOUT,
  WIDGET_CALL_LOG_TIMEOUT,
  WIDGET_CALL_MATCH_TIMEOUT,
  isValidTimeout,
  replyTimeLimit,
} from './limits.js';
import type { LogRetry } from './log-retry.js';
import type { LogStatus } from './log-status.js';
import { loadDelivery } from './load-delivery.js';
import {
  isCallLogBody,
  isCallMatchAnswer,
  isCallMatchBody,
  isLogPageInputBody,
  type WidgetRequest,
} from './protocol.js';
import { dispatchRequest } from './request-dispatch.js';
import { withoutTokens } from './tokens.js';
import type { Answer, RequestHandler } from './widget-bridge.js';

type RequestKind = 'call-log' | 'call-match' | 'log-page-input';

/** What the router needs of the element it works for. */
export interface RouterHost extends EventTarget, EndpointSettings {
  /** The `response-timeout` setting; an invalid value means the default. */
  readonly responseTimeout: number;
  /** Whether the page asked for recording URLs with tokens; without it, listeners get none. */
  readonly recordingWithToken: boolean;
  readonly outbox: boolean;
  readonly retryFor: number;
}

/**
 * Follows each widget request from its arrival to its reply: routes it by path to a `call-log`, `call-match` or
 * `log-page-input` event on the element, turns the listener's answer into the reply, and records what became of
 * each call-log answer in the log status, which `call-match` replies then show.
 */
export class RequestRouter implements RequestHandler {
  /** Every path registered since the widget last loaded: it cannot forget one, so each keeps its kind until then. */
  readonly #routes = new Map<string, RequestKind>();
  #host: RouterHost;
  /** While no element is there to answer: settles when one is (`serve`). */
  #away: Promise<void> | undefined;
  #back = () => {};
  readonly #status: LogStatus;
  readonly #rematch: (sessionIds: string[]) => void;
  /** Where a failed call log goes to be sent again; while it loads, a promise that call-log outcomes wait for. */
  retry: LogRetry | Promise<LogRetry | undefined> | undefined;

  /** `rematch` asks the widget to match sessions again, so that a changed status shows at once. */
  constructor(host: RouterHost, status: LogStatus, rematch: (sessionIds: string[]) => void) {
    this.#host = host;
    this.#status = status;
    this.#rematch = rematch;
  }

  /** Routes requests on the registration's paths from now on. */
  registered(service: ServiceRegistration): void {
    if (service.callLoggerPath) this.#routes.set(service.callLoggerPath, 'call-log');
    if (service.callLogEntityMatcherPath) this.#routes.set(service.callLogEntityMatcherPath, 'call-match');
    if (typeof service.callLogPageInputChangedEventPath === 'string')
      this.#routes.set(service.callLogPageInputChangedEventPath, 'log-page-input');
  }

  /** No element answers for now: requests wait until `serve` names the one that will. */
  pause(): void {
    this.#away ??= new Promise((resolve) => (this.#back = resolve));
  }

  /** `host` answers from now on, starting with the requests that waited. */
  serve(host: RouterHost): void {
    this.#host = host;
    this.#away = undefined;
    this.#back();
  }

  /** The widget (re)loaded and forgot every path. */
  forgetRoutes(): void {
    this.#routes.clear();
  }

  answer(request: WidgetRequest, signal: AbortSignal): Answer | undefined {
    const away = this.#away;
    if (away && this.#routes.has(request.path)) {
      // Answered by whichever element comes next, within the widget's own limit; the close answers it otherwise.
      const later = away.then(() => (signal.aborted ? undefined : this.answer(request, signal)));
      return {
        response: later.then((answer) => answer?.response),
        timeout: this.#timeout(WIDGET_CALL_LOG_TIMEOUT),
        settled: (failure) => void later.then((answer) => answer?.settled(failure)),
      };
    }
    const { body } = request;
    switch (this.#routes.get(request.path)) {
      case 'call-log':
        return isCallLogBody(body)
          ? this.#logAnswer(body, signal)
          : this.#refused(request, 'malformed call-log request: body.call.sessionId is missing');
      case 'call-match': {
        if (!isCallMatchBody(body))
          return this.#refused(request, 'malformed call-match request: body.sessionIds is not a string array');
        // Nobody answered: match-url does, or "no entries" is the truthful answer, not a failure.
        const { sessionIds, activeSessionIds } = body;
        const unanswered = () =>
          this.#host.matchUrl
            ? loadDelivery().then(({ postMatch }) => postMatch(this.#host, { sessionIds, activeSessionIds }, signal))
            : Promise.resolve({});
        const response = dispatchRequest(this.#host, new CallMatchEvent(body, signal), unanswered).then((value) => {
          if (!isCallMatchAnswer(value, body.sessionIds))
            throw new TypeError('call-match answer must map each asked sessionId to an array of entry objects');
          return { data: this.#status.merge(body.sessionIds, value) };
        });
        return this.#answered(request, response, this.#timeout(WIDGET_CALL_MATCH_TIMEOUT));
      }
      case 'log-page-input':
        if (!isLogPageInputBody(body)) return this.#refused(request, 'malformed log-page input request');
        // The widget ignores this reply; the form changes through setLogPage().
        this.#host.dispatchEvent(new LogPageInputEvent(this.#ours(body)));
        return this.#answered(request, Promise.resolve({ data: 'ok' }), LOG_PAGE_INPUT_TIMEOUT);
      default:
        return undefined;
    }
  }

  /**
   * Fires `call-log` for a call no widget request asked about (back-fill) and waits for the answer, within
   * `response-timeout`. Resolves true when it was logged.
   */
  async logLocally(body: CallLogRequestBody, stop: AbortSignal): Promise<boolean> {
    let answer: Answer | undefined;
    try {
      await this.#withinTimeout(stop, (signal) => (answer = this.#logAnswer(body, signal, '')).response);
      answer!.settled();
      return true;
    } catch (error) {
      answer!.settled({ error });
      return false;
    }
  }

  /**
   * Sends a call log from the outbox again, as attempt `attempt`: `call-log` with trigger `retry` (or log-url),
   * within `response-timeout`. Rejects when it failed again.
   */
  resend(body: CallLogRequestBody, attempt: number, stop: AbortSignal): Promise<unknown> {
    return this.#withinTimeout(stop, (signal) =>
      this.#callLog({ ...body, triggerType: 'retry', attempt }, signal, attempt),
    );
  }

  /** Runs `work` with a signal that aborts at `stop` or after `response-timeout`; rejects with the abort reason. */
  async #withinTimeout<T>(stop: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ms = this.#wantedTimeout();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(noAnswerWithin(ms)), ms);
    const signal = AbortSignal.any([timeout.signal, stop]);
    try {
      return await untilAborted(work(signal), signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A call-log answer: its outcome goes to the log status; a failure is printed with `outcome` after it. */
  #logAnswer(body: CallLogRequestBody, signal: AbortSignal, outcome = ANSWERED_WITH_ERROR): Answer {
    const { sessionId } = body.call;
    this.#status.begin(sessionId);
    return {
      response: this.#afterRetryOf(sessionId, () => this.#callLog(body, signal)).then((value) => ({
        data: value ?? 'ok',
      })),
      timeout: this.#timeout(WIDGET_CALL_LOG_TIMEOUT),
      settled: (failure) => {
        if (!failure) {
          this.#status.succeeded(sessionId);
          return this.#withRetry((retry) => retry?.delivered(body));
        }
        const { error } = failure;
        printFailure(`call-log (${body.triggerType ?? 'no trigger'}) for session ${sessionId} failed`, error, outcome);
        // Stopped because the element left: nobody knows whether the page's save went through, so show nothing.
        if (error instanceof DOMException && error.name === 'AbortError') return this.#status.settled(sessionId);
        this.#withRetry((retry) => {
          if (retry?.queue(body, error)) return;
          this.#status.failed(sessionId, redact(messageOf(error)));
          this.#rematch([sessionId]);
        });
      },
    };
  }

  /**
   * Runs `send` once this tab's retry of the same call, if one is in flight, has ended: the newer log must reach the
   * service last, or the older one would overwrite it.
   */
  #afterRetryOf(sessionId: string, send: () => Promise<unknown>): Promise<unknown> {
    const inFlight = this.retry instanceof Promise ? undefined : this.retry?.sent(sessionId);
    return inFlight ? inFlight.then(send) : send();
  }

  /** Runs `work` with the retry: at once, unless it is still loading. */
  #withRetry(work: (retry: LogRetry | undefined) => void): void {
    const { retry } = this;
    if (retry instanceof Promise) void retry.then(work);
    else work(retry);
  }

  /** A `call-log` event, answered by a listener or else by log-url. */
  #callLog(body: CallLogRequestBody, signal: AbortSignal, attempt = 1): Promise<unknown> {
    const ours = this.#ours(body);
    return dispatchRequest(this.#host, new CallLogEvent(ours, signal, attempt), () => {
      if (this.#host.logUrl) return loadDelivery().then(({ putLog }) => putLog(this.#host, ours, signal));
      // A page without a listener does not get one by retrying; a retry may come before the page's listener.
      const error = new Error('no call-log listener called respondWith(); nothing was logged');
      return Promise.reject(Object.assign(error, { retry: attempt > 1 }));
    });
  }

  /** Call data for the page's listeners: tokens only when the page itself asked for them. */
  #ours<T>(body: T): T {
    return this.#host.recordingWithToken ? body : withoutTokens(body);
  }

  /** An answer whose failure is printed; nothing else is recorded. */
  #answered(request: WidgetRequest, response: Promise<unknown>, timeout: number): Answer {
    return {
      response,
      timeout,
      settled: (failure) => {
        if (failure) printFailure(`request to ${request.path} failed`, failure.error, ANSWERED_WITH_ERROR);
      },
    };
  }

  /** A request on our path that we cannot answer: an error reply at once. */
  #refused(request: WidgetRequest, message: string): Answer {
    return this.#answered(request, Promise.reject(new TypeError(message)), LOG_PAGE_INPUT_TIMEOUT);
  }

  /** The response-timeout, kept below the widget's own limit for this kind of request. */
  #timeout(widgetLimit: number): number {
    return Math.min(this.#wantedTimeout(), replyTimeLimit(widgetLimit));
  }

  #wantedTimeout(): number {
    const { responseTimeout } = this.#host;
    return isValidTimeout(responseTimeout) ? responseTimeout : DEFAULT_RESPONSE_TIMEOUT;
  }
}

const ANSWERED_WITH_ERROR = '. The widget was answered with this error.';

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
