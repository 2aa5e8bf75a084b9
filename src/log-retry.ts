/**
 * Durable retry: a failed call log goes into the outbox and is sent again with backoff, while the page is open and
 * after reloads, until `retry-for` has passed. Tabs of the origin take turns per entry (Web Locks), so none sends an
 * entry another is sending. After a success the widget matches the call again and shows it as logged.
 */
import type { CallLogRequestBody } from './call-model.js';
import { messageOf, printFailure, redact } from './errors.js';
import type { Failure } from './endpoints.js';
import type { OutboxChangeEvent } from './events.js';
import { DEFAULT_RETRY_FOR, OUTBOX_MAX, RETRY_FIRST_DELAY, RETRY_MAX_DELAY, isValidTimeout } from './limits.js';
import type { LogStatus } from './log-status.js';
import {
  changeEntry,
  clearEntries,
  newVersion,
  readEntries,
  readEntry,
  upsertEntry,
  type OutboxEntry,
} from './outbox.js';
import { withoutTokens } from './tokens.js';

/** What the retry needs of the widget session it works in. */
export interface RetryHost {
  readonly element: { readonly outbox: boolean; readonly retryFor: number };
  /** Fires `outbox-change` on the element: the event class lives in the main file, never in this lazy one. */
  announce(...change: ConstructorParameters<typeof OutboxChangeEvent>): void;
  readonly logStatus: LogStatus;
  rematch(sessionIds: string[]): void;
  /** Sends the body again as attempt `attempt` (`call-log` with trigger `retry`, or log-url); rejects on failure. */
  resend(body: CallLogRequestBody, attempt: number, signal: AbortSignal): Promise<unknown>;
}

/** Fields only a user's log form gives: a newer automatic request without them must not lose them. */
const USER_FIELDS = ['note', 'formData'] as const;

const delayAfter = (attempts: number) => Math.min(RETRY_FIRST_DELAY * 2 ** (attempts - 1), RETRY_MAX_DELAY);

/** Runs `work` unless another tab of the origin holds the lock `name`; without Web Locks (plain http), just runs it. */
const unlessLocked = async (name: string, work: () => Promise<void>): Promise<void> => {
  if (!navigator.locks) return work();
  await navigator.locks.request(name, { ifAvailable: true }, (lock) => (lock ? work() : undefined));
};

export class LogRetry {
  readonly #host: () => RetryHost;
  readonly #stop: AbortSignal;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #draining: Promise<void> = Promise.resolve();
  /** Sessions this tab shows as waiting for a retry: a drain shows those queued elsewhere (a tab, a page load) once. */
  readonly #queued = new Set<string>();
  /** This tab's sends in flight, by session: a fresh log of the call waits for them, so it lands last. */
  readonly #sending = new Map<string, Promise<void>>();

