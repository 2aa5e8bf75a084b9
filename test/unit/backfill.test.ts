import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backfill } from '../../src/backfill.js';
import type { CallLogRequestBody } from '../../src/call-model.js';
import { BACKFILL_MAX_PAGES, BACKFILL_PAGE_SIZE, BACKFILL_PAGE_TIMEOUT } from '../../src/limits.js';
import { LogStatus } from '../../src/log-status.js';
import { rematchMessage } from '../../src/protocol.js';
import type { RequestRouter } from '../../src/request-router.js';
import type { WidgetBridge } from '../../src/widget-bridge.js';
import { capturePrinted } from './stub-page.js';

/** A page of `/unlogged-calls` with these sessions. */
const page = (sessionIds: string[], hasMore = false) => ({
  calls: sessionIds.map((sessionId) => ({ sessionId, direction: 'Inbound' })),
  hasMore,
});

/**
 * Back-fill over a stub bridge that answers `/unlogged-calls` page `n` with `pages(n)`, and a stub router whose
 * `logLocally` resolves with `logs(sessionId)`. Everything they were asked lands in `seen`, in order.
 */
function backfillWith({
  pages,
  logs = () => true,
}: {
  pages: (page: number) => unknown;
  logs?: (sessionId: string, stop: AbortSignal) => boolean | Promise<boolean>;
}) {
  const seen = {
    /** `page n` for each page asked, `log <sessionId>` for each call logged, in order. */
    order: [] as string[],
    requests: [] as Array<{ path: string; body: unknown; timeout: number }>,
    logged: [] as CallLogRequestBody[],
    posted: [] as unknown[],
  };
  const bridge = {
    request: (path: string, body: { page: number }, timeout: number) => {
      seen.order.push(`page ${body.page}`);
      seen.requests.push({ path, body, timeout });
      return Promise.resolve(pages(body.page));
    },
    post: (message: unknown) => (seen.posted.push(message), true),
  };
  const stop = new AbortController();
  const router = {
    logLocally: async (body: CallLogRequestBody, signal: AbortSignal) => {
      assert.equal(signal, stop.signal, 'each log stops with the session');
      seen.order.push(`log ${body.call.sessionId}`);
      seen.logged.push(body);
      return logs(body.call.sessionId, signal);
    },
  };
  const status = new LogStatus();
  const run = backfill(bridge as unknown as WidgetBridge, router as unknown as RequestRouter, status, stop.signal);
  return { run, seen, status, stop };
}

const printed = capturePrinted();

describe('back-fill', () => {
  it('reads every page before logging, logs each call once as a backfill call, and asks one re-match for those logged', async () => {
    const pages = [page(['s-1', 's-2'], true), page(['s-2', 's-3'])];
    const { run, seen } = backfillWith({ pages: (n) => pages[n - 1], logs: (sessionId) => sessionId !== 's-2' });
    await run();
    assert.deepEqual(seen.order, ['page 1', 'page 2', 'log s-1', 'log s-2', 'log s-3']);
    assert.deepEqual(seen.requests, [
      { path: '/unlogged-calls', body: { perPage: BACKFILL_PAGE_SIZE, page: 1 }, timeout: BACKFILL_PAGE_TIMEOUT },
      { path: '/unlogged-calls', body: { perPage: BACKFILL_PAGE_SIZE, page: 2 }, timeout: BACKFILL_PAGE_TIMEOUT },
    ]);
    assert.deepEqual(seen.logged[0], { call: { sessionId: 's-1', direction: 'Inbound' }, triggerType: 'backfill' });
    assert.ok(seen.logged.every(({ triggerType }) => triggerType === 'backfill'));
    assert.deepEqual(seen.posted, [rematchMessage(['s-1', 's-3'])]);
    assert.deepEqual(printed, []);
  });

  it(`reads at most ${BACKFILL_MAX_PAGES} pages in a run, even when the widget says there are more`, async () => {
    const { run, seen } = backfillWith({ pages: (n) => page([`s-${n}`], true) });
    await run();
    assert.equal(seen.requests.length, BACKFILL_MAX_PAGES);
    assert.equal(seen.logged.length, BACKFILL_MAX_PAGES);
  });

  it('skips sessions the log status has as logged or being logged; a failed one is tried again', async () => {
    const { run, seen, status } = backfillWith({ pages: () => page(['logged', 'pending', 'failed', 'new']) });
    status.succeeded('logged');
    status.begin('pending');
    status.failed('failed', 'CRM is down');
    await run();
    assert.deepEqual(
      seen.logged.map(({ call }) => call.sessionId),
      ['failed', 'new'],
    );
    assert.deepEqual(seen.posted, [rematchMessage(['failed', 'new'])]);
  });

  it('nothing logged, nothing posted: no re-match when every log failed or there was nothing to log', async () => {
    const failing = backfillWith({ pages: () => page(['s-1']), logs: () => false });
    await failing.run();
    assert.equal(failing.seen.logged.length, 1);
    assert.deepEqual(failing.seen.posted, []);
    const empty = backfillWith({ pages: () => page([]) });
    await empty.run();
    assert.deepEqual(empty.seen.posted, []);
  });

  it('a sync during a run makes exactly one more run, however many arrive; later syncs run again', async () => {
    let firstPage: (value: unknown) => void = () => {};
    const answers = [new Promise((resolve) => (firstPage = resolve))];
    const { run, seen } = backfillWith({ pages: () => answers.shift() ?? page(['s-2']) });
    const running = run();
    await Promise.all([run(), run(), run()]); // each returns at once: the run in progress will go again
    assert.deepEqual(seen.order, ['page 1']);
    firstPage(page(['s-1']));
    await running;
    assert.deepEqual(seen.order, ['page 1', 'log s-1', 'page 1', 'log s-2']);
    await run();
    assert.deepEqual(seen.order.slice(4), ['page 1', 'log s-2']);
  });

  it('a malformed page stops the run: nothing logged, nothing posted, and the cause printed', async () => {
    const pages = [page(['s-1'], true), { calls: [{ id: 'no sessionId' }], hasMore: false }];
    const { run, seen } = backfillWith({ pages: (n) => pages[n - 1] });
    await run();
    assert.deepEqual(seen.order, ['page 1', 'page 2']);
    assert.deepEqual(seen.posted, []);
    assert.deepEqual(printed, [
      'rc-call-logger: back-fill of unlogged calls stopped: the widget answered /unlogged-calls with an unexpected shape',
    ]);
  });

  it('stopped while logging: nothing more is logged or posted, and nothing printed', async () => {
    const { run, seen, stop } = backfillWith({
      pages: () => page(['s-1', 's-2', 's-3']),
      logs: () => (stop.abort(new DOMException('left the document', 'AbortError')), true),
    });
    await run();
    assert.deepEqual(
      seen.logged.map(({ call }) => call.sessionId),
      ['s-1'],
    );
    assert.deepEqual(seen.posted, []);
    assert.deepEqual(printed, []);
  });

  it('stopped while a page is read: no error printed, and a sync that arrived meanwhile makes no more runs', async () => {
    const { run, seen, stop } = backfillWith({
      pages: () => {
        if (!stop.signal.aborted) {
          stop.abort(new DOMException('left the document', 'AbortError'));
          void run(); // a sync arriving while the page is read
        }
        return Promise.reject(stop.signal.reason as Error); // as the closed bridge rejects
      },
    });
    await run();
    assert.deepEqual(seen.order, ['page 1']);
    assert.deepEqual(seen.posted, []);
    assert.deepEqual(printed, []);
  });
});
