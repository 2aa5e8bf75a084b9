/**
 * Seeded hostile traffic against a running element: fuzzing, fault injection, widget reloads and mount cycles.
 * The CI tests (test/hardening.test.ts) run it at the sizes the issue sets; `npm run stress` runs it larger.
 * Every figure is read from what the widget reports it received, or from the page itself.
 */
import type { CallLogEvent, RcCallLoggerElement, WidgetRequestEvent } from '../../src/index.js';
import { SimulatorControl, callBody, frame, nextTask, until } from './simulator.js';

export const LOG = '/callLogger';
export const MATCH = '/callLogger/match';

/** mulberry32: a small seeded generator, so that a failing run can be replayed from its seed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof seeded>;

/** Odd values that survive postMessage: exotic cloneable types, huge and deep shapes, prototype keys. */
function oddValue(random: Random, depth = 0): unknown {
  const values: Array<() => unknown> = [
    () => null,
    () => undefined,
    () => random.int(1e9) - 5e8,
    () => NaN,
    () => -0,
    () => BigInt(random.int(1e6)),
    () => '',
    () => 'x'.repeat(random.int(40)),
    () => (random.next() < 0.05 ? 'é😀\u0000'.repeat(25_000) : 'é😀\u0000'),
    () => true,
    () => new Date(random.int(2e12)),
    () => /re(g)ex/giu,
    () => new Map([[random.int(9), 'v']]),
    () => new Set([1, 2]),
    () => new Uint8Array(random.int(64)),
    () => new Blob(['x']),
    () => new Error('cloned error'),
    () => (random.next() < 0.05 ? Array.from({ length: 20_000 }, (_, i) => i) : [1, 'two', null]),
    () =>
      JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
    () => {
      let nested: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < 500; i++) nested = { nested };
      return nested;
    },
    () => (depth < 2 ? { a: oddValue(random, depth + 1), b: [oddValue(random, depth + 1)] } : {}),
  ];
  return random.pick(values)();
}

function oddNonString(random: Random): unknown {
  for (;;) {
    const value = oddValue(random);
    if (typeof value !== 'string') return value;
  }
}

const NOT_A_STRING = () => [null, 7, {}, ['id'], true, 1n];

/**
 * A message from the widget's origin that must fire no event: a request broken in at least one required part,
 * or a message of another shape altogether. Extra fields and odd values ride along.
 */