  constructor(host: () => RetryHost, stop: AbortSignal) {
    this.#host = host;
    this.#stop = stop;
    stop.addEventListener('abort', () => clearTimeout(this.#timer));
    addEventListener('online', () => void this.drain(false), { signal: stop });
    void this.drain(false);
  }

  get #enabled(): boolean {
    return this.#host().element.outbox;
  }

  /**
   * A fresh call log failed: queues it unless retrying cannot help (a permanent failure, a View log, the outbox off).
   * Returns whether it did; the widget then shows the call as waiting for a retry.
   */
  queue(body: CallLogRequestBody, error: unknown): boolean {
    if (!this.#enabled || (error as Failure)?.retry === false || body.triggerType === 'viewLog') return false;
    const { sessionId } = body.call;
    const lastError = redact(messageOf(error));
    this.#showRetrying(sessionId, lastError);
    const rest = { ...withoutTokens(body) };
    delete rest.redirect; // a retry opens nothing in your app
    void this.#write(
      async () => {
        const nextAttemptAt = Date.now() + delayAfter(1);
        const evicted = await upsertEntry(
          sessionId,
          (older) => ({
            sessionId,
            body: older ? carryUserFields(older.body, rest) : rest,
            attempts: 1,
            queuedAt: older?.queuedAt ?? Date.now(),
            nextAttemptAt,
            lastError,
            version: newVersion(),
          }),
          OUTBOX_MAX,
        );
        this.#queued.add(sessionId);
        this.#changed('queued', sessionId, lastError);
        for (const old of evicted) this.#dropped(old, `the outbox is full (${OUTBOX_MAX} calls)`);
        this.#schedule(nextAttemptAt);
      },
      () => this.#dropped({ sessionId }, lastError, false),
    );
    return true;
  }

  /**
   * A fresh call log succeeded: its queued older entry goes, unless it holds a note the fresh one lacks. Looked up in
   * the outbox, not in what this tab knows: another tab, or a page before a reload, may have queued it.
   */
  delivered(body: CallLogRequestBody): void {
    const { sessionId } = body.call;
    void this.#write(async () => {
      const entry = await readEntry(sessionId);
      if (!entry) return;
      const keep = USER_FIELDS.some((field) => entry.body[field] !== undefined && body[field] === undefined);
      await changeEntry(sessionId, entry.version, () =>
        keep ? { ...entry, body: { ...entry.body, call: withoutTokens(body.call) } } : null,
      );
      if (keep) return;
      this.#queued.delete(sessionId);
      this.#changed('sent', sessionId);
    });
  }

  /** Sends every entry that is due (`all`: every entry) and schedules the next run. */
  drain(all: boolean): Promise<void> {
    this.#draining = this.#draining.then(() => this.#write(() => this.#drainOnce(all)));
    return this.#draining;
  }

  /** Removes every entry: they will not be sent. */
  async clear(): Promise<void> {
    for (const { sessionId } of await clearEntries()) this.#dropped({ sessionId }, 'the outbox was cleared', false);
    this.#host().announce('cleared');
  }

  /** Resolves once this tab's send of the session's entry, if one is in flight, has ended. */
  sent(sessionId: string): Promise<void> | undefined {
    return this.#sending.get(sessionId);
  }

  async #drainOnce(all: boolean): Promise<void> {
    clearTimeout(this.#timer);
    this.#timerAt = Infinity;
    if (this.#stop.aborted || !this.#enabled) return;
    const { retryFor } = this.#host().element;
    const keepFor = isValidTimeout(retryFor) ? retryFor : DEFAULT_RETRY_FOR;
    let next = Infinity;
    for (const entry of await readEntries()) {
      if (this.#stop.aborted) return;
      if (!this.#queued.has(entry.sessionId)) {
        // Queued before a reload, or by another tab: the widget shows it as waiting too.
        this.#queued.add(entry.sessionId);
        this.#showRetrying(entry.sessionId, entry.lastError);
      }
      if (Date.now() - entry.queuedAt > keepFor) {
        const tries = `gave up after ${entry.attempts} attempt${entry.attempts > 1 ? 's' : ''}`;
        if (await changeEntry(entry.sessionId, entry.version, () => null))
          this.#dropped(entry, `${tries}: ${entry.lastError}`);
      } else if (all || entry.nextAttemptAt <= Date.now()) {
        await unlessLocked(`rc-call-logger-outbox:${entry.sessionId}`, () => this.#send(entry.sessionId));
      }
    }
    for (const entry of await readEntries()) next = Math.min(next, entry.nextAttemptAt);
    this.#schedule(next);
  }

  /** One attempt for the session's entry, as it is now in the outbox (another tab may have sent or replaced it). */
  async #send(sessionId: string): Promise<void> {
    const entry = await readEntry(sessionId);
    if (!entry || this.#stop.aborted) return;
    const host = this.#host();
    const attempt = entry.attempts + 1;
    const sending = host.resend(entry.body, attempt, this.#stop);
    const done = sending.then(
      () => {},
      () => {},
    );
    this.#sending.set(sessionId, done);
    void done.then(() => this.#sending.get(sessionId) === done && this.#sending.delete(sessionId));
    try {
      await sending;
    } catch (error) {
      if (this.#stop.aborted) return;
      const lastError = redact(messageOf(error));
      if ((error as Failure)?.retry === false) {
        if (await changeEntry(sessionId, entry.version, () => null)) this.#dropped(entry, lastError);
        return;
      }
      const nextAttemptAt = Date.now() + delayAfter(attempt);
      if (
        await changeEntry(sessionId, entry.version, () => ({ ...entry, attempts: attempt, nextAttemptAt, lastError }))
      )
        this.#showRetrying(sessionId, lastError);
      return;
    }
    if (!(await changeEntry(sessionId, entry.version, () => null))) return; // replaced meanwhile: that one goes next
    this.#queued.delete(sessionId);
    host.logStatus.succeeded(sessionId);
    host.rematch([sessionId]);
    this.#changed('sent', sessionId);
  }

  #dropped({ sessionId }: Pick<OutboxEntry, 'sessionId'>, reason: string, announce = true): void {
    this.#queued.delete(sessionId);
    const host = this.#host();
    host.logStatus.failed(sessionId, reason);
    host.rematch([sessionId]);
    if (announce) this.#changed('dropped', sessionId, reason);
  }

  #showRetrying(sessionId: string, lastError: string): void {
    const host = this.#host();
    host.logStatus.retrying(sessionId, lastError);
    host.rematch([sessionId]);
  }

  #changed(change: 'queued' | 'sent' | 'dropped', sessionId: string, reason?: string): void {
    this.#host().announce(change, sessionId, reason);
  }

  /** Drains at `at`, unless a drain is due earlier. */
  #schedule(at: number): void {
    if (!Number.isFinite(at) || at >= this.#timerAt || this.#stop.aborted) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timerAt = Infinity;
      void this.drain(false);
    }, at - Date.now());
  }

  /** Runs outbox work; storage that fails (a private window, a full disk) is printed and `failed` runs. */
  async #write(work: () => Promise<void>, failed = () => {}): Promise<void> {
    try {
      await work();
    } catch (error) {
      printFailure('the outbox is not available; failed logs are not retried', error);
      failed();
    }
  }
}

/** The newer body, with the note and form data only the older one had. */
const carryUserFields = (older: CallLogRequestBody, newer: CallLogRequestBody): CallLogRequestBody => {
  const body = { ...newer };
  for (const field of USER_FIELDS)
    if (body[field] === undefined && older[field] !== undefined) body[field] = older[field] as never;
  return body;
};
