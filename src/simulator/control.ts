/**
 * Drives the widget simulator from the page that embeds it, for tests of your `call-log` / `call-match` handlers:
 * make calls, click Log, send raw requests, and see exactly what the widget received back.
 *
 * The simulator reports to its parent's exact origin; this class listens for those reports from the current widget
 * frame only, and sends commands to that frame's origin. Create it before the element starts the widget.
 */
import { uuid } from './uuid.js';

/** The widget frame's id: `<prefix>-adapter-frame`, with the default prefix. */
export const SIMULATOR_FRAME_ID = 'rc-widget-adapter-frame';

/** A message the widget frame received, as it reported it. */
export interface SimulatorReceived {
  origin: string;
  /** What was posted: usually a message object, but a page can post anything, `null` included. */
  data: { type?: string; [key: string]: unknown } | null;
  /** Whether the widget had booted: what it received before is lost, as in the real widget. */
  booted: boolean;
}

/** How the widget saw one of its requests end. */
export interface RequestOutcome {
  requestId: string;
  /** The `response` it accepted (the first one; later ones are ignored). */
  response?: unknown;
  /** The widget's own timeout fired first (15 s log, 30 s match, 3 s otherwise). */
  timedOut?: boolean;
}

export interface NewCallOptions {
  direction?: 'Inbound' | 'Outbound';
  /** Rings, then ends unanswered: `result: 'Missed'`, no recording. */
  missed?: boolean;
  /** Plays the call by itself (default); `false` leaves it ringing until `advance()`. */
  autoplay?: boolean;
  /** An ended, synced call from an hour ago, as if it happened while the widget was closed. */
  past?: boolean;
  name?: string;
  phoneNumber?: string;
}

export type CallStep = 'answer' | 'hangup' | 'sync' | 'record';

export interface SimulatedCallState {
  sessionId: string;
  direction: 'Inbound' | 'Outbound';
  phase: 'Ringing' | 'CallConnected' | 'Ended';
  /** Its call-log record has arrived (`callLogSync`). */
  synced: boolean;
  recording: boolean;
  /** Your matcher returned an entry other than `type: 'status'` for it. */
  logged: boolean;
  /** The `status` entry the widget shows on it, if any. */
  status: { status?: string; message?: string } | null;
  /** A log request for it is waiting for your answer. */
  logging: boolean;
}

export interface SimulatorState {
  loggedIn: boolean;
  /** `null` until the call logger is ready (logged in and registered). */
  autoLog: boolean | null;
  registered: boolean;
  /** The call whose log page is open, if any. */
  logPageOpenFor: string | null;
  calls: SimulatedCallState[];
}

interface Report {
  type: string;
  requestId?: string;
  tag?: string;
  [key: string]: unknown;
}

const PREFIX = 'rc-simulator:';
/**
 * How long a wait may take before it fails, unless told otherwise. Generous: on a busy machine a wait takes longer,
 * and it still ends as soon as what it waits for happens.
 */
const WAIT = 30_000;

export class SimulatorControl {
  /** Everything the widget frame received, in order, across reloads. */
  readonly received: SimulatorReceived[] = [];
  /** How many times a widget page booted. */
  boots = 0;
  readonly #outcomes = new Map<string, RequestOutcome>();
  readonly #sent: Array<{ requestId: string; path: string; tag?: string }> = [];
  // Indexes, so that thousands of requests in flight cost the page little.
  readonly #sentByTag = new Map<string, { requestId: string; path: string }>();
  readonly #responses = new Map<string, SimulatorReceived[]>();
  readonly #tagged = new Map<string, Report>();
  readonly #registrations: Array<Record<string, unknown>> = [];
  /** The page's own requests (`rc-adapter-message-request`) the widget has answered, by request ID. */
  readonly #replied = new Set<string>();
  readonly #followed = new WeakSet<Window>();
  readonly #waiters = new Set<() => void>();
  readonly #frame: () => HTMLIFrameElement | null;
  #window: Window | null = null;
  /** Where the widget page last booted: it can navigate away from its `src`. */
  #origin: string | undefined;

