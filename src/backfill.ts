import { printFailure } from './errors.js';
import { BACKFILL_MAX_PAGES, BACKFILL_PAGE_SIZE, BACKFILL_PAGE_TIMEOUT } from './limits.js';
import type { LogStatus } from './log-status.js';
import { isUnloggedCallsPage, rematchMessage } from './protocol.js';
import type { Call } from './call-model.js';
import type { RequestRouter } from './request-router.js';
import type { WidgetBridge } from './widget-bridge.js';

/**
 * Back-fill for one widget session: returns what to call after each call-history sync, which logs (as `backfill`
 * calls) what the widget reports as never logged. One run at a time; a sync that arrives during a run makes it run
 * once more. It stops with the session (`stop`).
 */
export function backfill(
  bridge: WidgetBridge,
  router: RequestRouter,
  status: LogStatus,
  stop: AbortSignal,
): () => Promise<void> {
  /**
   * One run, bounded in pages. All pages are read before logging: each logged call leaves the widget's list, which
   * would shift later pages.
   */
  async function runOnce(): Promise<void> {
    const logged: string[] = [];
    try {
      const unlogged = new Map<string, Call>();
      for (let page = 1; page <= BACKFILL_MAX_PAGES; page++) {
        const body = { perPage: BACKFILL_PAGE_SIZE, page };
        const reply = await bridge.request('/unlogged-calls', body, BACKFILL_PAGE_TIMEOUT);
        if (!isUnloggedCallsPage(reply))
          throw new TypeError('the widget answered /unlogged-calls with an unexpected shape');
        for (const call of reply.calls) unlogged.set(call.sessionId, call);
        if (!reply.hasMore) break;
      }
      for (const call of unlogged.values()) {
        if (stop.aborted) return;
        if (status.isHandled(call.sessionId)) continue;
        if (await router.logLocally({ call, triggerType: 'backfill' }, stop)) logged.push(call.sessionId);
      }
    } catch (error) {
      if (!stop.aborted) printFailure('back-fill of unlogged calls stopped', error);
    } finally {
      // Let the widget see them as logged now, so it stops reporting them.
      if (logged.length && !stop.aborted) bridge.post(rematchMessage(logged));
    }
  }

  let running = false;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await runOnce();
      } while (again && !stop.aborted);
    } finally {
      running = false;
    }
  };
}
