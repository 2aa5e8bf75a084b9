// Navigation in a single-page app: the old page's element leaves, the new page's arrives, and the widget is handed
// over alive (same frame, no second boot, no call cut). What the widget receives is read from the simulator.
import { expect } from '@open-wc/testing';
import '../src/index.js';
import type { RcCallLoggerElement, RcCallLoggerError } from '../src/index.js';
import { DISPOSE_GRACE, HANDOVER_GRACE } from '../src/limits.js';
import { ADAPTER_SRC, SimulatorControl, WIDGET_ORIGIN, callBody, frame, nextTask, until } from './helpers/simulator.js';

const LOG = '/callLogger';

/** A new element for `name`'s page, not yet in the document. */
function page(name: string): RcCallLoggerElement {
  const el = document.createElement('rc-call-logger');
  el.adapterSrc = ADAPTER_SRC;
  el.serviceName = name;
  return el;
}

/** Answers every call-log on `el` with `answer`; returns what it was asked (session IDs). */
function answering(el: RcCallLoggerElement, answer: string): string[] {
  const asked: string[] = [];
  el.addEventListener('call-log', (event) => {
    asked.push(event.call.sessionId);
    event.respondWith(answer);
  });
  return asked;
}

/**
 * A marker for the element's own timers, not a wait for time to pass: timers run in the order of their due times,
 * so once these have run, the hand-over grace set when the element left and the dispose grace after it have run.
 */
async function gracesRunOut(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, HANDOVER_GRACE));
  await new Promise((resolve) => setTimeout(resolve, DISPOSE_GRACE));
  await nextTask();
}