  /** Create it before the element starts the widget: it follows only widget pages it sees boot. */
  constructor({ frame }: { frame?: () => HTMLIFrameElement | null } = {}) {
    this.#frame = frame ?? (() => document.getElementById(SIMULATOR_FRAME_ID) as HTMLIFrameElement | null);
    window.addEventListener('message', this);
  }

  /** Stops listening. */
  stop(): void {
    window.removeEventListener('message', this);
  }

  /** @internal */
  handleEvent(event: MessageEvent<Report>): void {
    // The last widget window stays the source of reports even once its frame is disposed.
    this.#window = this.#frame()?.contentWindow ?? this.#window;
    const report = event.data;
    if (
      !this.#window ||
      event.source !== this.#window ||
      typeof report?.type !== 'string' ||
      !report.type.startsWith(PREFIX)
    )
      return;
    const { requestId, tag } = report;
    const kind = report.type.slice(PREFIX.length);
    // Only widgets seen from their boot on are followed: a widget page that booted before this control listened
    // belongs to someone else, such as the previous test's element, which can linger for a moment.
    if (!this.#followed.has(this.#window)) {
      if (kind !== 'booted' && !(kind === 'received' && report.booted === false)) return;
      this.#followed.add(this.#window);
    }
    if (kind === 'received') {
      const received = report as unknown as SimulatorReceived;
      this.received.push(received);
      const { type, responseId } = received.data ?? {}; // the page may post anything, null included
      if (type === 'rc-post-message-response' && typeof responseId === 'string') {
        this.#responses.set(responseId, [...(this.#responses.get(responseId) ?? []), received]);
      }
    } else if (kind === 'booted') {
      this.boots++;
      this.#origin = report.origin as string;
    } else if (kind === 'sent') {
      this.#sent.push({ requestId: requestId!, path: report.path as string, tag });
      if (tag) this.#sentByTag.set(tag, { requestId: requestId!, path: report.path as string });
    } else if (kind === 'answered')
      this.#outcomes.set(requestId!, { requestId: requestId!, response: report.response });
    else if (kind === 'timeout') this.#outcomes.set(requestId!, { requestId: requestId!, timedOut: true });
    else if (kind === 'registered') this.#registrations.push(report.service as Record<string, unknown>);
    else if (kind === 'replied') this.#replied.add(requestId!);
    else if (tag) this.#tagged.set(tag, report);
    for (const check of this.#waiters) check();
  }

  /** The registrations the widget accepted (posted after it booted, with a `service.name`), oldest first. */
  get registrations(): Array<Record<string, unknown>> {
    return [...this.#registrations];
  }

  /** Messages of `type` the widget received from the page after it booted. */
  messages(type: string): Array<Record<string, unknown>> {
    return this.received.filter((r) => r.booted && r.data?.type === type).map((r) => r.data!);
  }

  /** Every `rc-post-message-response` the widget received for `requestId`, duplicates included. */
  responsesTo(requestId: string): SimulatorReceived[] {
    return [...(this.#responses.get(requestId) ?? [])];
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

  /** Resolves once the widget's reply to the page's own request `requestId` (`rc-adapter-message-request`) has reached the page. */
  async replyReached(requestId: string, timeout?: number): Promise<void> {
    await this.#when(() => this.#replied.has(requestId), `the reply to ${requestId}`, timeout);
  }

  waitForRegistrations(count: number, timeout?: number): Promise<Array<Record<string, unknown>>> {
    return this.#when(
      () => this.registrations.length >= count && this.registrations,
      `${count} registration(s)`,
      timeout,
    );
  }

  /** Sends a command to the widget frame, at its exact origin. */
  command(name: string, detail: Record<string, unknown> = {}): void {
    const current = this.#frame();
    if (!current?.contentWindow) throw new Error('rc-call-logger simulator: no widget frame');
    current.contentWindow.postMessage(
      { ...detail, type: `${PREFIX}${name}` },
      this.#origin ?? new URL(current.src).origin,
    );
  }

  /**
   * Makes the widget send a raw `rc-post-message-request` now; resolves with its `requestId` once the page has
   * received it (its `message` listeners have run).
   */
  async send(path: string, body: unknown, timeout?: number): Promise<string> {
    const tag = uuid();
    this.command('request', { path, body, timeout, tag });
    const sent = await this.#when(() => this.#sentByTag.get(tag), `the widget to send ${path}`);
    this.#sentByTag.delete(tag);
    return sent.requestId;
  }

  /** Resolves with how the widget saw the request end: the response it accepted, or its own timeout. */
  outcome(requestId: string, timeout = 35_000): Promise<RequestOutcome> {
    return this.#when(() => this.#outcomes.get(requestId), `an answer to ${requestId}`, timeout);
  }

  /** Sends a request and waits for the widget to accept an answer; returns the `response` it got. */
  async request(path: string, body: unknown): Promise<unknown> {
    const outcome = await this.outcome(await this.send(path, body));
    if (outcome.timedOut) throw new Error(`the widget timed out waiting for ${path}`);
    return outcome.response;
  }

  /** Starts a simulated call; resolves with its `sessionId`. */
  async call(options: NewCallOptions = {}): Promise<string> {
    return (await this.#ask('call', { ...options })).sessionId as string;
  }

  /** Moves a call on by one step (for calls made with `autoplay: false`). */
  advance(sessionId: string, step: CallStep): void {
    this.command('advance', { sessionId, step });
  }

  /** Clicks a call's Log (or Edit log) button, or its View log button. */
  click(sessionId: string, button: 'log' | 'view'): void {
    this.command('click', { sessionId, button });
  }

  /** Flips the "Auto log calls" toggle, as the user would. */
  setAutoLog(value: boolean): void {
    this.command('autoLog', { value });
  }

  /** Fills the open log page (each field reported as changed, like a user's typing) and saves it if `save`. */
  fillLogPage(formData: Record<string, unknown>, { save = false } = {}): void {
    this.command('logPage', { formData, save });
  }

  /**
   * A marker through the channel itself, for showing that something did *not* happen. Resolves once both sides are
   * quiet: every message either side posted before the call, and every reply the page gave to those (microtasks
   * included), has arrived and been reported. Both sides handle messages in order, so no fixed wait is needed.
   * `timeout` bounds each of its two round trips, which wait behind everything queued before them.
   */
  async flush(timeout = WAIT): Promise<void> {
    // Twice: the first round trip brings the page everything the widget had posted; the second takes the page's
    // replies to those to the widget. Each after a task, so that what the page has queued in microtasks goes first.
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      await this.#ask('ping', {}, timeout);
    }
  }

  /** What the simulator shows: login, auto log, and each call with its logged state. */
  async state(): Promise<SimulatorState> {
    return (await this.#ask('state')).state as SimulatorState;
  }

  /** Resolves once `sessionId`'s state satisfies `ready` (by default: logged). */
  async waitForCall(
    sessionId: string,
    ready: (call: SimulatedCallState) => boolean = (call) => call.logged,
    timeout = WAIT,
  ) {
    const end = performance.now() + timeout;
    for (;;) {
      const call = (await this.state()).calls.find((c) => c.sessionId === sessionId);
      if (call && ready(call)) return call;
      if (performance.now() > end) throw new Error(`rc-call-logger simulator: timed out waiting for call ${sessionId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async #ask(name: string, detail: Record<string, unknown> = {}, timeout = WAIT): Promise<Report> {
    const tag = uuid();
    this.command(name, { ...detail, tag });
    const report = await this.#when(() => this.#tagged.get(tag), `the simulator to answer ${name}`, timeout);
    this.#tagged.delete(tag);
    return report;
  }

  /** Resolves with `probe()`'s first value other than null, undefined or false, checked on every report. */
  #when<T>(probe: () => T | null | undefined | false, what: string, timeout = WAIT): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value == null || value === false) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`rc-call-logger simulator: timed out waiting for ${what}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }
}
