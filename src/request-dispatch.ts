import { responseTo, type WidgetRequestEvent } from './events.js';

/** The dispatch in progress: where the page's `error` listener puts a listener's exception. */
let dispatching: { thrown?: { error: unknown } } | undefined;
let watchingErrors = false;

/**
 * Dispatches a request event on `target` (the element) and settles with the answer a listener gave through
 * `respondWith()`, or `unanswered()` when none did. A listener that threw makes it a failure, with what it threw.
 */
export function dispatchRequest<T>(
  target: EventTarget,
  event: WidgetRequestEvent<T>,
  unanswered: () => Promise<T>,
): Promise<T> {
  // Listener exceptions never reach dispatchEvent's caller; the browser reports them to window, synchronously.
  // One listener for the page's lifetime: adding and removing one per request cost more than the dispatch itself.
  if (!watchingErrors) {
    watchingErrors = true;
    window.addEventListener('error', (report) => {
      if (dispatching) dispatching.thrown ??= { error: report.error ?? new Error(report.message) };
    });
  }
  const outer = dispatching;
  const result: { thrown?: { error: unknown } } = {};
  dispatching = result;
  try {
    target.dispatchEvent(event);
  } finally {
    dispatching = outer;
  }
  const response = responseTo(event);
  if (result.thrown) {
    response?.catch(() => {}); // superseded by the throw; keep it from surfacing as unhandled
    return Promise.reject(result.thrown.error);
  }
  return response ?? unanswered();
}
