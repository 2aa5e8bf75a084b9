import {
  ADAPTER_REQUEST,
  ADAPTER_RESPONSE,
  errorResponse,
  isWidgetMessage,
  isWidgetRequest,
  responseMessage,
  type WidgetMessage,
  type WidgetRequest,
} from './protocol.js';

export interface BridgeHandlers {
  /** Any well-formed message from the widget that is not a request (lifecycle notifications and the like). */
  onMessage(message: WidgetMessage): void;
  /**
   * A request from the widget. Return a promise of the `response` to send, or `undefined` to leave the request
   * to someone else (a path we did not register). A rejection is answered as `{error: {message}}`.
   */
  onRequest(request: WidgetRequest, signal: AbortSignal): Promise<unknown> | undefined;
  /** How long to wait for `onRequest`'s promise. */
  timeoutFor(request: WidgetRequest): number;
  /** Called once each reply is posted: with `failure` when the reply was an error. */
  onSettled(request: WidgetRequest, failure?: { error: unknown }): void;
}

/** How many answered request IDs we remember to refuse a repeated request. */
const ANSWERED_MEMORY = 500;

/** A widget request being answered. */
interface Pending {
  readonly request: WidgetRequest;
  /** The listener's `event.signal`: aborts on timeout or when the bridge closes. */
  readonly controller: AbortController;
  readonly timeout: number;
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
  readonly #handlers: BridgeHandlers;
  readonly #closed = new AbortController();
  /** Requests being answered, by request ID; whoever takes one out of here sends its only reply. */
  readonly #pending = new Map<string, Pending>();
  readonly #answered = new Set<string>();
  /** Our own requests to the widget, by request ID. */
  readonly #asked = new Map<string, (response: unknown) => void>();
  /**
   * One timer for every pending request, armed for the earliest deadline: a timer per request cost more than the
   * rest of the reply path (the benchmark's profile), and most answers come long before any deadline.
   */
  #expiry: ReturnType<typeof setTimeout> | undefined;
  #expiryAt = Infinity;

  constructor(frame: HTMLIFrameElement, handlers: BridgeHandlers) {
    this.#frame = frame;
    this.#handlers = handlers;
    this.origin = new URL(frame.src, document.baseURI).origin;
    window.addEventListener('message', this, { signal: this.#closed.signal });
  }

  handleEvent(event: MessageEvent): void {
    // Cheapest test first: a foreign window costs one comparison.
    if (event.source === null || event.source !== this.#frame.contentWindow || event.origin !== this.origin) return;
    const data: unknown = event.data;
    if (isWidgetRequest(data)) this.#answer(data);
    else if (isWidgetMessage(data) && data.type === ADAPTER_RESPONSE)
      this.#asked.get(data.responseId as string)?.(data.response);
    else if (isWidgetMessage(data)) this.#handlers.onMessage(data);
  }

  /**
   * Asks the widget through its request API (`rc-adapter-message-request`) and resolves with its `response`.
   * Rejects after `timeout` ms, or when the bridge closes.
   */
  request(path: string, body: unknown, timeout: number): Promise<unknown> {
    const requestId = crypto.randomUUID();
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
      if (!this.post({ type: ADAPTER_REQUEST, requestId, path, body }))
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

  /** Stops listening and answers every pending request with an error at once (their signals abort with `reason`). */
  close(reason: Error): void {
    this.#closed.abort(reason);
    clearTimeout(this.#expiry);
    for (const pending of this.#pending.values()) this.#abandon(pending, reason);
  }

  #answer(request: WidgetRequest): void {
    const { requestId } = request;
    if (this.#pending.has(requestId) || this.#answered.has(requestId)) return;
    const controller = new AbortController();
    const response = this.#handlers.onRequest(request, controller.signal);
    if (!response) return;
    const timeout = this.#handlers.timeoutFor(request);
    const pending = { request, controller, timeout, deadline: performance.now() + timeout };
    this.#pending.set(requestId, pending);
    if (pending.deadline < this.#expiryAt) this.#expireAt(pending.deadline);
    response.then(
      (value) => this.#take(pending) && this.#reply(request, value),
      (error: unknown) => this.#take(pending) && this.#fail(request, error),
    );
  }

  /** Removes `pending` so that nothing else answers it; false when it was answered already. */
  #take({ request: { requestId } }: Pending): boolean {
    if (!this.#pending.delete(requestId)) return false;
    this.#answered.add(requestId);
    if (this.#answered.size > ANSWERED_MEMORY) this.#answered.delete(this.#answered.values().next().value!);
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
    for (const pending of this.#pending.values()) {
      if (pending.deadline <= now) {
        const error = new DOMException(`no answer within ${pending.timeout} ms (response-timeout)`, 'TimeoutError');
        this.#abandon(pending, error);
      } else if (pending.deadline < next) next = pending.deadline;
    }
    if (next < Infinity) this.#expireAt(next);
  }

  /** Stops waiting for `pending`'s answer: the widget gets an error reply, the listener an aborted signal. */
  #abandon(pending: Pending, reason: Error): void {
    if (this.#take(pending)) this.#fail(pending.request, reason, pending.controller);
  }

  /** Posts the reply and reports it; when it could not be cloned, an error reply goes instead. */
  #reply(request: WidgetRequest, response: unknown): void {
    try {
      this.post(responseMessage(request.requestId, response));
    } catch (error) {
      // DataCloneError: the answer cannot cross postMessage (functions, DOM nodes, …).
      this.#fail(request, error);
      return;
    }
    this.#settled(request);
  }

  #fail(request: WidgetRequest, error: unknown, controller?: AbortController): void {
    // Reply first: nothing about reporting may cost the widget its answer.
    this.post(responseMessage(request.requestId, errorResponse(messageOf(error))));
    controller?.abort(error);
    this.#settled(request, { error });
  }

  /** Reports a reply. What the report throws (a page's own `console.error` can) must not stop other replies. */
  #settled(request: WidgetRequest, failure?: { error: unknown }): void {
    try {
      this.#handlers.onSettled(request, failure);
    } catch (error) {
      reportError(error);
    }
  }
}

/** A readable message for any thrown or rejected value; never throws. */
export function messageOf(error: unknown): string {
  try {
    if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
    if (error === undefined || error === null) return 'rejected without a reason';
    // Any other value: its own string form (a thrown string, an object with a toString).
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return String(error);
  } catch {
    return 'rejected with a value that has no message';
  }
}
