import { messageOf, noAnswerWithin } from './errors.js';
import { ANSWERED_MEMORY, DISPOSE_GRACE, forgetOldest } from './limits.js';
import {
  WIDGET_REPLY,
  errorResponse,
  isWidgetMessage,
  isWidgetRequest,
  pageRequestMessage,
  replyMessage,
  type WidgetMessage,
  type WidgetRequest,
} from './protocol.js';

/** How the page answers one widget request. */
export interface Answer {
  /** Settles with the `response` to send; a rejection is sent as `{error: {message}}`. */
  readonly response: Promise<unknown>;
  /** How long to wait for `response` before replying with a timeout error. */
  readonly timeout: number;
  /** Called once the reply is posted: with `failure` when the reply was an error. */
  settled(failure?: { error: unknown }): void;
}

/** Answers the widget's requests: the request router. */
export interface RequestHandler {
  /** Starts answering `request`, or returns undefined to leave it to someone else (a path that is not ours). */
  answer(request: WidgetRequest, signal: AbortSignal): Answer | undefined;
}

/** A widget request being answered. */
interface Pending {
  readonly request: WidgetRequest;
  readonly answer: Answer;
  /** The listener's `event.signal`: aborts on timeout or when the bridge closes. */
  readonly controller: AbortController;
  /** `performance.now()` by which the widget must have its reply. */
  readonly deadline: number;
}

/**
 * The page's side of the postMessage channel with one widget frame. It accepts messages only from that frame's
 * window at that frame's origin, posts only to that exact origin, and answers each request exactly once.
 */
export class WidgetBridge {
  /** The widget's origin, from the frame's URL (not the adapter script's: they can differ). */
  readonly origin: string;
  readonly #frame: HTMLIFrameElement;
  readonly #requests: RequestHandler;
  readonly #onMessage: (message: WidgetMessage) => void;
  readonly #closed = new AbortController();
  /** Closing: only the widget's replies to the page's requests are heard. */
  #closing = false;
  /** Requests being answered, by request ID; whoever takes one out of here sends its only reply. */
  readonly #pending = new Map<string, Pending>();
  readonly #answered = new Set<string>();
  /** The page's own requests to the widget, by request ID. */
  readonly #asked = new Map<string, (response: unknown) => void>();
  /**
   * One timer for every pending request, armed for the earliest deadline: a timer per request cost more than the
   * rest of the reply path (the benchmark's profile), and most answers come long before any deadline.
   */
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #expiryAt = Infinity;

  /**
   * `onMessage` gets every well-formed message from the widget that is neither a request nor a reply;
   * `onNavigated` is called when the frame loads a page the element did not ask for.
   */
  constructor(
    frame: HTMLIFrameElement,
    requests: RequestHandler,
    onMessage: (message: WidgetMessage) => void,
    onNavigated: () => void,
  ) {
    this.#frame = frame;
    this.#requests = requests;
    this.#onMessage = onMessage;
    this.origin = new URL(frame.src).origin; // `src` reads as an absolute URL
    const { signal } = this.#closed;
    window.addEventListener('message', this, { signal });
    // The one load we expect is of the frame's `src`, while it still shows its first, blank document. Any later load
    // is a navigation someone else caused: any window at the widget's origin can navigate it, and the page it loads
    // then passes every source and origin check.
    let expected = !frame.isConnected || frame.contentDocument?.URL === 'about:blank';
    frame.addEventListener(
      'load',
      () => {
        if (expected) expected = false;
        else this.#navigated(onNavigated);
      },
      { signal },
    );
  }

