import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capturePrinted, installPage } from './stub-page.js';

installPage();
const { RequestRouter } = await import('../../src/request-router.js');
const { LogStatus } = await import('../../src/log-status.js');
import type { CallLogEvent, CallMatchEvent, LogPageInputEvent } from '../../src/events.js';
import type { WidgetRequest } from '../../src/protocol.js';

const LOG = '/callLogger';
const MATCH = '/callLogger/match';
let nextId = 0;
const widgetRequest = (path: string, body: unknown): WidgetRequest => ({
  type: 'rc-post-message-request',
  requestId: `r-${++nextId}`,
  path,
  body,
});
const callLog = (sessionId: string, triggerType = 'createLog') => ({ call: { sessionId }, triggerType });

/** A router for an element stand-in (where events go), registered on the default paths. */
function router({ responseTimeout = 10_000, recordingWithToken = false } = {}) {
  const target = Object.assign(new EventTarget(), {
    responseTimeout,
    recordingWithToken,
    outbox: false,
    retryFor: 0,
    endpointCredentials: 'same-origin' as const,
  });
  const rematched: string[][] = [];
  const status = new LogStatus();
  const requests = new RequestRouter(target, status, (sessionIds) => rematched.push(sessionIds));
  requests.registered({ name: 'Acme', callLoggerPath: LOG, callLogEntityMatcherPath: MATCH });
  /** Answers `request` as the bridge would, and reports it settled. */
  const answer = async (request: WidgetRequest) => {
    const answering = requests.answer(request, new AbortController().signal);
    if (!answering) return undefined;
    try {
      const value = await answering.response;
      answering.settled();
      return value;
    } catch (error) {
      answering.settled({ error });
      return { error };
    }
  };
  return { target, requests, status, rematched, answer };
}

const printed = capturePrinted();

