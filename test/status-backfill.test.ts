import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CallLogEvent, CallMatchAnswer, RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, callBody, frame, until } from './helpers/simulator.js';

const LOG = '/callLogger';
const MATCH = '/callLogger/match';

/**
 * Resolves once the widget's reply to the page's `requestIndex`-th request (0-based) has reached the page and
 * everything the page did with it, and posted, has reached the widget: the end of a back-fill run that logs nothing.
 */
async function afterReplyTo(widget: SimulatorControl, requestIndex: number) {
  const request = await until(
    () => widget.messages('rc-adapter-message-request')[requestIndex],
    `request ${requestIndex + 1} to the widget`,
  );
  await widget.replyReached(request.requestId as string);
  await widget.flush();
}

/**
 * A page's in-memory CRM: logs by sessionId, and answers call-match from what it logged. Its call-log answers come
 * a task later, and not before `open` settles.
 */
function crm(el: RcCallLoggerElement, { open = Promise.resolve() } = {}) {
  const logs = new Map<string, string>();
  const events: CallLogEvent[] = [];
  let failNext = false;
  el.addEventListener('call-log', (event) => {
    events.push(event);
    const fail = failNext;
    failNext = false;
    event.respondWith(
      (async () => {
        await open;
        await new Promise((resolve) => setTimeout(resolve)); // a CRM that answers later, not at once
        if (fail) throw new Error('CRM is down');
        logs.set(event.call.sessionId, `crm-${logs.size + 1}`);
        return { id: logs.get(event.call.sessionId) };
      })(),
    );
  });
  el.addEventListener('call-match', (event) => {
    const answer: CallMatchAnswer = {};
    for (const id of event.sessionIds) if (logs.has(id)) answer[id] = [{ id: logs.get(id)! }];
    event.respondWith(answer);
  });
  return { logs, events, failOnce: () => (failNext = true) };
}

describe('failures shown in the widget', () => {
  let widget: SimulatorControl;
  let el: RcCallLoggerElement;
  beforeEach(async () => {
    widget = new SimulatorControl();
    el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
  });
  afterEach(() => widget.stop());

  it('a rejected call-log reaches the widget as a failed status, at once, and a later success clears it', async () => {
    const page = crm(el);
    page.failOnce();
    const response = (await widget.request(LOG, callBody('s-1'))) as { error: { message: string } };
    expect(response.error.message).to.equal('CRM is down');
    // The element asks the widget to re-match the call; the widget's matcher reply now shows the failure.
    await until(
      () => widget.messages('rc-adapter-trigger-call-logger-match').some((m) => String(m.sessionIds) === 's-1'),
      'the re-match trigger',
    );
    await until(() => widget.acceptedFor(MATCH).length >= 1, 'a matcher reply');
    expect(widget.acceptedFor(MATCH).at(-1)).to.deep.equal({
      data: { 's-1': [{ type: 'status', status: 'failed', message: 'Not logged: CRM is down' }] },
    });
    const before = widget.acceptedFor(MATCH).length;
    expect(await widget.request(LOG, callBody('s-1', 'editLog'))).to.deep.equal({ data: { id: 'crm-1' } });
    // Matcher requests for s-1 may still be queued from the failure; the re-match after the log comes last.
    const logged = JSON.stringify({ data: { 's-1': [{ id: 'crm-1' }] } });
    await until(
      () =>
        widget
          .acceptedFor(MATCH)
          .slice(before)
          .some((r) => JSON.stringify(r) === logged),
      'the re-match after the log',
    );
  });

  it('a call-log rejected without a reason is a failure too, not a success', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    el.addEventListener('call-log', (event) => event.respondWith(Promise.reject(undefined)));
    el.addEventListener('call-match', (event) => event.respondWith({}));
    await widget.request(LOG, callBody('s-2'));
    await until(
      () => widget.messages('rc-adapter-trigger-call-logger-match').some((m) => String(m.sessionIds) === 's-2'),
      'the re-match trigger',
    );
    expect(await widget.request(MATCH, { sessionIds: ['s-2'] })).to.deep.equal({
      data: { 's-2': [{ type: 'status', status: 'failed', message: 'Not logged: rejected without a reason' }] },
    });
  });

  /** The call-match reply for `sessionIds` while the call-log of the first of them is pending. */
  async function matchWhileLogging(sessionIds: string[]): Promise<unknown> {
    let resolveLog: ((value: unknown) => void) | undefined;
    el.addEventListener('call-log', (event) => event.respondWith(new Promise((resolve) => (resolveLog = resolve))));
    const logId = await widget.send(LOG, callBody(sessionIds[0]));
    await until(() => resolveLog, 'the call-log event');
    const reply = await widget.request(MATCH, { sessionIds });
    resolveLog!('saved');
    await widget.outcome(logId);
    return reply;
  }

  it('while a call-log answer is pending, call-match replies carry a pending status', async () => {
    expect(await matchWhileLogging(['s-2', 's-3'])).to.deep.equal({
      data: { 's-2': [{ type: 'status', status: 'pending', message: 'Logging…' }] },
    });
  });

  it('a session ID named like an Object.prototype member is matched like any other', async () => {
    expect(await matchWhileLogging(['constructor', 'toString'])).to.deep.equal({
      data: { constructor: [{ type: 'status', status: 'pending', message: 'Logging…' }] },
    });
  });

  it('a later success clears the failed status even when the page reports no entry', async () => {
    let fail = true;
    el.addEventListener('call-log', (event) =>
      event.respondWith(fail ? Promise.reject(new Error('CRM is down')) : 'saved'),
    );
    el.addEventListener('call-match', (event) => event.respondWith({}));
    await widget.request(LOG, callBody('s-6'));
    expect(await widget.request(MATCH, { sessionIds: ['s-6'] })).to.deep.equal({
      data: { 's-6': [{ type: 'status', status: 'failed', message: 'Not logged: CRM is down' }] },
    });
    fail = false;
    await widget.request(LOG, callBody('s-6', 'editLog'));
    expect(await widget.request(MATCH, { sessionIds: ['s-6'] })).to.deep.equal({ data: {} });
  });

  it("the page's own real entry wins over our status", async () => {
    const page = crm(el);
    page.failOnce();
    await widget.request(LOG, callBody('s-4'));
    page.logs.set('s-4', 'crm-elsewhere'); // logged by another path meanwhile
    expect(await widget.request(MATCH, { sessionIds: ['s-4'] })).to.deep.equal({
      data: { 's-4': [{ id: 'crm-elsewhere' }] },
    });
  });
});

