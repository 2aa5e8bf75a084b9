import {
  AUTOMATIC_TRIGGERS,
  isStatusEntry,
  type Call,
  type CallLogRequestBody,
  type CallMatchAnswer,
  type CallMatchRequestBody,
  type LogEntry,
  type LogPage,
  type LogPageInputBody,
  type TriggerType,
} from './call-model.js';

const responses = new WeakMap<Event, Promise<unknown>>();

/**
 * What a listener passed to `respondWith()` for `event`, if one did.
 * @internal
 */
export const responseTo = <T>(event: WidgetRequestEvent<T>) => responses.get(event) as Promise<T> | undefined;

/**
 * A request from the widget that one listener answers with `respondWith()`, like a service worker's `FetchEvent`.
 * Bubbles and is composed, so a single `document` listener can answer for any element. Not cancelable.
 */
export abstract class WidgetRequestEvent<TAnswer> extends Event {
  /** Aborts when the element stops waiting: `response-timeout` passed, or the element left the document. */
  readonly signal: AbortSignal;

  constructor(type: string, signal: AbortSignal) {
    super(type, { bubbles: true, composed: true, cancelable: false });
    this.signal = signal;
  }

  /** Whether a listener has called `respondWith()`. */
  get responded(): boolean {
    return responses.has(this);
  }

  /**
   * Answers the widget with `answer` once it settles. Call it synchronously inside your listener (before any
   * `await`), at most once; it stops other listeners from seeing the event.
   * @throws {DOMException} `InvalidStateError` outside dispatch or on a second call.
   */
  respondWith(answer: TAnswer | PromiseLike<TAnswer>): void {
    if (this.eventPhase === Event.NONE) {
      throw new DOMException(
        `respondWith() must be called synchronously inside a "${this.type}" listener, before any await`,
        'InvalidStateError',
      );
    }
    if (responses.has(this)) {
      throw new DOMException(`respondWith() was already called for this "${this.type}" event`, 'InvalidStateError');
    }
    responses.set(this, Promise.resolve(answer));
    this.stopImmediatePropagation();
  }
}

/**
 * `call-log`: the widget asks you to create or update the log of a call. Upsert by `call.sessionId`: one call
 * brings several requests. Answer with any value (sent as `{data: value ?? 'ok'}`) or a promise of it.
 */
export class CallLogEvent extends WidgetRequestEvent<unknown> {
  /** The whole request body: `call`, `triggerType`, entities, `note`, `formData`, … */
  readonly body: CallLogRequestBody;
  readonly call: Call;
  readonly triggerType: TriggerType | undefined;
  /** Sent by auto logging (`presenceUpdate`, `callLogSync`) rather than by a user's click. */
  readonly automatic: boolean;
  /** Your existing log entries for this call, as your `call-match` answers gave them (status lines left out). */
  readonly logEntries: readonly LogEntry[];
  /** 1 for the widget's request; 2, 3, … when the outbox sends a failed log again (trigger `retry`). */
  readonly attempt: number;

  constructor(body: CallLogRequestBody, signal: AbortSignal, attempt = 1) {
    super('call-log', signal);
    this.body = body;
    this.attempt = attempt;
    this.call = body.call;
    this.triggerType = body.triggerType;
    this.automatic = AUTOMATIC_TRIGGERS.includes(body.triggerType!);
    const matches = Array.isArray(body.call.activityMatches) ? body.call.activityMatches : [];
    this.logEntries = matches.filter((entry): entry is LogEntry => !isStatusEntry(entry));
  }
}

/**
 * `call-match`: the widget asks which of these calls you have logged. Answer with a map
 * `sessionId → entries[]` (or a promise of it); IDs you leave out count as not logged.
 */
export class CallMatchEvent extends WidgetRequestEvent<CallMatchAnswer> {
  readonly sessionIds: readonly string[];
  /** The subset of `sessionIds` whose calls are still in progress. */
  readonly activeSessionIds: readonly string[];

  constructor(body: CallMatchRequestBody, signal: AbortSignal) {
    super('call-match', signal);
    this.sessionIds = body.sessionIds;
    this.activeSessionIds = body.activeSessionIds ?? [];
  }
}

/** `log-page-input`: a field of the widget's log form changed. To change the form, call `setLogPage()`. */
export class LogPageInputEvent extends Event {
  readonly call: Call;
  readonly formData: Record<string, unknown>;
  /** Names of the fields that changed. */
  readonly keys: readonly string[];
  readonly page: LogPage | undefined;

  constructor(body: LogPageInputBody) {
    super('log-page-input', { bubbles: true, composed: true });
    this.call = body.call;
    this.formData = body.formData;
    this.keys = body.keys;
    this.page = body.page;
  }
}

/**
 * `outbox-change`: a failed call log was `queued` for a retry, `sent` (or made obsolete by a newer log of the call),
 * `dropped` (a permanent failure, `retry-for` passed, the outbox full: `reason` says which), or the outbox was
 * `cleared`. Read the outbox with `readOutbox()`.
 */
export class OutboxChangeEvent extends Event {
  constructor(
    readonly change: 'queued' | 'sent' | 'dropped' | 'cleared',
    readonly sessionId?: string,
    readonly reason?: string,
  ) {
    super('outbox-change', { bubbles: true, composed: true });
  }
}

/** `login-change`: the widget's user logged in or out. */
export class LoginChangeEvent extends Event {
  constructor(readonly loggedIn: boolean) {
    super('login-change', { bubbles: true, composed: true });
  }
}

/** `auto-log-change`: the widget's "Auto log calls" setting is known for the first time, or changed. */
export class AutoLogChangeEvent extends Event {
  constructor(readonly autoLog: boolean) {
    super('auto-log-change', { bubbles: true, composed: true });
  }
}

/** Every event the element dispatches, by name, with its class. */
export interface RcCallLoggerEventMap {
  /** The widget asks to log a call; answer with `respondWith(value | promise)`. */
  'call-log': CallLogEvent;
  /** The widget asks which calls are logged; answer with `{[sessionId]: entries[]}`. */
  'call-match': CallMatchEvent;
  /** A field of the widget's log form changed. */
  'log-page-input': LogPageInputEvent;
  /** The widget booted and the service is registered (after every widget load). */
  ready: Event;
  /** The widget's user logged in or out. */
  'login-change': LoginChangeEvent;
  /** The "Auto log calls" setting became known or changed. */
  'auto-log-change': AutoLogChangeEvent;
  /** The outbox of failed call logs changed. */
  'outbox-change': OutboxChangeEvent;
  /** Configuration errors and an adapter script that fails to load; `event.error.code` says which. */
  error: ErrorEvent;
}

/** The names of `RcCallLoggerEventMap`, for code that needs them at run time (the React wrapper). */
export const EVENT_NAMES = [
  'call-log',
  'call-match',
  'log-page-input',
  'ready',
  'login-change',
  'auto-log-change',
  'outbox-change',
  'error',
] as const satisfies ReadonlyArray<keyof RcCallLoggerEventMap>;

// Every event of the map is listed, and nothing else.
true satisfies keyof RcCallLoggerEventMap extends (typeof EVENT_NAMES)[number] ? true : false;

declare global {
  // `ready` and `error` are the element's only; every other event is typed on any target, `document` included.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge takes the map's members
  interface GlobalEventHandlersEventMap extends Omit<RcCallLoggerEventMap, 'ready' | 'error'> {}
}