function invalidMessage(random: Random): unknown {
  const breakers: Array<(m: Record<string, unknown>) => unknown> = [
    (m) => ({ ...m, type: random.pick(['rc-post-message-requests', 'RC-POST-MESSAGE-REQUEST', '', 42, null]) }),
    (m) => {
      delete m.type;
      return m;
    },
    (m) => ({ ...m, requestId: random.pick(['', ...NOT_A_STRING()]) }),
    (m) => {
      delete m.requestId;
      return m;
    },
    (m) => ({
      ...m,
      path: random.pick(['/nope', '/callLogger/', '/CALLLOGGER', '', 'x'.repeat(10_000), ...NOT_A_STRING()]),
    }),
    (m) => ({
      ...m,
      path: LOG,
      body: random.pick([
        null,
        'call',
        [],
        {},
        { call: null },
        { call: {} },
        { call: { sessionId: 42 } },
        { call: [] },
        { call: 's' },
      ]),
    }),
    (m) => ({ ...m, path: LOG, body: { call: { sessionId: oddNonString(random) }, triggerType: 'createLog' } }),
    (m) => ({
      ...m,
      path: MATCH,
      body: random.pick([
        null,
        [],
        {},
        { sessionIds: 's' },
        { sessionIds: [1, 2] },
        { sessionIds: [{}] },
        { sessionIds: null },
      ]),
    }),
    (m) => ({ ...m, path: MATCH, body: { sessionIds: ['s-1'], activeSessionIds: random.pick(['s-1', [1], {}]) } }),
    () => oddValue(random),
    () => random.pick([null, 0, 'rc-post-message-request', ['rc-post-message-request'], true]),
  ];
  const request: Record<string, unknown> = {
    type: 'rc-post-message-request',
    requestId: `fuzz-${random.int(1e9)}`,
    path: random.pick([LOG, MATCH]),
    body: callBody(`fuzz-${random.int(1e6)}`),
  };
  if (random.next() < 0.5) {
    // defineProperty, so that `__proto__` becomes an own key that crosses postMessage, not the object's prototype.
    const key = random.pick(['extra', '__proto__', 'constructor', 'prototype', 'responseId']);
    Object.defineProperty(request, key, {
      value: oddValue(random),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return random.pick(breakers)(request);
}

/** Other message types of the widget's, with garbage in their fields: they must not throw either. */
function garbledNotice(random: Random): unknown {
  const type = random.pick([
    'rc-login-status-notify',
    'rc-callLogger-auto-log-notify',
    'rc-call-history-synced-notify',
    'rc-adapter-message-response',
    'rc-post-message-response',
    'rc-route-changed-notify',
  ]);
  return {
    type,
    loggedIn: oddValue(random),
    autoLog: oddValue(random),
    responseId: oddValue(random),
    response: oddValue(random),
  };
}

interface Watch {
  uncaught: string[];
  stop(): void;
}

/** Collects uncaught errors and unhandled rejections of the page while it runs. */
function watchErrors(): Watch {
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(String(event.message));
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String(event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    uncaught,
    stop: () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

const prototypeKeys = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((proto) =>
    Object.getOwnPropertyNames(proto).sort().join(),
  );

export interface FuzzResult {
  seed: number;
  messages: number;
  events: number;
  uncaught: number;
  polluted: boolean;
  roundTrip: boolean;
}

/** Posts `count` invalid messages from the widget itself, then checks that a normal request still goes through. */
export async function fuzz(
  widget: SimulatorControl,
  el: RcCallLoggerElement,
  { count, seed }: { count: number; seed: number },
): Promise<FuzzResult> {
  const random = seeded(seed);
  const before = prototypeKeys();
  let events = 0;
  const count_ = (event: Event) => {
    events++;
    (event as WidgetRequestEvent<unknown>).respondWith({});
  };
  el.addEventListener('call-log', count_);
  el.addEventListener('call-match', count_);
  const watch = watchErrors();
  try {
    // Quietly: the element prints one line per malformed request it answers.
    await quietly(async () => {
      for (let i = 0; i < count; i++) {
        widget.command('send', { message: random.next() < 0.9 ? invalidMessage(random) : garbledNotice(random) });
        if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve)); // let the page breathe
      }
      // Every message has crossed twice (page → widget → page), and any reply has reached the widget. A slow engine
      // may take minutes on a busy machine: that is not a failure.
      await widget.flush(240_000);
    });
  } finally {
    watch.stop();
    el.removeEventListener('call-log', count_);
    el.removeEventListener('call-match', count_);
  }
  // Answers only its own session: nothing else can use it up.
  const afterFuzz = (event: CallLogEvent) => {
    if (event.call.sessionId === 'after-fuzz') event.respondWith('ok');
  };
  el.addEventListener('call-log', afterFuzz);
  let roundTrip: boolean;
  try {
    roundTrip = JSON.stringify(await widget.request(LOG, callBody('after-fuzz'))) === JSON.stringify({ data: 'ok' });
  } finally {
    el.removeEventListener('call-log', afterFuzz);
  }
  const polluted =
    prototypeKeys().join('|') !== before.join('|') || ({} as Record<string, unknown>).polluted !== undefined;
  return { seed, messages: count, events, uncaught: watch.uncaught.length, polluted, roundTrip };
}

export const BEHAVIOURS = ['resolve', 'value', 'reject', 'throw', 'never', 'late', 'twice', 'absent'] as const;
type Behaviour = (typeof BEHAVIOURS)[number];

/** A listener that acts out the behaviour named in the request (`fault-<behaviour>-<n>`). */
export function actOut(el: RcCallLoggerElement, { lateBy }: { lateBy: number }): () => void {
  const behaviourOf = (event: Event): Behaviour => {
    const detail = event as Event & { call?: { sessionId: string }; sessionIds?: string[] };
    return (detail.call?.sessionId ?? detail.sessionIds?.[0] ?? '').split('-')[1] as Behaviour;
  };
  const listener = (event: Event) => {
    const request = event as WidgetRequestEvent<unknown>;
    const answer = event.type === 'call-match' ? {} : { id: 'crm-1' };
    switch (behaviourOf(event)) {
      case 'resolve':
        return request.respondWith(Promise.resolve(answer));
      case 'value':
        return request.respondWith(answer);
      case 'reject': {
        // An error that quotes the recording URL, token and all: the element must not print the token.
        const uri = (event as Event & { call?: { recording?: { contentUri?: string } } }).call?.recording?.contentUri;
        return request.respondWith(Promise.reject(new Error(`injected rejection (${uri ?? 'no recording'})`)));
      }
      case 'throw':
        throw new Error('injected throw');
      case 'never':
        return request.respondWith(new Promise(() => {}));
      case 'late':
        return request.respondWith(new Promise((resolve) => setTimeout(() => resolve(answer), lateBy)));
      case 'twice':
        request.respondWith(answer);
        try {
          request.respondWith(answer);
        } catch {
          // InvalidStateError: the second answer is refused, as the platform's respondWith does
        }
        return undefined;
      default:
        return undefined; // absent: the listener leaves the request alone
    }
  };
  el.addEventListener('call-log', listener);
  el.addEventListener('call-match', listener);
  return () => {
    el.removeEventListener('call-log', listener);
    el.removeEventListener('call-match', listener);
  };
}

export interface FaultResult {
  seed: number;
  faults: number;
  expected: number;
  received: number;
  duplicated: number;
  missing: number;
  late: number;
  /** Lines the element printed that contain an access token. */
  tokensPrinted: number;
}

export const TOKEN = 'SECRET-TOKEN-0123456789';

/** A call-log body whose recording URL carries an access token, as with `recording-with-token`. */
export const bodyWithToken = (sessionId: string) => {
  const body = callBody(sessionId);
  body.call.recording = {
    id: 'r-1',
    contentUri: `https://media.ringcentral.com/recording/r-1/content?access_token=${TOKEN}`,
  };
  return body;
};

/** Runs `body` with uncaught errors swallowed and console output captured; returns what was printed. */
export async function quietly(body: () => Promise<void>): Promise<string[]> {
  const printed: string[] = [];
  const { error, warn, log } = console;
  const previous = window.onerror;
  const capture = (...args: unknown[]) => printed.push(args.map(String).join(' '));
  Object.assign(console, { error: capture, warn: capture, log: capture });
  window.onerror = (message) => {
    // The same text String() gives: the message, or "[object Event]" for an Event.
    printed.push(typeof message === 'string' ? message : Object.prototype.toString.call(message));
    return true; // listeners that throw on purpose
  };
  try {
    await body();
  } finally {
    Object.assign(console, { error, warn, log });
    window.onerror = previous;
  }
  return printed;
}

/** Sends `count` requests at once, each acting out a random behaviour; counts the replies the widget got. */
export async function injectFaults(
  widget: SimulatorControl,
  { count, seed }: { count: number; seed: number },
): Promise<FaultResult> {
  const random = seeded(seed);
  let ids: string[] = [];
  let outcomes: Array<{ timedOut?: boolean }> = [];
  const printed = await quietly(async () => {
    ids = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const sessionId = `fault-${random.pick(BEHAVIOURS)}-${i}`;
        return random.next() < 0.6
          ? widget.send(LOG, bodyWithToken(sessionId))
          : widget.send(MATCH, { sessionIds: [sessionId], activeSessionIds: [] });
      }),
    );
    outcomes = await Promise.all(ids.map((id) => widget.outcome(id)));
    await widget.flush(); // a second reply to any of them would have arrived by now
  });
  const replies = ids.map((id) => widget.responsesTo(id).length);
  return {
    seed,
    faults: count,
    expected: count,
    received: replies.filter((n) => n >= 1).length,
    duplicated: replies.filter((n) => n > 1).length,
    missing: replies.filter((n) => n === 0).length,
    late: outcomes.filter((outcome) => outcome.timedOut).length,
    tokensPrinted: printed.filter((line) => line.includes(TOKEN)).length,
  };
}