  handleEvent(event: MessageEvent): void {
    // Cheapest test first: a foreign window costs one comparison.
    if (event.source === null || event.source !== this.#frame.contentWindow || event.origin !== this.origin) return;
    const data: unknown = event.data;
    if (!isWidgetMessage(data)) return;
    if (data.type === WIDGET_REPLY) this.#asked.get(data.responseId as string)?.(data.response);
    else if (this.#closing) return;
    else if (isWidgetRequest(data)) this.#answer(data);
    else this.#onMessage(data);
  }

  /**
   * Asks the widget through its request API and resolves with its `response`. Rejects after `timeout` ms, or when
   * the bridge closes.
   */
  request(path: string, body: unknown, timeout: number): Promise<unknown> {
    // Opaque to the widget; not crypto.randomUUID(), which pages on plain http (not a secure context) lack.
    const requestId = crypto.getRandomValues(new Uint32Array(4)).join('-');
    const closed = this.#closed.signal;
    return new Promise((resolve, reject) => {
      const finish = (error: Error | undefined, response?: unknown) => {
        clearTimeout(timer);
        closed.removeEventListener('abort', onClose);
        this.#asked.delete(requestId);
        if (error) reject(error);
        else resolve(response);
      };
      const onClose = () => finish(closed.reason as Error);
      const timer = setTimeout(
        () => finish(new DOMException(`the widget did not answer ${path} within ${timeout} ms`, 'TimeoutError')),
        timeout,
      );
      if (closed.aborted) return onClose();
      closed.addEventListener('abort', onClose);
      this.#asked.set(requestId, (response) => finish(undefined, response));
      if (!this.post(pageRequestMessage(requestId, path, body)))
        finish(new Error('rc-call-logger: the widget frame is gone'));
    });
  }

  /** Posts to the widget at its exact origin. False when the frame has no window (detached). */
  post(message: unknown): boolean {
    const target = this.#frame.contentWindow;
    if (!target) return false;
    target.postMessage(message, this.origin);
    return true;
  }

  /**
   * Answers every pending request with an error at once (their signals abort with `reason`) and hears nothing more.
   * Resolves once the widget has read those replies: it reads in order, so when it answers a request posted after
   * them (a path it does not know), or after DISPOSE_GRACE at most.
   */
  async close(reason: Error): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#expiry);
    for (const pending of this.#pending.values()) this.#abandon(pending, reason);
    await this.request('/rc-call-logger/read-replies', null, DISPOSE_GRACE).catch(() => {});
    this.#closed.abort(reason);
  }

  /** The page that asked is gone: its pending requests get no reply (it would go to the new page), ours no answer. */
  #navigated(onNavigated: () => void): void {
    const reason = new DOMException('the widget frame was navigated away', 'AbortError');
    for (const pending of this.#pending.values()) {
      if (!this.#take(pending)) continue;
      pending.controller.abort(reason);
      this.#settled(pending, { error: reason });
    }
    this.#asked.clear();
    onNavigated();
  }

  #answer(request: WidgetRequest): void {
    const { requestId } = request;
    if (this.#pending.has(requestId) || this.#answered.has(requestId)) return;
    const controller = new AbortController();
    const answer = this.#requests.answer(request, controller.signal);
    if (!answer) return;
    const pending = { request, answer, controller, deadline: performance.now() + answer.timeout };
    this.#pending.set(requestId, pending);
    if (pending.deadline < this.#expiryAt) this.#expireAt(pending.deadline);
    answer.response.then(
      (value) => this.#take(pending) && this.#reply(pending, value),
      (error: unknown) => this.#take(pending) && this.#fail(pending, error),
    );
  }

  /** Removes `pending` so that nothing else answers it; false when it was answered already. */
  #take({ request: { requestId } }: Pending): boolean {
    if (!this.#pending.delete(requestId)) return false;
    this.#answered.add(requestId);
    forgetOldest(this.#answered, ANSWERED_MEMORY);
    return true;
  }

  #expireAt(deadline: number): void {
    clearTimeout(this.#expiry);
    this.#expiryAt = deadline;
    // Never early: a timer that fires just before the deadline would re-arm from its own callback, and Chrome
    // throttles long chains of timers in hidden tabs.
    this.#expiry = setTimeout(() => this.#expire(), Math.ceil(deadline - performance.now()) + 1);
  }

  /** Answers every request past its deadline with a timeout error, and waits for the next deadline. */
  #expire(): void {
    this.#expiry = undefined;
    this.#expiryAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    // In deadline order: after a long task several may be overdue, and the one due first is answered first.
    for (const pending of [...this.#pending.values()].sort((a, b) => a.deadline - b.deadline)) {
      if (pending.deadline <= now) {
        const { timeout } = pending.answer;
        this.#abandon(pending, noAnswerWithin(timeout));
      } else if (pending.deadline < next) next = pending.deadline;
    }
    if (next < Infinity) this.#expireAt(next);
  }

  /** Stops waiting for `pending`'s answer: the widget gets an error reply, the listener an aborted signal. */
  #abandon(pending: Pending, reason: Error): void {
    if (this.#take(pending)) this.#fail(pending, reason, true);
  }

  /** Posts the reply and reports it; when it could not be cloned, an error reply goes instead. */
  #reply(pending: Pending, response: unknown): void {
    try {
      this.post(replyMessage(pending.request.requestId, response));
    } catch (error) {
      // DataCloneError: the answer cannot cross postMessage (functions, DOM nodes, …).
      this.#fail(pending, error);
      return;
    }
    this.#settled(pending);
  }

  /** Replies with `error`; `abort` also aborts the listener's signal (we stopped waiting, the listener did not fail). */
  #fail(pending: Pending, error: unknown, abort = false): void {
    // Reply first: nothing about reporting may cost the widget its answer.
    this.post(replyMessage(pending.request.requestId, errorResponse(messageOf(error))));
    if (abort) pending.controller.abort(error);
    this.#settled(pending, { error });
  }

  /** Reports a reply. What the report throws (a page's own `console.error` can) must not stop other replies. */
  #settled(pending: Pending, failure?: { error: unknown }): void {
    try {
      pending.answer.settled(failure);
    } catch (error) {
      reportError(error);
    }
  }
}
