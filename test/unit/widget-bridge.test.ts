import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { StubFrame, StubWindow, deliver, installPage, reported } from './stub-page.js';

installPage();
const { WidgetBridge } = await import('../../src/widget-bridge.js');
type Answer = Promise<unknown> | undefined;

const WIDGET = 'https://widget.example';
const request = (requestId: string, path = '/callLogger') => ({
  type: 'rc-post-message-request',
  requestId,
  path,
  body: { call: { sessionId: 's-1' } },
});

/** Every bridge a test made, closed after it: a bridge listens on the page until closed. */
const open: Array<InstanceType<typeof WidgetBridge>> = [];
const track = <T extends InstanceType<typeof WidgetBridge>>(bridge: T) => (open.push(bridge), bridge);

/** A bridge to a stub frame whose handlers answer with `answer` and record what they saw. */
function bridgeWith(answer: (requestId: string, signal: AbortSignal) => Answer, timeout = 10_000) {
  const frame = new StubFrame(`${WIDGET}/app.html`);
  const seen = {
    requests: [] as string[],
    messages: [] as unknown[],
    settled: [] as Array<[string, unknown]>,
    navigations: 0,
  };
  const bridge = track(
    new WidgetBridge(
      frame as unknown as HTMLIFrameElement,
      {
        answer: (widgetRequest, signal) => {
          seen.requests.push(widgetRequest.requestId);
          const response = answer(widgetRequest.requestId, signal);
          const settled = (failure?: { error: unknown }) =>
            seen.settled.push([widgetRequest.requestId, failure?.error]);
          return response && { response, timeout, settled };
        },
      },
      (message) => seen.messages.push(message),
      () => seen.navigations++,
    ),
  );
  const fromWidget = (data: unknown, origin = WIDGET) => deliver(data, { source: frame.contentWindow, origin });
  /** The `response` of each reply the widget got, in order. */
  const replies = () => frame.window.posted.map(({ message }) => (message as { response: unknown }).response);
  return { frame, bridge, seen, fromWidget, replies };
}