export interface ReloadResult {
  reloads: number;
  boots: number;
  registrationsAfterBoot: number;
  requests: number;
  lost: number;
}

/** Reloads the widget `count` times with requests in flight; every request sent after a boot must be answered. */
export async function reloadUnderTraffic(
  widget: SimulatorControl,
  { count }: { count: number },
): Promise<ReloadResult> {
  const answerable: string[] = [];
  const outcomes: Array<{ timedOut?: boolean; response?: unknown }> = [];
  let registrationsAfterBoot = 0;
  for (let i = 0; i < count; i++) {
    const boots = widget.boots;
    const registrations = widget.registrations.length;
    // Traffic that the reload cuts off: it can no longer be answered, and is not counted.
    void widget.send(LOG, callBody(`reload-doomed-${i}`)).catch(() => undefined);
    widget.command('reload');
    await until(() => widget.boots > boots, `boot ${i + 1}`);
    await until(() => widget.registrations.length > registrations, `the registration after boot ${i + 1}`);
    registrationsAfterBoot++;
    // Sent to the widget that is up now: each must be answered before the next reload takes that widget away.
    const ids = await Promise.all([0, 1, 2].map((j) => widget.send(LOG, callBody(`reload-${i}-${j}`))));
    answerable.push(...ids);
    outcomes.push(...(await Promise.all(ids.map((id) => widget.outcome(id)))));
  }
  return {
    reloads: count,
    boots: widget.boots,
    registrationsAfterBoot,
    requests: answerable.length,
    lost: outcomes.filter((outcome) => outcome.timedOut || outcome.response === undefined).length,
  };
}