describe('request router', () => {
  it('a request on a path that is not ours is left alone', () => {
    const { requests } = router();
    assert.equal(requests.answer(widgetRequest('/contacts', {}), new AbortController().signal), undefined);
  });

  it('call-log: the listener gets a CallLogEvent and its answer goes back as {data}', async () => {
    const { target, answer } = router();
    let seen: CallLogEvent | undefined;
    target.addEventListener('call-log', (event) => {
      seen = event as CallLogEvent;
      seen.respondWith({ id: 'crm-1' });
    });
    assert.deepEqual(await answer(widgetRequest(LOG, callLog('s-1', 'presenceUpdate'))), { data: { id: 'crm-1' } });
    assert.equal(seen?.call.sessionId, 's-1');
    assert.equal(seen?.automatic, true);
  });

  it('call-log: recording tokens reach the listener only when the page set recording-with-token', async () => {
    const withToken = (sessionId: string) => ({
      call: { sessionId, recording: { id: 'r', contentUri: 'https://media.example/r/content?access_token=T' } },
      triggerType: 'callLogSync',
    });
    for (const recordingWithToken of [false, true]) {
      const { target, answer } = router({ recordingWithToken });
      let seen: string | undefined;
      target.addEventListener('call-log', (event) => {
        seen = (event as CallLogEvent).call.recording?.contentUri;
        (event as CallLogEvent).respondWith('ok');
      });
      await answer(widgetRequest(LOG, withToken('s-1')));
      const expected = `https://media.example/r/content${recordingWithToken ? '?access_token=T' : ''}`;
      assert.equal(seen, expected);
    }
  });

  it("call-log: undefined is sent as 'ok'; nobody answering is a failure that names the cause", async () => {
    const { target, answer } = router();
    const listener = (event: Event) => (event as CallLogEvent).respondWith(undefined);
    target.addEventListener('call-log', listener);
    assert.deepEqual(await answer(widgetRequest(LOG, callLog('s-1'))), { data: 'ok' });
    target.removeEventListener('call-log', listener);
    const { error } = (await answer(widgetRequest(LOG, callLog('s-2')))) as { error: Error };
    assert.match(error.message, /no call-log listener called respondWith/);
  });

  it('call-match: nobody answering means no entries; a wrong shape is a failure', async () => {
    const { target, answer } = router();
    assert.deepEqual(await answer(widgetRequest(MATCH, { sessionIds: ['s-1'] })), { data: {} });
    target.addEventListener('call-match', (event) =>
      (event as CallMatchEvent).respondWith({ 's-1': 'logged' } as never),
    );
    const { error } = (await answer(widgetRequest(MATCH, { sessionIds: ['s-1'] }))) as { error: Error };
    assert.match(error.message, /call-match answer must map/);
  });

  it('malformed bodies on our paths are failures, and fire nothing', async () => {
    const { target, answer } = router();
    let events = 0;
    for (const type of ['call-log', 'call-match']) target.addEventListener(type, () => events++);
    assert.match(((await answer(widgetRequest(LOG, { call: {} }))) as { error: Error }).error.message, /malformed/);
    assert.match(
      ((await answer(widgetRequest(MATCH, { sessionIds: 's' }))) as { error: Error }).error.message,
      /malformed/,
    );
    assert.equal(events, 0);
  });

  it('log-page input: a LogPageInputEvent, answered ok at once', async () => {
    const { target, requests, answer } = router();
    requests.registered({ name: 'Acme', callLogPageInputChangedEventPath: '/input' });
    const seen: Array<LogPageInputEvent> = [];
    target.addEventListener('log-page-input', (event) => seen.push(event as LogPageInputEvent));
    const body = { call: { sessionId: 's-1' }, formData: { note: 'x' }, keys: ['note'] };
    assert.deepEqual(await answer(widgetRequest('/input', body)), { data: 'ok' });
    assert.deepEqual(seen[0].keys, ['note']);
  });

  it('a failed log shows as a failed line in call-match replies, asks for a re-match, and is printed redacted', async () => {
    const { target, rematched, answer } = router();
    target.addEventListener('call-log', (event) =>
      (event as CallLogEvent).respondWith(Promise.reject(new Error('upload of m.ex/r?access_token=SECRET failed'))),
    );
    await answer(widgetRequest(LOG, callLog('s-1')));
    assert.deepEqual(rematched, [['s-1']]);
    assert.deepEqual(await answer(widgetRequest(MATCH, { sessionIds: ['s-1'] })), {
      data: {
        's-1': [
          {
            type: 'status',
            status: 'failed',
            message: 'Not logged: upload of m.ex/r?access_token=[redacted] failed',
          },
        ],
      },
    });
    assert.equal(printed.length, 1);
    assert.match(printed[0], /call-log \(createLog\) for session s-1 failed/);
    assert.doesNotMatch(printed[0], /SECRET/);
  });

  it('a log stopped because the element left shows nothing and asks for no re-match', async () => {
    const { target, requests, rematched, answer } = router();
    target.addEventListener('call-log', (event) => (event as CallLogEvent).respondWith(new Promise(() => {})));
    const answering = requests.answer(widgetRequest(LOG, callLog('s-1')), new AbortController().signal)!;
    answering.response.catch(() => {});
    answering.settled({ error: new DOMException('left', 'AbortError') });
    assert.deepEqual(rematched, []);
    target.addEventListener('call-match', (event) => (event as CallMatchEvent).respondWith({}));
    assert.deepEqual(await answer(widgetRequest(MATCH, { sessionIds: ['s-1'] })), { data: {} });
  });

  it('timeouts: the response-timeout, capped below the widget’s own limit; 2 s for log-page input', () => {
    const timeoutOf = (responseTimeout: number, request: WidgetRequest) => {
      const answering = router({ responseTimeout }).requests.answer(request, new AbortController().signal)!;
      answering.response.catch(() => {}); // nobody listens: only the timeout matters here
      return answering.timeout;
    };
    assert.equal(timeoutOf(300, widgetRequest(LOG, callLog('s-1'))), 300);
    assert.equal(timeoutOf(60_000, widgetRequest(LOG, callLog('s-1'))), 10_000);
    assert.equal(timeoutOf(60_000, widgetRequest(MATCH, { sessionIds: [] })), 20_000);
    assert.equal(timeoutOf(Number.NaN, widgetRequest(LOG, callLog('s-1'))), 10_000);
    const { requests } = router();
    requests.registered({ name: 'Acme', callLogPageInputChangedEventPath: '/input' });
    const input = { call: { sessionId: 's-1' }, formData: {}, keys: [] };
    assert.equal(requests.answer(widgetRequest('/input', input), new AbortController().signal)!.timeout, 2_000);
  });

  it('routes are forgotten when the widget reloads', () => {
    const { requests } = router();
    requests.forgetRoutes();
    assert.equal(requests.answer(widgetRequest(LOG, callLog('s-1')), new AbortController().signal), undefined);
  });

  it('back-fill: logs a call outside any widget request, and knows it handled it', async () => {
    const { target, requests, status } = router();
    target.addEventListener('call-log', (event) => (event as CallLogEvent).respondWith('saved'));
    assert.equal(
      await requests.logLocally({ call: { sessionId: 'h-1' }, triggerType: 'backfill' }, new AbortController().signal),
      true,
    );
    assert.equal(status.isHandled('h-1'), true);
    assert.equal(status.isHandled('h-2'), false);
  });
});
