import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { CallLogEvent, CallMatchEvent, type RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, callBody, frame, until } from './helpers/simulator.js';

const LOG = '/callLogger';
const MATCH = '/callLogger/match';

/** Runs `body` while uncaught errors are swallowed (mocha would fail the test on them) and returns their messages. */
async function withUncaughtErrors(body: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const previous = window.onerror;
  window.onerror = (message) => {
    // The same text String() gives: the message, or "[object Event]" for an Event.
    seen.push(typeof message === 'string' ? message : Object.prototype.toString.call(message));
    return true;
  };
  try {
    await body();
  } finally {
    window.onerror = previous;
  }
  return seen;
}

describe('requests and replies', () => {
  let widget: SimulatorControl;
  let el: RcCallLoggerElement;

  beforeEach(async () => {
    widget = new SimulatorControl();
    el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM" response-timeout="300"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
  });
  afterEach(() => widget.stop());

  it('call-log: the listener gets the call and its answer reaches the widget as {data}', async () => {
    let seen: CallLogEvent | undefined;
    el.addEventListener('call-log', (event) => {
      seen = event;
      event.respondWith(Promise.resolve({ id: 'crm-42' }));
    });
    const response = await widget.request(LOG, callBody('s-1', 'presenceUpdate'));
    expect(response).to.deep.equal({ data: { id: 'crm-42' } });
    expect(seen).to.be.instanceOf(CallLogEvent);
    expect(seen!.call.sessionId).to.equal('s-1');
    expect(seen!.triggerType).to.equal('presenceUpdate');
    expect(seen!.body).to.deep.equal(callBody('s-1', 'presenceUpdate'));
    expect(seen!.bubbles && seen!.composed).to.equal(true);
    expect(seen!.cancelable).to.equal(false);
    expect(seen!.responded).to.equal(true);
  });

  it("call-log: an answer of undefined is sent as {data: 'ok'}", async () => {
    el.addEventListener('call-log', (event) => event.respondWith(undefined));
    expect(await widget.request(LOG, callBody())).to.deep.equal({ data: 'ok' });
  });

  it('call-match: the listener gets the session IDs and its map reaches the widget as {data}', async () => {
    let seen: CallMatchEvent | undefined;
    el.addEventListener('call-match', (event) => {
      seen = event;
      event.respondWith({ 's-1': [{ id: 'crm-42', note: 'Called back' }] });
    });
    const response = await widget.request(MATCH, { sessionIds: ['s-1', 's-2'], activeSessionIds: ['s-2'] });
    expect(response).to.deep.equal({ data: { 's-1': [{ id: 'crm-42', note: 'Called back' }] } });
    expect(seen).to.be.instanceOf(CallMatchEvent);
    expect(seen!.sessionIds).to.deep.equal(['s-1', 's-2']);
    expect(seen!.activeSessionIds).to.deep.equal(['s-2']);
  });

  it('a single listener on document answers for the element', async () => {
    const onLog = (event: CallLogEvent) => event.respondWith('from document');
    document.addEventListener('call-log', onLog);
    try {
      expect(await widget.request(LOG, callBody())).to.deep.equal({ data: 'from document' });
    } finally {
      document.removeEventListener('call-log', onLog);
    }
  });

  it('call-log nobody answers: replied at once with an error, never with data', async () => {
    el.responseTimeout = 14_000; // so that a reply that waited for the timeout would say so
    await el.updateComplete;
    const response = (await widget.request(LOG, callBody())) as Record<string, { message: string }>;
    expect(response).not.to.have.property('data');
    expect(response.error.message).to.match(/no call-log listener/);
  });

  it('call-match nobody answers: replied at once with no entries', async () => {
    expect(await widget.request(MATCH, { sessionIds: ['s-1'] })).to.deep.equal({ data: {} });
  });

  it('a listener that throws: one reply carrying the error', async () => {
    el.addEventListener('call-log', () => {
      throw new Error('CRM client not configured');
    });
    let response: unknown;
    const uncaught = await withUncaughtErrors(async () => {
      response = await widget.request(LOG, callBody());
    });
    expect(uncaught.join()).to.match(/CRM client not configured/);
    expect(response).to.deep.equal({ error: { message: 'CRM client not configured' } });
  });

  it('a rejected promise: one reply carrying its message (call-log and call-match)', async () => {
    el.addEventListener('call-log', (event) => event.respondWith(Promise.reject(new Error('CRM is down'))));
    el.addEventListener('call-match', (event) => event.respondWith(Promise.reject(new Error('search failed'))));
    expect(await widget.request(LOG, callBody())).to.deep.equal({ error: { message: 'CRM is down' } });
    expect(await widget.request(MATCH, { sessionIds: ['s-1'] })).to.deep.equal({ error: { message: 'search failed' } });
  });

  it('failures are printed on the console without access tokens', async () => {
    const printed: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => printed.push(args.join(' '));
    try {
      el.addEventListener('call-log', (event) =>
        event.respondWith(
          Promise.reject(new Error('could not fetch https://media.example/r/1?access_token=SECRET-123&x=1')),
        ),
      );
      await widget.request(LOG, callBody('s-9'));
    } finally {
      console.error = original;
    }
    expect(printed).to.have.length(1);
    expect(printed[0]).to.match(/call-log \(createLog\) for session s-9 failed: could not fetch/);
    expect(printed[0]).to.include('access_token=[redacted]&x=1');
    expect(printed[0]).not.to.include('SECRET-123');
  });

  it('a rejection without a reason, or with one that cannot be printed, is still an error reply', async () => {
    const reasons: unknown[] = [undefined, Object.create(null)];
    el.addEventListener('call-match', (event) => event.respondWith(Promise.reject(reasons.shift())));
    for (let i = 0; i < 2; i++) {
      const response = (await widget.request(MATCH, { sessionIds: ['s-1'] })) as Record<string, { message: string }>;
      expect(response).not.to.have.property('data');
      expect(response.error.message).to.match(/rejected with/);
    }
  });

  it('a listener that responds and then throws: one reply carrying the error', async () => {
    el.addEventListener('call-log', (event) => {
      event.respondWith(Promise.resolve('saved'));
      throw new Error('bug after responding');
    });
    let requestId = '';
    await withUncaughtErrors(async () => {
      requestId = await widget.send(LOG, callBody());
      await widget.outcome(requestId);
      await widget.flush();
    });
    expect(widget.responsesTo(requestId).map((r) => r.data?.response)).to.deep.equal([
      { error: { message: 'bug after responding' } },
    ]);
  });

  it('a call-match answer of the wrong shape: one reply carrying an error', async () => {
    const answers: unknown[] = [['s-1'], { 's-1': 'logged' }, { 's-1': ['crm-42'] }, null];
    el.addEventListener('call-match', (event) => event.respondWith(answers.shift() as never));
    for (let i = 0; i < 4; i++) {
      const response = (await widget.request(MATCH, { sessionIds: ['s-1'] })) as Record<string, { message: string }>;
      expect(response).not.to.have.property('data');
      expect(response.error.message).to.match(/call-match answer must map/);
    }
  });

  it('a call-match answer is checked where the widget reads it: the asked session IDs', async () => {
    // The widget stores data[id] for each ID it asked about and nothing else (docs/widget-protocol.md#matcher).
    const answer = { 's-1': [{ id: 'crm-1' }], 'not-asked': 'anything' };
    el.addEventListener('call-match', (event) => event.respondWith(answer as never));
    expect(await widget.request(MATCH, { sessionIds: ['s-1', 's-2'] })).to.deep.equal({ data: answer });
  });

  it('a call-log answer that cannot be posted: one reply carrying an error', async () => {
    el.addEventListener('call-log', (event) => event.respondWith({ save: () => 1 }));
    const requestId = await widget.send(LOG, callBody());
    const outcome = await widget.outcome(requestId);
    // The engine's DataCloneError message: "could not be cloned" in Chromium and Firefox, "can not" in WebKit.
    expect((outcome.response as { error: { message: string } }).error.message).to.match(/not be cloned/);
    await widget.flush();
    expect(widget.responsesTo(requestId)).to.have.length(1);
  });

  it('response-timeout passes: one error reply, the signal aborts, the late answer is dropped', async () => {
    let signal: AbortSignal | undefined;
    let resolveLate: (value: unknown) => void = () => {};
    el.addEventListener('call-log', (event) => {
      signal = event.signal;
      event.respondWith(new Promise((resolve) => (resolveLate = resolve)));
    });
    const requestId = await widget.send(LOG, callBody());
    const outcome = await widget.outcome(requestId);
    expect((outcome.response as { error: { message: string } }).error.message).to.match(/no answer within 300 ms/);
    expect(signal!.aborted).to.equal(true);
    expect((signal!.reason as DOMException).name).to.equal('TimeoutError');
    resolveLate('too late');
    await widget.flush();
    expect(widget.responsesTo(requestId)).to.have.length(1);
  });

  it('each pending request times out at its own deadline, whatever came before it', async () => {
    // When each call-log reached the element: its deadline is that plus the response-timeout it was sent under.
    const deadlines = new Map<string, number>();
    el.addEventListener('call-log', (event) => {
      const { sessionId } = event.call;
      deadlines.set(sessionId, performance.now() + el.responseTimeout);
      event.respondWith(sessionId === 'quick' ? 'ok' : new Promise(() => {}));
    });
    el.responseTimeout = 3000;
    await el.updateComplete;
    const slow = await widget.send(LOG, callBody('slow'));
    el.responseTimeout = 300;
    await el.updateComplete;
    // Due before `slow`; answered at once, so the deadline it brought forward passes with nothing to expire.
    const quick = await widget.send(LOG, callBody('quick'));
    const soon = await widget.send(LOG, callBody('soon'));
    await Promise.all([slow, soon].map((requestId) => widget.outcome(requestId)));
    await widget.flush();
    // On a busy machine `soon` may even arrive after `slow` expired: the order follows the deadlines, not a guess.
    const byDeadline = [
      ['slow', slow],
      ['soon', soon],
    ].sort(([a], [b]) => deadlines.get(a)! - deadlines.get(b)!);
    const ours = [slow, quick, soon];
    const replies = widget
      .messages('rc-post-message-response')
      .filter((reply) => ours.includes(reply.responseId as string));
    expect(replies.map((reply) => reply.responseId)).to.deep.equal([quick, ...byDeadline.map(([, id]) => id)]);
    const timeoutOf = { slow: 3000, soon: 300 } as Record<string, number>;
    expect(replies.map((reply) => JSON.stringify(reply.response))).to.deep.equal([
      JSON.stringify({ data: 'ok' }),
      ...byDeadline.map(([name]) =>
        JSON.stringify({ error: { message: `no answer within ${timeoutOf[name]} ms (response-timeout)` } }),
      ),
    ]);
  });

  it('the same request delivered again while it is pending is answered once', async () => {
    el.responseTimeout = 10_000; // not 300 ms: the flush below can take longer on a busy machine
    let events = 0;
    let answer: (value: unknown) => void = () => {};
    el.addEventListener('call-log', (event) => {
      events++;
      event.respondWith(new Promise((resolve) => (answer = resolve)));
    });
    const request = { type: 'rc-post-message-request', requestId: 'dup-pending', path: LOG, body: callBody() };
    widget.command('send', { message: request });
    widget.command('send', { message: request });
    await widget.flush(); // both copies have reached the element, the second while the first is pending
    answer('saved');
    await until(() => widget.responsesTo('dup-pending').length === 1, 'the reply');
    await widget.flush();
    expect(events).to.equal(1);
    expect(widget.responsesTo('dup-pending').map((r) => r.data?.response)).to.deep.equal([{ data: 'saved' }]);
  });

  it('an invalid response-timeout falls back to the default instead of failing every request', async () => {
    el.setAttribute('response-timeout', 'soon');
    el.addEventListener('call-log', (event) =>
      event.respondWith(new Promise((resolve) => setTimeout(resolve, 50, 'saved'))),
    );
    expect(await widget.request(LOG, callBody())).to.deep.equal({ data: 'saved' });
  });

  it('a matcher path cleared at runtime keeps being answered until the widget reloads', async () => {
    el.matcherPath = '';
    await el.updateComplete;
    await widget.flush(); // the registration without a matcher has reached the widget
    el.addEventListener('call-match', (event) => event.respondWith({ 's-1': [{ id: 'crm-1' }] }));
    // The widget cannot forget a path; it keeps asking on the old one.
    expect(await widget.request(MATCH, { sessionIds: ['s-1'] })).to.deep.equal({ data: { 's-1': [{ id: 'crm-1' }] } });
  });

  it('the same request delivered twice is answered once', async () => {
    let events = 0;
    el.addEventListener('call-log', (event) => {
      events++;
      event.respondWith('ok');
    });
    const request = { type: 'rc-post-message-request', requestId: 'dup-1', path: LOG, body: callBody() };
    widget.command('send', { message: request });
    await until(() => widget.responsesTo('dup-1').length === 1, 'the first reply');
    widget.command('send', { message: request });
    await widget.flush();
    expect(events).to.equal(1);
    expect(widget.responsesTo('dup-1')).to.have.length(1);
  });

  it('leaves requests for paths it did not register unanswered and fires nothing', async () => {
    let events = 0;
    el.addEventListener('call-log', () => events++);
    el.addEventListener('call-match', () => events++);
    const requestId = await widget.send('/contacts', { page: 1 });
    await widget.flush();
    expect(events).to.equal(0);
    expect(widget.responsesTo(requestId)).to.have.length(0);
  });

  it('a malformed body on our path fires nothing but still gets an error reply', async () => {
    let events = 0;
    el.addEventListener('call-log', () => events++);
    el.addEventListener('call-match', () => events++);
    const log = (await widget.request(LOG, { call: { id: 'no session' } })) as { error: { message: string } };
    const match = (await widget.request(MATCH, { sessionIds: 'not-an-array' })) as { error: { message: string } };
    expect(events).to.equal(0);
    expect(log.error.message).to.match(/malformed call-log request/);
    expect(match.error.message).to.match(/malformed call-match request/);
  });

  it('a restart while a call-log is pending leaves no stale pending line on the new widget', async () => {
    el.addEventListener('call-log', (event) => event.respondWith(new Promise(() => {})));
    el.addEventListener('call-match', (event) => event.respondWith({}));
    el.responseTimeout = 5000;
    const requestId = await widget.send(LOG, callBody('s-9'));
    await until(() => widget.sentTo(LOG).includes(requestId), 'the request');
    el.adapterOptions = { multipleTabsSupport: true }; // restarts the widget
    await until(() => widget.boots >= 2, 'the new widget');
    await widget.waitForRegistrations(4);
    expect(await widget.request(MATCH, { sessionIds: ['s-9'] })).to.deep.equal({ data: {} });
  });

  it('element removed mid-request: the pending request is answered, its signal aborts', async () => {
    let signal: AbortSignal | undefined;
    el.addEventListener('call-log', (event) => {
      signal = event.signal;
      event.respondWith(new Promise(() => {}));
    });
    el.responseTimeout = 5000;
    const requestId = await widget.send(LOG, callBody());
    await until(() => signal, 'the call-log event');
    // Gone for good at once, as on a logout page: after the 3 s hand-over grace, the 5 s response-timeout could win
    // on a busy machine.
    el.remove();
    void el.disposeWidget();
    const outcome = await widget.outcome(requestId);
    expect((outcome.response as { error: { message: string } }).error.message).to.match(/left the document/);
    expect(signal!.aborted).to.equal(true);
  });

  it('a page whose console.error throws still gets every reply, on timeout and on removal', async () => {
    const signals: AbortSignal[] = [];
    el.addEventListener('call-log', (event) => {
      signals.push(event.signal);
      event.respondWith(new Promise(() => {}));
    });
    const original = console.error;
    console.error = () => {
      throw new Error('a console that throws');
    };
    const timedOut: string[] = [];
    const removed: string[] = [];
    const reported = await withUncaughtErrors(async () => {
      try {
        for (const id of ['t-1', 't-2', 't-3']) timedOut.push(await widget.send(LOG, callBody(id)));
        await until(() => signals.length === 3, 'three call-log events');
        await Promise.all(timedOut.map((requestId) => widget.outcome(requestId)));
        el.responseTimeout = 14_000;
        await el.updateComplete;
        for (const id of ['r-1', 'r-2']) removed.push(await widget.send(LOG, callBody(id)));
        await until(() => signals.length === 5, 'two more call-log events');
        el.remove();
        await Promise.all(removed.map((requestId) => widget.outcome(requestId)));
        await until(() => !frame(), 'the widget frame to be removed');
      } finally {
        console.error = original;
      }
    });
    const message = (requestId: string) =>
      widget.responsesTo(requestId).map((r) => (r.data?.response as { error: { message: string } }).error.message);
    for (const requestId of timedOut)
      expect(message(requestId)).to.deep.equal(['no answer within 300 ms (response-timeout)']);
    for (const requestId of removed) expect(message(requestId)).to.deep.equal(['rc-call-logger left the document']);
    expect(signals.map((signal) => signal.aborted)).to.deep.equal([true, true, true, true, true]);
    expect(reported.length).to.be.greaterThan(0);
  });

  it('a response-timeout above the widget limit is capped so the reply still arrives in time', async () => {
    el.responseTimeout = 20_000;
    el.addEventListener('call-log', (event) => event.respondWith(new Promise(() => {})));
    const outcome = await widget.outcome(await widget.send(LOG, callBody()));
    expect(outcome.timedOut, 'the widget gave up first').to.equal(undefined);
    expect((outcome.response as { error: { message: string } }).error.message).to.match(/no answer within 10000 ms/);
  });

  it('a long task on the page while a request waits does not push the capped reply past the widget limit', async () => {
    el.responseTimeout = 20_000;
    el.addEventListener('call-log', (event) => event.respondWith(new Promise(() => {})));
    // The widget sends while the page is busy, so the request reaches the element 1.5 s late, and its deadline
    // counts from then. (An engine that runs the widget's frame on the page's thread makes the widget wait too.)
    const sent = widget.send(LOG, callBody());
    await new Promise((resolve) => setTimeout(resolve)); // the command leaves the page when this task ends
    const busyUntil = performance.now() + 1_500;
    while (performance.now() < busyUntil);
    const outcome = await widget.outcome(await sent);
    expect(outcome.timedOut, 'the widget gave up first').to.equal(undefined);
    expect((outcome.response as { error: { message: string } }).error.message).to.match(/no answer within 10000 ms/);
  });

  it('answered requests leave no listener on their abort signals, which would keep each request in memory', async () => {
    // Every `abort` listener added in this realm to a signal that has not aborted, until removed.
    const waiting = new Set<[AbortSignal, unknown]>();
    const prototype = EventTarget.prototype;
    const add = Object.getOwnPropertyDescriptor(prototype, 'addEventListener')!
      .value as typeof prototype.addEventListener;
    const remove = Object.getOwnPropertyDescriptor(prototype, 'removeEventListener')!
      .value as typeof prototype.removeEventListener;
    prototype.addEventListener = function (this: EventTarget, type: string, listener, options) {
      if (this instanceof AbortSignal && type === 'abort') waiting.add([this, listener]);
      add.call(this, type, listener, options);
    };
    prototype.removeEventListener = function (this: EventTarget, type: string, listener, options) {
      for (const entry of waiting) if (entry[0] === this && entry[1] === listener) waiting.delete(entry);
      remove.call(this, type, listener, options);
    };
    try {
      el.addEventListener('call-log', (event) => event.respondWith(Promise.resolve('saved')));
      el.addEventListener('call-match', (event) => event.respondWith({}));
      for (let i = 0; i < 10; i++) {
        expect(await widget.request(LOG, callBody(`s-${i}`))).to.deep.equal({ data: 'saved' });
        expect(await widget.request(MATCH, { sessionIds: [`s-${i}`] })).to.deep.equal({ data: {} });
      }
    } finally {
      Object.assign(prototype, { addEventListener: add, removeEventListener: remove });
    }
    expect([...waiting].filter(([signal]) => !signal.aborted).length).to.equal(0);
  });
});