export interface Census {
  /** Listeners of any type on window and document. */
  listeners: number;
  /** Pending timeouts and running intervals. */
  timers: number;
  frames: number;
  adapterScripts: number;
}

/**
 * Counts the listeners on window and document and the pending timers from now on, by wrapping their own methods
 * (listeners removed through an AbortSignal included), so that mount/unmount cycles can be compared with a baseline.
 */
export function census(adapterSrc: string) {
  const listeners = new Set<string>();
  const timers = new Set<number>();
  const keyOf = (target: EventTarget, type: string, listener: unknown, options?: unknown) => {
    const capture =
      typeof options === 'boolean' ? options : Boolean((options as EventListenerOptions | undefined)?.capture);
    return `${target === window ? 'window' : 'document'}|${type}|${capture}|${ids.get(listener) ?? ids.set(listener, ids.size).get(listener)}`;
  };
  const ids = new Map<unknown, number>();
  const restorers: Array<() => void> = [];
  for (const target of [window, document] as EventTarget[]) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the originals, called with an explicit `this` and put back by restore()
    const { addEventListener: add, removeEventListener: remove } = target;
    target.addEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
      const key = keyOf(target, type, listener, options);
      listeners.add(key);
      (options as AddEventListenerOptions | undefined)?.signal?.addEventListener('abort', () => listeners.delete(key), {
        once: true,
      });
      if ((options as AddEventListenerOptions | undefined)?.once) {
        const wrapped = listener as EventListener;
        return add.call(
          this,
          type,
          (event: Event) => {
            listeners.delete(key);
            return typeof wrapped === 'function'
              ? wrapped.call(this, event)
              : (wrapped as EventListenerObject).handleEvent(event);
          },
          options as AddEventListenerOptions,
        );
      }
      return add.call(this, type, listener as EventListener, options as AddEventListenerOptions);
    };
    target.removeEventListener = function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
      listeners.delete(keyOf(target, type, listener, options));
      return remove.call(this, type, listener as EventListener, options as EventListenerOptions);
    };
    restorers.push(() => Object.assign(target, { addEventListener: add, removeEventListener: remove }));
  }
  // The global functions, which are window's own (and need no `this`).
  const set: Window['setTimeout'] = setTimeout;
  const clear: Window['clearTimeout'] = clearTimeout;
  const every: Window['setInterval'] = setInterval;
  const clearEvery: Window['clearInterval'] = clearInterval;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id: number = set(
      (...a: unknown[]) => {
        timers.delete(id);
        if (typeof handler === 'function') (handler as (...args: unknown[]) => unknown)(...a);
      },
      ms,
      ...args,
    );
    timers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    timers.delete(id!);
    clear(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = every(handler, ms, ...args);
    timers.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    timers.delete(id!);
    clearEvery(id);
  }) as typeof window.clearInterval;
  restorers.push(() =>
    Object.assign(window, { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: clearEvery }),
  );
  return {
    count: (): Census => ({
      listeners: listeners.size,
      timers: timers.size,
      frames: document.querySelectorAll('iframe').length,
      adapterScripts: document.querySelectorAll(`script[src="${adapterSrc}"]`).length,
    }),
    restore: () => {
      for (const restore of restorers) restore();
    },
  };
}

export interface CycleResult {
  cycles: number;
  before: Census;
  after: Census;
}