describe('navigation: the widget is handed to the next page’s element', () => {
  let widget: SimulatorControl;
  const added: Element[] = [];
  const add = (el: RcCallLoggerElement) => (added.push(el), document.body.append(el), el);
  beforeEach(() => {
    widget = new SimulatorControl();
  });
  afterEach(() => {
    for (const el of added.splice(0)) el.remove();
    widget.stop();
  });

  /** Page A's element, running and registered; the widget's frame. */
  async function pageA() {
    const a = add(page('Page A'));
    await widget.waitForRegistrations(2);
    return { a, first: frame() };
  }

  const registeredAs = (name: string) =>
    until(() => widget.registrations.at(-1)?.name === name, `a registration as ${name}`);

  for (const order of ['same task', 'old removed, new added a task later', 'new added, old removed later'] as const)
    it(`${order}: same frame, one boot, the new element registers with its own settings and answers`, async () => {
      const { a, first } = await pageA();
      const aAsked = answering(a, 'from A');
      const b = page('Page B');
      b.loggerPath = '/b/log';
      const bAsked = answering(b, 'from B');
      const bErrors: string[] = [];
      b.addEventListener('error', (event) => bErrors.push(event.message));
      if (order === 'same task') {
        a.remove();
        add(b);
      } else if (order === 'old removed, new added a task later') {
        a.remove();
        await nextTask(); // A has left for good: the widget waits for the next element
        add(b);
      } else {
        add(b); // waits in line while A runs the widget
        await nextTask();
        a.remove();
      }
      await registeredAs('Page B');
      expect(widget.registrations.at(-1)).to.include({ callLoggerPath: '/b/log' });
      expect(await widget.request('/b/log', callBody('s-b'))).to.deep.equal({ data: 'from B' });
      expect(frame() === first, 'the same widget frame').to.equal(true);
      expect(widget.boots).to.equal(1);
      expect(b.ready).to.equal(true);
      expect(b.loggedIn).to.equal(true);
      expect(a.ready).to.equal(false);
      expect(aAsked).to.deep.equal([]);
      expect(bAsked).to.deep.equal(['s-b']);
      // Both in the document for a moment, as in a leave animation: not an error, once the old page's element goes
      // within the grace. A marker, as in gracesRunOut(): B's report would have been due by now.
      if (order === 'new added, old removed later') await new Promise((resolve) => setTimeout(resolve, HANDOVER_GRACE));
      expect(bErrors).to.deep.equal([]);
    });

  it('a request sent while no element is there waits for the next page’s element: one reply, from it', async () => {
    const { a } = await pageA();
    const aAsked = answering(a, 'from A');
    // A live call keeps the widget until B comes: without one, the hand-over grace could run out during the round
    // trips below on a busy machine, and the widget would be disposed with the request.
    await widget.call({ autoplay: false });
    await widget.flush(); // the page has heard the call ring
    a.remove();
    await nextTask();
    const requestId = await widget.send(LOG, callBody('s-gap'));
    await widget.flush(); // the page has the request; nobody answers it yet
    expect(widget.responsesTo(requestId)).to.have.length(0);
    const b = page('Page B');
    const bAsked = answering(b, 'from B');
    add(b);
    expect((await widget.outcome(requestId)).response).to.deep.equal({ data: 'from B' });
    await widget.flush();
    expect(widget.responsesTo(requestId)).to.have.length(1);
    expect(aAsked).to.deep.equal([]);
    expect(bAsked).to.deep.equal(['s-gap']);
  });

  it('a request in flight at the hand-over is answered once, by the listener that got it', async () => {
    const { a } = await pageA();
    let answerA: (value: string) => void = () => {};
    a.addEventListener('call-log', (event) => event.respondWith(new Promise<string>((resolve) => (answerA = resolve))));
    const requestId = await widget.send(LOG, callBody('s-flight'));
    await widget.flush();
    a.remove();
    const b = add(page('Page B'));
    const bAsked = answering(b, 'from B');
    await registeredAs('Page B');
    answerA('from A');
    expect((await widget.outcome(requestId)).response).to.deep.equal({ data: 'from A' });
    await widget.flush();
    expect(widget.responsesTo(requestId)).to.have.length(1);
    expect(bAsked).to.deep.equal([]);
    expect(widget.boots).to.equal(1);
  });

  it('no element comes: the widget is disposed once the grace has run out', async () => {
    const { a } = await pageA();
    a.remove();
    await until(() => !frame(), 'the widget to be disposed');
    expect(window.RCAdapter).to.equal(null);
  });

  it('a live call: the last element leaving keeps the widget until the call ends, then disposes it', async () => {
    const { a, first } = await pageA();
    const sessionId = await widget.call({ autoplay: false });
    widget.advance(sessionId, 'answer');
    await widget.flush(); // the page has heard the web phone's call start
    a.remove();
    await gracesRunOut();
    expect(frame() === first, 'the same widget frame').to.equal(true);
    expect((await widget.state()).calls[0]).to.include({ sessionId, phase: 'CallConnected' });
    widget.advance(sessionId, 'hangup');
    await until(() => !frame(), 'the widget to be disposed after the call');
  });

  it('a live call: an element that comes after the grace still takes the widget over', async () => {
    const { a, first } = await pageA();
    const sessionId = await widget.call({ direction: 'Outbound', autoplay: false });
    await widget.flush(); // dialled: the web phone's call is live before it connects
    a.remove();
    await gracesRunOut();
    add(page('Page B'));
    await registeredAs('Page B');
    widget.advance(sessionId, 'answer');
    widget.advance(sessionId, 'hangup');
    await widget.flush();
    await gracesRunOut();
    expect(frame() === first, 'the same widget frame').to.equal(true);
    expect(widget.boots).to.equal(1);
  });

  it('a widget that never speaks, handed over before boot-timeout: the new page’s element reports widget-silent', async () => {
    const silentAdapter = `${WIDGET_ORIGIN}/src/simulator/adapter.js?bootDelay=manual`;
    const errorsOn = (el: RcCallLoggerElement) => {
      const errors: string[] = [];
      el.addEventListener('error', (event) =>
        errors.push(`${(event.error as RcCallLoggerError).code}: ${event.message}`),
      );
      return errors;
    };
    const a = page('Page A');
    a.adapterSrc = silentAdapter;
    a.bootTimeout = 1_000;
    const aErrors = errorsOn(a);
    add(a);
    await until(() => frame(), 'the widget frame'); // the watch arms when it loads: after the swap below
    const b = page('Page B');
    b.adapterSrc = silentAdapter;
    b.bootTimeout = 1_000;
    const bErrors = errorsOn(b);
    a.remove();
    add(b);
    await until(() => bErrors.length > 0, 'widget-silent on the new page’s element');
    expect(bErrors[0]).to.match(/^widget-silent: /);
    expect(aErrors).to.deep.equal([]);
  });

  it('disposeWidget() removes the widget at once, even during a call', async () => {
    const { a } = await pageA();
    const sessionId = await widget.call({ autoplay: false });
    widget.advance(sessionId, 'answer');
    await widget.flush();
    a.remove();
    await a.disposeWidget();
    expect(frame()).to.equal(null);
    // And the next page's element starts a new widget rather than take over a disposed one.
    add(page('Page B'));
    await until(() => widget.boots === 2, 'a new widget');
  });

  it('other adapter options: one warning, the same widget during the call, the new options once it ends', async () => {
    const { a, first } = await pageA();
    const sessionId = await widget.call({ autoplay: false });
    widget.advance(sessionId, 'answer');
    await widget.flush();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      a.remove();
      const b = page('Page B');
      b.adapterOptions = { multipleTabsSupport: true };
      add(b);
      await registeredAs('Page B');
      b.displayName = 'Page B, renamed'; // another update of B while the call is live: no second warning
      await registeredAs('Page B');
      await widget.flush();
      expect(frame() === first, 'the same widget frame').to.equal(true);
      expect(warnings.filter((line) => /adapter options/.test(line))).to.have.length(1);
      widget.advance(sessionId, 'hangup');
      await until(() => widget.boots === 2, 'the widget restarted with the new options');
      expect(frame()!.src).to.match(/multipleTabsSupport=true/);
    } finally {
      console.warn = warn;
    }
  });

  it('a held request nobody comes for gets one error reply when the widget is disposed', async () => {
    const { a } = await pageA();
    a.remove();
    await nextTask();
    const requestId = await widget.send(LOG, callBody('s-alone'));
    const outcome = await widget.outcome(requestId);
    expect((outcome.response as { error: { message: string } }).error.message).to.match(/left the document/);
    expect(widget.responsesTo(requestId)).to.have.length(1);
  });
});
