/**
 * The test's handle on the fake widget (test/fake-widget/), which runs on another origin than the test page.
 * It records what the widget frame reports it *received*, so tests assert on the wire, not on our internals.
 */

import type { CallLogRequestBody, TriggerType } from '../../src/index.js';

const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
/** Origin of the fake adapter and widget: same server, other host name, so another origin. */
export const WIDGET_ORIGIN = `${location.protocol}//${otherHost}:${location.port}`;
/** A third origin, for a widget hosted apart from its adapter and for frames that are not the widget. */
export const THIRD_ORIGIN = `${location.protocol}//127.0.0.2:${location.port}`;
export const ADAPTER_SRC = `${WIDGET_ORIGIN}/test/fake-widget/adapter.js`;
export const FRAME_ID = 'rc-widget-adapter-frame';

export interface Received {
  origin: string;
  data: { type?: string; [key: string]: unknown };
  booted: boolean;
}

interface Outcome {
  requestId: string;
  response?: unknown;
  timedOut?: boolean;
}

interface Report {
  type: string;
  requestId?: string;
  [key: string]: unknown;
}

export const frame = () => document.getElementById(FRAME_ID) as HTMLIFrameElement | null;

/** Polls `probe` until it returns something other than null, undefined or false. */
export async function until<T>(probe: () => T | null | undefined | false, what: string, timeout = 4000): Promise<T> {
  const end = performance.now() + timeout;
  for (;;) {
    const value = probe();
    if (value != null && value !== false) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets the event loop run for `ms`: for asserting that something did *not* happen. */
export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records every report of whatever widget frame is current. Create it before the element, stop it after. */
export class FakeWidget {
  readonly received: Received[] = [];
  readonly #outcomes = new Map<string, Outcome>();
  readonly #sent: Array<{ requestId: string; path: string; tag?: string }> = [];
  #window: Window | null = null;
  /** Where the widget frame's page last booted: it can navigate away from its `src`. */
  #origin: string | undefined;
  boots = 0;

  constructor() {
    window.addEventListener('message', this);
  }

  stop(): void {
    window.removeEventListener('message', this);
  }

  handleEvent(event: MessageEvent<Report>): void {
    // The last widget window stays the source of reports even once its frame is disposed.
    this.#window = frame()?.contentWindow ?? this.#window;
    if (!this.#window || event.source !== this.#window || typeof event.data?.type !== 'string') return;
    const { type, requestId } = event.data;
    if (type === 'fake-widget:received') this.received.push(event.data as unknown as Received);
    else if (type === 'fake-widget:booted') {
      this.boots++;
      this.#origin = event.data.origin as string;
    }
    else if (type === 'fake-widget:sent') {
      this.#sent.push({ requestId: requestId!, path: event.data.path as string, tag: event.data.tag as string | undefined });
    }
    else if (type === 'fake-widget:answered') this.#outcomes.set(requestId!, { requestId: requestId!, response: event.data.response });
    else if (type === 'fake-widget:timeout') this.#outcomes.set(requestId!, { requestId: requestId!, timedOut: true });
  }

  /** Registrations the widget received after it booted (the ones it keeps). */
  get registrations(): Array<Record<string, unknown>> {
    return this.received
      .filter((r) => r.booted && r.data.type === 'rc-adapter-register-third-party-service')
      .map((r) => r.data.service as Record<string, unknown>);
  }

  /** Every `rc-post-message-response` the widget received for `requestId`, duplicates included. */
  responsesTo(requestId: string): Received[] {
    return this.received.filter((r) => r.data.type === 'rc-post-message-response' && r.data.responseId === requestId);
  }

  waitForRegistrations(count: number, timeout?: number): Promise<Array<Record<string, unknown>>> {
    return until(() => this.registrations.length >= count && this.registrations, `${count} registration(s)`, timeout);
  }

  /** Sends a command to the widget frame, at its exact origin. */
  command(name: string, detail: Record<string, unknown> = {}): void {
    const current = frame();
    if (!current?.contentWindow) throw new Error('no widget frame');
    current.contentWindow.postMessage({ type: `fake-widget:${name}`, ...detail }, this.#origin ?? new URL(current.src).origin);
  }

  /** Makes the widget send a request; resolves with its id once sent. */
  async send(path: string, body: unknown, timeout?: number): Promise<string> {
    const tag = crypto.randomUUID();
    this.command('request', { path, body, timeout, tag });
    const sent = await until(() => this.#sent.find((s) => s.tag === tag), `the widget to send ${path}`);
    return sent.requestId;
  }

  /** The requests the widget sent on `path`, its own automatic ones included, oldest first. */
  sentTo(path: string): string[] {
    return this.#sent.filter((s) => s.path === path).map((s) => s.requestId);
  }

  /** Every response the widget accepted for requests on `path`, oldest first. */
  acceptedFor(path: string): unknown[] {
    return this.sentTo(path)
      .map((id) => this.#outcomes.get(id))
      .filter((outcome) => outcome && !outcome.timedOut)
      .map((outcome) => outcome!.response);
  }

  /** Messages of `type` the widget received from the page after it booted. */
  messages(type: string): Array<Record<string, unknown>> {
    return this.received.filter((r) => r.booted && r.data.type === type).map((r) => r.data);
  }

  /** Resolves with how the widget saw the request end: the response it accepted, or its own timeout. */
  outcome(requestId: string, timeout?: number): Promise<Outcome> {
    return until(() => this.#outcomes.get(requestId), `an answer to ${requestId}`, timeout);
  }

  /** Sends a request and waits for the widget to accept an answer; returns the `response` it got. */
  async request(path: string, body: unknown): Promise<unknown> {
    const outcome = await this.outcome(await this.send(path, body));
    if (outcome.timedOut) throw new Error(`the widget timed out waiting for ${path}`);
    return outcome.response;
  }
}

export const callBody = (sessionId = 'session-1', triggerType: TriggerType = 'createLog'): CallLogRequestBody => ({
  triggerType,
  call: {
    sessionId,
    telephonySessionId: `t-${sessionId}`,
    direction: 'Inbound',
    from: { phoneNumber: '+16505550111', name: 'Ada' },
    to: { phoneNumber: '+16505550100', extensionNumber: '101' },
    startTime: 1764000000000,
    duration: 42,
    result: 'Call connected',
  },
  fromEntity: null,
  toEntity: null,
  redirect: true,
});
