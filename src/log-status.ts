import { isStatusEntry, type CallMatchAnswer, type StatusEntry } from './call-model.js';
import { FAILED_MEMORY, LOGGED_MEMORY, forgetOldest } from './limits.js';

/**
 * The widget cuts a status line to about 25 characters at its usual width ("Not logged: " comes first, so that much
 * shows); the rest is for a wider widget, up to this length, not for whole error messages or URLs.
 */
const STATUS_MAX = 60;
const capped = (line: string) => (line.length > STATUS_MAX ? `${line.slice(0, STATUS_MAX - 1)}…` : line);

/**
 * What became of each session's call-log answers: pending, failed (and why), queued for a retry (and why), or logged. The widget never reads a
 * call-log reply, but it draws a matcher `status` entry as a coloured line on the call, so `call-match` replies carry
 * it; and back-fill skips what is pending or logged.
 */
export class LogStatus {
  readonly #pending = new Set<string>();
  readonly #failed = new Map<string, string>();
  /** In the outbox, with the last failure. */
  readonly #retrying = new Map<string, string>();
  readonly #logged = new Set<string>();

  begin(sessionId: string): void {
    this.#pending.add(sessionId);
  }

  /** The answer ended with no outcome to show (the element stopped): only the pending line goes. */
  settled(sessionId: string): void {
    this.#pending.delete(sessionId);
  }

  succeeded(sessionId: string): void {
    this.#pending.delete(sessionId);
    this.#failed.delete(sessionId);
    this.#retrying.delete(sessionId);
    this.#logged.delete(sessionId);
    this.#logged.add(sessionId);
    forgetOldest(this.#logged, LOGGED_MEMORY);
  }

  failed(sessionId: string, message: string): void {
    this.#pending.delete(sessionId);
    this.#retrying.delete(sessionId);
    this.#failed.delete(sessionId);
    this.#failed.set(sessionId, message);
    forgetOldest(this.#failed, FAILED_MEMORY);
  }

  /** The log failed and waits in the outbox for its next attempt. */
  retrying(sessionId: string, message: string): void {
    this.#pending.delete(sessionId);
    this.#failed.delete(sessionId);
    this.#retrying.delete(sessionId);
    this.#retrying.set(sessionId, message);
    forgetOldest(this.#retrying, FAILED_MEMORY);
  }

  /** Whether back-fill should skip this session: logged already, or being logged right now. */
  isHandled(sessionId: string): boolean {
    return this.#logged.has(sessionId) || this.#pending.has(sessionId) || this.#retrying.has(sessionId);
  }

  entryFor(sessionId: string): StatusEntry | undefined {
    if (this.#pending.has(sessionId)) return { type: 'status', status: 'pending', message: 'Logging…' };
    const retry = this.#retrying.get(sessionId);
    if (retry !== undefined) return { type: 'status', status: 'pending', message: capped(`Will retry: ${retry}`) };
    const message = this.#failed.get(sessionId);
    return message === undefined
      ? undefined
      : { type: 'status', status: 'failed', message: capped(`Not logged: ${message}`) };
  }

  /** Adds our status line to each asked session, unless the page's answer already logs it for real. */
  merge(sessionIds: readonly string[], answer: CallMatchAnswer): CallMatchAnswer {
    // Nothing pending or failed, the usual case: the answer goes as it is (a 10,000-call match costs no loop).
    if (!this.#pending.size && !this.#failed.size && !this.#retrying.size) return answer;
    const merged = { ...answer };
    for (const sessionId of sessionIds) {
      const entry = this.entryFor(sessionId);
      const given = Object.hasOwn(merged, sessionId) ? merged[sessionId] : []; // not `constructor` and the like
      if (entry && given.every(isStatusEntry)) merged[sessionId] = [entry, ...given];
    }
    return merged;
  }
}