/** Mounts the element until its widget frame exists, unmounts it until the frame is gone, `count` times. */
export async function mountCycles(
  make: () => RcCallLoggerElement,
  adapterSrc: string,
  { count }: { count: number },
): Promise<CycleResult> {
  await until(() => !frame() && !window.RCAdapter, 'the previous widget to be gone');
  const counter = census(adapterSrc);
  try {
    const before = counter.count();
    for (let i = 0; i < count; i++) {
      const el = make();
      document.body.append(el);
      await until(() => frame(), `the widget of cycle ${i + 1}`);
      el.remove();
      // A leaving element keeps the widget for the hand-over grace (3 s). Every tenth cycle lets that grace run
      // out; the others end the widget at once, as a logout page does: both ways must leave nothing behind.
      if (i % 10 !== 9) await el.disposeWidget();
      await until(() => !frame() && !window.RCAdapter, `the end of cycle ${i + 1}`);
    }
    await nextTask(); // the last release ends in the task that disposed the widget
    return { cycles: count, before, after: counter.count() };
  } finally {
    counter.restore();
  }
}

export interface SpoofResult {
  attempts: number;
  /** Attempts seen arriving at the page: an attempt that never arrived proves nothing. */
  delivered: number;
  events: number;
  repliesToImpostors: number;
}

/**
 * Valid-looking requests from every window that is not the widget: sibling frames at the widget's origin and at
 * another, frames nested inside the widget at both, and the page itself. None may fire an event or get a reply.
 */
export async function spoof(
  widget: SimulatorControl,
  el: RcCallLoggerElement,
  origins: string[],
  { count }: { count: number },
): Promise<SpoofResult> {
  let events = 0;
  const onEvent = (event: Event) => {
    events++;
    (event as WidgetRequestEvent<unknown>).respondWith({});
  };
  el.addEventListener('call-log', onEvent);
  el.addEventListener('call-match', onEvent);
  let ready = 0;
  let markersBack = 0;
  const isMarker = (value: unknown) => (value as { type?: unknown } | null)?.type === 'spoof:marker';
  let repliesToImpostors = 0;
  let delivered = 0;
  const onReport = (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; requestId?: unknown } | null | undefined;
    if (data?.type === 'rc-post-message-request' && String(data.requestId).startsWith('spoof-')) delivered++;
    if (data?.type === 'impostor:ready') ready++;
    if (data?.type === 'impostor:received' && !isMarker((data as { data?: unknown }).data)) repliesToImpostors++;
    if (data?.type === 'impostor:received' && isMarker((data as { data?: unknown }).data)) markersBack++;
  };
  window.addEventListener('message', onReport);
  const siblings = origins.map((origin) =>
    Object.assign(document.createElement('iframe'), { src: `${origin}/test/frames/impostor.html` }),
  );
  try {
    document.body.append(...siblings);
    for (const origin of origins) widget.command('nest', { url: `${origin}/test/frames/impostor.html` });
    // Every impostor, sibling and nested, has loaded before the first attempt.
    await until(() => ready === 2 * origins.length, 'the impostor frames');
    const senders: Array<(message: unknown) => void> = [
      ...siblings.map(
        (iframe, i) => (message: unknown) =>
          iframe.contentWindow!.postMessage({ type: 'impostor:send', message }, origins[i]),
      ),
      ...origins.map(
        (origin, i) => (message: unknown) =>
          frame()!.contentWindow!.frames[i].postMessage({ type: 'impostor:send', toTop: true, message }, origin),
      ),
      (message: unknown) => window.postMessage(message, '*'),
    ];
    let attempts = 0;
    for (let i = 0; i < count; i++) {
      const send = senders[i % senders.length];
      send({
        type: 'rc-post-message-request',
        requestId: `spoof-${i}`,
        path: i % 2 ? MATCH : LOG,
        body: i % 2 ? { sessionIds: ['s-1'] } : callBody(),
      });
      attempts++;
    }
    await until(() => delivered === attempts, 'every spoof attempt to arrive');
    // A marker to each impostor: a reply the element had posted to one would reach it first.
    const impostors = [
      ...siblings.map((iframe, i) => [iframe.contentWindow!, origins[i]] as const),
      ...origins.map((origin, i) => [frame()!.contentWindow!.frames[i], origin] as const),
    ];
    for (const [target, origin] of impostors) target.postMessage({ type: 'spoof:marker' }, origin);
    await until(() => markersBack === impostors.length, 'the markers to reach every impostor');
    // The same for the widget, which would get a reply meant for a spoof the page posted to itself.
    await widget.flush();
    for (let i = 0; i < attempts; i++) repliesToImpostors += widget.responsesTo(`spoof-${i}`).length;
    return { attempts, delivered, events, repliesToImpostors };
  } finally {
    window.removeEventListener('message', onReport);
    el.removeEventListener('call-log', onEvent);
    el.removeEventListener('call-match', onEvent);
    for (const iframe of siblings) iframe.remove();
  }
}
