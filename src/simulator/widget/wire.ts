// The wire to the page: messages posted to the parent, requests with the widget's own timeouts and their replies,
// and the `rc-simulator:*` reports for automation.
import { inspect } from './inspector.js';
import { TIMEOUT, state, type Json } from './state.js';
import { uuid } from '../uuid.js';

const pending = new Map<
  string,
  { timer: ReturnType<typeof setTimeout>; path: string; done: (answer: Answer) => void }
>();

const reportTo = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : null);
export function report(kind: string, detail: Json): void {
  if (reportTo && parent !== window) parent.postMessage({ type: `rc-simulator:${kind}`, ...detail }, reportTo);
}
export function post(message: Json): void {
  inspect('out', message);
  parent.postMessage(message, '*'); // as the real widget does (docs/widget-protocol.md)
}

function timeoutFor(path: string): number {
  if (path === state.service?.callLoggerPath) return TIMEOUT.log;
  if (path === state.service?.callLogEntityMatcherPath) return TIMEOUT.match;
  return TIMEOUT.other;
}

/** How a request ended: any reply counts as answered, whatever its `response`. */
export interface Answer {
  answered: boolean;
  response?: unknown;
}

/** Sends a request; resolves with the first reply, or `answered: false` on the widget's own timeout. */
export function request(
  path: string,
  body: unknown,
  { timeout = timeoutFor(path), tag }: { timeout?: number; tag?: unknown } = {},
) {
  const requestId = uuid();
  return new Promise<Answer>((done) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      report('timeout', { requestId, path });
      inspect('note', `timed out after ${timeout} ms: ${path}`);
      done({ answered: false });
    }, timeout);
    pending.set(requestId, { timer, path, done });
    post({ type: 'rc-post-message-request', requestId, path, body });
    // After the request: once the page reads this report, its own listeners have handled the request.
    report('sent', { requestId, path, tag });
  });
}

/** A page's `rc-post-message-response`: ends the request it answers. */
export function receiveResponse(responseId: unknown, response: unknown): void {
  const entry = pending.get(responseId as string);
  if (!entry) return; // late or duplicate: ignored
  clearTimeout(entry.timer);
  pending.delete(responseId as string);
  report('answered', { requestId: responseId, path: entry.path, response });
  entry.done({ answered: true, response });
}