/** A marker: after it, every reply already decided (in microtasks) has been posted. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

describe('widget bridge', () => {
  afterEach(() => {
    for (const bridge of open.splice(0)) bridge.close(new Error('test over'));
    reported.length = 0;
  });

  it('answers a request from the widget frame once, at its exact origin', async () => {
    const { frame, fromWidget, seen } = bridgeWith(() => Promise.resolve({ data: 'ok' }));
    fromWidget(request('r-1'));
    const [reply] = await frame.window.untilPosted(1);
    assert.deepEqual(reply, {
      message: { type: 'rc-post-message-response', responseId: 'r-1', response: { data: 'ok' } },
      targetOrigin: WIDGET,
    });
    assert.deepEqual(seen.settled, [['r-1', undefined]]);
  });

  it('hears nothing from another window, nor from the frame at another origin', async () => {
    const { frame, seen, fromWidget } = bridgeWith(() => Promise.resolve('ok'));
    deliver(request('other-window'), { source: new StubWindow(), origin: WIDGET });
    deliver(request('no-window'), { source: null, origin: WIDGET });
    fromWidget(request('navigated'), 'https://elsewhere.example');
    fromWidget({ type: 'rc-login-status-notify', loggedIn: true }, 'https://elsewhere.example');
    await nextTask();
    assert.deepEqual(seen.requests, []);
    assert.deepEqual(seen.messages, []);
    assert.deepEqual(frame.window.posted, []);
  });

  it('passes other widget messages on, and leaves a request it has no answer for unanswered', async () => {
    const { frame, seen, fromWidget } = bridgeWith(() => undefined);
    fromWidget({ type: 'rc-login-status-notify', loggedIn: true });
    fromWidget(request('r-1', '/contacts'));
    fromWidget('not a message');
    await nextTask();
    assert.deepEqual(seen.messages, [{ type: 'rc-login-status-notify', loggedIn: true }]);
    assert.deepEqual(seen.requests, ['r-1']);
    assert.deepEqual(frame.window.posted, []);
  });

  it('a rejection is answered as {error: {message}} and reported as a failure', async () => {
    const failure = new Error('CRM is down');
    const { frame, fromWidget, replies, seen } = bridgeWith(() => Promise.reject(failure));
    fromWidget(request('r-1'));
    await frame.window.untilPosted(1);
    assert.deepEqual(replies(), [{ error: { message: 'CRM is down' } }]);
    assert.deepEqual(seen.settled, [['r-1', failure]]);
  });

  it('the same request delivered again, pending or answered, is answered once', async () => {
    let answer: (value: unknown) => void = () => {};
    const { frame, fromWidget, replies, seen } = bridgeWith(() => new Promise((resolve) => (answer = resolve)));
    fromWidget(request('r-1'));
    fromWidget(request('r-1'));
    answer({ data: 'ok' });
    await frame.window.untilPosted(1);
    fromWidget(request('r-1'));
    await nextTask();
    assert.deepEqual(seen.requests, ['r-1']);
    assert.deepEqual(replies(), [{ data: 'ok' }]);
  });

  it('no answer in time: an error reply, an aborted signal, and the late answer dropped', async () => {
    let signal: AbortSignal | undefined;
    let answer: (value: unknown) => void = () => {};
    const { frame, fromWidget, replies } = bridgeWith((_, given) => {
      signal = given;
      return new Promise((resolve) => (answer = resolve));
    }, 5);
    fromWidget(request('r-1'));
    await frame.window.untilPosted(1);
    assert.deepEqual(replies(), [{ error: { message: 'no answer within 5 ms (response-timeout)' } }]);
    assert.equal((signal!.reason as DOMException).name, 'TimeoutError');
    answer({ data: 'late' });
    await nextTask();
    assert.equal(frame.window.posted.length, 1);
  });

  it('each request expires at its own deadline, whatever was pending before it', async () => {
    const timeouts: Record<string, number> = { early: 5, late: 40 };
    const frame = new StubFrame(`${WIDGET}/app.html`);
    track(
      new WidgetBridge(
        frame as unknown as HTMLIFrameElement,
        {
          answer: (widgetRequest) => ({
            response: new Promise(() => {}),
            timeout: timeouts[widgetRequest.requestId],
            settled: () => {},
          }),
        },
        () => {},
        () => {},
      ),
    );
    deliver(request('late'), { source: frame.contentWindow, origin: WIDGET });
    deliver(request('early'), { source: frame.contentWindow, origin: WIDGET });
    const posted = await frame.window.untilPosted(2);
    assert.deepEqual(
      posted.map(({ message }) => (message as { responseId: string }).responseId),
      ['early', 'late'],
    );
  });

  it('an answer that cannot be cloned is replaced by an error reply', async () => {
    const { frame, fromWidget, replies, seen } = bridgeWith(() => Promise.resolve({ data: { save: () => 1 } }));
    fromWidget(request('r-1'));
    await frame.window.untilPosted(1);
    const [reply] = replies() as Array<{ error: { message: string } }>;
    assert.match(reply.error.message, /cloned/);
    assert.equal(seen.settled.length, 1);
  });

  it('close answers every pending request with the reason, aborts its signal, hears no more requests, and resolves once the widget has read the replies', async () => {
    let signal: AbortSignal | undefined;
    const { frame, bridge, fromWidget, replies, seen } = bridgeWith((_, given) => {
      signal = given;
      return new Promise(() => {});
    });
    fromWidget(request('r-1'));
    const asking = bridge.request('/unlogged-calls', {}, 10_000);
    let closed = false;
    const closing = bridge.close(new DOMException('left the document', 'AbortError')).then(() => (closed = true));
    assert.deepEqual(replies()[1], { error: { message: 'left the document' } });
    assert.equal(signal!.aborted, true);
    fromWidget(request('r-2'));
    // After the reply, a request the widget answers only once it has read what came before it.
    const { message: readBack } = frame.window.posted[2] as { message: { requestId: string; path: string } };
    assert.equal(frame.window.posted.length, 3);
    await nextTask();
    assert.equal(closed, false);
    fromWidget({ type: 'rc-adapter-message-response', responseId: readBack.requestId, response: {} });
    await closing;
    await assert.rejects(asking, { name: 'AbortError' });
    assert.deepEqual(seen.requests, ['r-1']);
  });

  it('a navigation it did not cause: pending requests get no reply (it would reach the new page), only an abort', async () => {
    let signal: AbortSignal | undefined;
    let answer: (value: unknown) => void = () => {};
    const { frame, seen } = bridgeWith((_, given) => {
      signal = given;
      return new Promise((resolve) => (answer = resolve));
    });
    deliver(request('r-1'), { source: frame.contentWindow, origin: WIDGET });
    frame.dispatchEvent(new Event('load'));
    answer({ notes: 'from the CRM' });
    await nextTask();
    assert.equal(seen.navigations, 1);
    assert.equal(signal!.aborted, true);
    assert.deepEqual(frame.window.posted, []);
    assert.equal((seen.settled[0][1] as DOMException).name, 'AbortError');
  });

  it('a report that throws cannot stop other replies: it goes to reportError', async () => {
    const frame = new StubFrame(`${WIDGET}/app.html`);
    track(
      new WidgetBridge(
        frame as unknown as HTMLIFrameElement,
        {
          answer: () => ({
            response: Promise.resolve('ok'),
            timeout: 10_000,
            settled: () => {
              throw new Error('a console that throws');
            },
          }),
        },
        () => {},
        () => {},
      ),
    );
    deliver(request('r-1'), { source: frame.contentWindow, origin: WIDGET });
    deliver(request('r-2'), { source: frame.contentWindow, origin: WIDGET });
    await frame.window.untilPosted(2);
    assert.equal(reported.length, 2);
  });

  it("the page's own requests: posted to the exact origin, resolved with the widget's response, or timed out", async () => {
    const { frame, bridge, fromWidget } = bridgeWith(() => undefined);
    const asking = bridge.request('/unlogged-calls', { page: 1 }, 10_000);
    const [{ message, targetOrigin }] = await frame.window.untilPosted(1);
    const { requestId, ...rest } = message as { requestId: string };
    assert.equal(targetOrigin, WIDGET);
    assert.deepEqual(rest, { type: 'rc-adapter-message-request', path: '/unlogged-calls', body: { page: 1 } });
    fromWidget({ type: 'rc-adapter-message-response', responseId: requestId, response: { calls: [] } });
    assert.deepEqual(await asking, { calls: [] });
    await assert.rejects(bridge.request('/unlogged-calls', {}, 5), { name: 'TimeoutError' });
  });

  it('a frame without a window (removed) gets nothing posted, and the page learns so', async () => {
    const { frame, bridge } = bridgeWith(() => undefined);
    frame.contentWindow = null;
    assert.equal(bridge.post({ type: 'x' }), false);
    await assert.rejects(bridge.request('/unlogged-calls', {}, 10_000), /frame is gone/);
  });
});