describe('typed call model conveniences', () => {
  let widget: SimulatorControl;
  afterEach(() => widget.stop());

  it('tells automatic requests apart and lists the existing log entries', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const seen: CallLogEvent[] = [];
    el.addEventListener('call-log', (event) => {
      seen.push(event);
      event.respondWith('ok');
    });
    const auto = callBody('s-5', 'presenceUpdate');
    auto.call.activityMatches = [
      { type: 'status', status: 'pending' },
      { id: 'crm-9', note: 'Earlier' },
    ];
    await widget.request(LOG, auto);
    await widget.request(LOG, callBody('s-5', 'callLogSync'));
    await widget.request(LOG, callBody('s-5', 'createLog'));
    expect(seen.map((e) => e.automatic)).to.deep.equal([true, true, false]);
    expect(seen[0].logEntries).to.deep.equal([{ id: 'crm-9', note: 'Earlier' }]);
    expect(seen[1].logEntries).to.deep.equal([]);
  });
});

describe('back-fill of unlogged calls', () => {
  let widget: SimulatorControl;
  afterEach(() => widget.stop());

  const history = (count: number, prefix = 'h') =>
    Array.from({ length: count }, (_, i) => ({
      ...callBody(`${prefix}-${i}`).call,
      result: 'Missed',
      action: 'Phone Call',
    }));

  it('logs, as backfill calls, what the widget reports unlogged after a history sync, page by page, once', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme" backfill></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const page = crm(el);
    page.logs.set('h-0', 'crm-logged-before'); // already logged: the matcher says so, so it is not reported
    widget.command('history', { calls: history(60) });
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await until(() => page.events.length === 59, 'the back-fill to log 59 calls');
    expect(page.events.every((e) => e.triggerType === 'backfill' && !e.automatic)).to.equal(true);

    expect(page.events.map((e) => e.call.sessionId)).not.to.include('h-0');
    const asked = widget.messages('rc-adapter-message-request');
    expect(asked.map((m) => m.body)).to.deep.equal([
      { perPage: 50, page: 1 },
      { perPage: 50, page: 2 },
    ]);
    await until(
      () => widget.messages('rc-adapter-trigger-call-logger-match').length > 0,
      'the re-match of the logged calls',
    );
    // A second sync finds nothing left to log.
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await afterReplyTo(widget, 2);
    expect(page.events).to.have.length(59);
  });

  it('never logs a call twice, even when the page has no matcher and the widget keeps reporting it', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme" backfill></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const events: CallLogEvent[] = [];
    el.addEventListener('call-log', (event) => {
      events.push(event);
      event.respondWith('saved');
    });
    widget.command('history', { calls: history(3) });
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await until(() => events.length === 3, 'the first back-fill');
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await afterReplyTo(widget, 1);
    expect(events).to.have.length(3);
  });

  it('a sync during a run makes it run again, so a call that arrives meanwhile is logged too', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme" backfill></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    let open = () => {};
    const page = crm(el, { open: new Promise<void>((resolve) => (open = resolve)) });
    widget.command('history', { calls: history(5) });
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await until(() => page.events.length === 1, 'the run to start logging');
    widget.command('history', { calls: [...history(5), ...history(1, 'late')] });
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await widget.flush(); // the second sync has reached the page while the run waits for its first answer
    open();
    await until(() => page.events.some((e) => e.call.sessionId === 'late-0'), 'the call that arrived during the run');
    expect(new Set(page.events.map((e) => e.call.sessionId)).size).to.equal(page.events.length);
  });

  it('stops when the element leaves: no more events, and the pending one is aborted', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        backfill
        response-timeout="5000"
      ></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const events: CallLogEvent[] = [];
    el.addEventListener('call-log', (event) => {
      events.push(event);
      event.respondWith(new Promise(() => {}));
    });
    widget.command('history', { calls: history(3) });
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await until(() => events.length === 1, 'the first back-fill call');
    // Gone for good at once, as on a logout page: after the 3 s hand-over grace, the 5 s response-timeout could win
    // on a busy machine.
    el.remove();
    void el.disposeWidget();
    await until(() => events[0].signal.aborted, 'the pending back-fill call to abort');
    expect((events[0].signal.reason as DOMException).name).to.equal('AbortError');
    await until(() => !frame(), 'the element to release the widget');
    expect(events).to.have.length(1);
  });

  it('does nothing without the backfill attribute', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const page = crm(el);
    widget.command('history', { calls: history(3) });
    widget.command('send', { message: { type: 'rc-call-history-synced-notify' } });
    await widget.flush();
    expect(page.events).to.have.length(0);
    expect(widget.messages('rc-adapter-message-request')).to.have.length(0);
  });
});
