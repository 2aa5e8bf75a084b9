import { isStatusEntry, type CallMatchAnswer, type StatusEntry } from './protocol.js';

/** How many failed sessions we remember; the oldest is forgotten first. */
const FAILED_MEMORY = 200;

/**
 * What became of the `call-log` answers per session, shown to the user through `call-match` replies: the widget
 * never reads a call-log reply, but it draws a matcher `status` entry as a coloured line on the call.
 */
export class LogStatus {
  readonly #pending = new Set<string>();
  readonly #failed = new Map<string, string>();

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
  }

  failed(sessionId: string, message: string): void {
    this.#pending.delete(sessionId);
    this.#failed.delete(sessionId);
    this.#failed.set(sessionId, message);
    if (this.#failed.size > FAILED_MEMORY) this.#failed.delete(this.#failed.keys().next().value!);
  }

  isPending(sessionId: string): boolean {
    return this.#pending.has(sessionId);
  }

  entryFor(sessionId: string): StatusEntry | undefined {
    if (this.#pending.has(sessionId)) return { type: 'status', status: 'pending', message: 'Logging…' };
    const message = this.#failed.get(sessionId);
    return message === undefined ? undefined : { type: 'status', status: 'failed', message: `Not logged: ${message}` };
  }

  /** Adds our status line to each asked session, unless the page's answer already logs it for real. */
  merge(sessionIds: readonly string[], answer: CallMatchAnswer): CallMatchAnswer {
    // Nothing pending or failed, the usual case: the answer goes as it is (a 10,000-call match costs no loop).
    if (!this.#pending.size && !this.#failed.size) return answer;
    const merged = { ...answer };
    for (const sessionId of sessionIds) {
      const entry = this.entryFor(sessionId);
      const given = Object.hasOwn(merged, sessionId) ? merged[sessionId] : []; // not `constructor` and the like
      if (entry && given.every(isStatusEntry)) merged[sessionId] = [entry, ...given];
    }
    return merged;
  }
}
