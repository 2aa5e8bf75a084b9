/**
 * The widget simulator behaves like the widget of docs/widget-protocol.md: what a call sends over its life, which requests
 * the buttons send, the log page, recordings, status lines and the 20-second rule of `/unlogged-calls`.
 * Everything is seen from the page side: the element's events and the simulator's reports.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CallLogEvent, CallLogRequestBody, LogPageInputEvent, RcCallLoggerElement } from '../src/index.js';
import { SimulatorControl, WIDGET_ORIGIN, until } from './helpers/simulator.js';

/** Calls played 20 times faster: a whole call takes about half a second. */
const FAST = `${WIDGET_ORIGIN}/src/simulator/adapter.js?bootDelay=20&speed=20`;
const MATCH = '/callLogger/match';

/** A CRM in memory: logs every call it is asked to, answers the matcher from what it logged. */
function crm(el: RcCallLoggerElement, { delay = 0 } = {}) {
  const bodies: CallLogRequestBody[] = [];
  const events: CallLogEvent[] = [];
  const logged = new Map<string, string>();
  let running = 0;
  let mostAtOnce = 0;
  let failNext = false;
  el.addEventListener('call-log', (event) => {
    events.push(event);
    bodies.push(event.body);
    mostAtOnce = Math.max(mostAtOnce, ++running);
    const fail = failNext;
    failNext = false;
    event.respondWith(
      new Promise((resolve) => setTimeout(resolve, delay)).then(() => {
        running--;
        if (fail) throw new Error('CRM is down');
        logged.set(event.call.sessionId, `crm-${event.call.sessionId}`);
        return { id: logged.get(event.call.sessionId) };
      }),
    );
  });
  el.addEventListener('call-match', (event) => {
    const known = event.sessionIds.filter((id) => logged.has(id));
    event.respondWith(Object.fromEntries(known.map((id) => [id, [{ id: logged.get(id)! }]])));
  });
  return {
    bodies,
    events,
    logged,
    mostAtOnce: () => mostAtOnce,
    failOnce: () => (failNext = true),
  };
}

describe('widget simulator', () => {
  let widget: SimulatorControl;
  beforeEach(() => {
    widget = new SimulatorControl();
  });
  afterEach(() => widget.stop());

  it('auto log: a call is sent ringing, connected, ended, synced and with its recording, one request at a time', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme" auto-log></rc-call-logger>`,
    );
    const page = crm(el, { delay: 150 });
    await widget.waitForRegistrations(2);
    // Stepped by hand, each step while the previous request is still unanswered: an autoplayed call can be
    // answered before its first request leaves on a busy machine, and then no request says Ringing.
    const sessionId = await widget.call({ direction: 'Inbound', autoplay: false });
    for (const [count, step] of [
      [1, 'answer'],
      [2, 'hangup'],
      [3, 'sync'],
      [4, 'record'],
    ] as const) {
      await until(() => page.bodies.length === count, `log request ${count}`);
      widget.advance(sessionId, step);
    }
    await widget.waitForCall(sessionId, (call) => call.recording && call.logged && !call.logging);

    expect(page.bodies.map((body) => [body.triggerType, body.call.telephonyStatus ?? body.call.result])).to.deep.equal([
      ['presenceUpdate', 'Ringing'],
      ['presenceUpdate', 'CallConnected'],
      ['presenceUpdate', 'NoCall'],
      ['callLogSync', 'Call connected'],
      ['callLogSync', 'Call connected'],
    ]);
    expect(page.events.every((event) => event.automatic && event.call.sessionId === sessionId)).to.equal(true);
    expect(page.mostAtOnce()).to.equal(1);
    const [ringing, , ended, synced, recorded] = page.bodies;
    expect(ringing.call).to.include({ direction: 'Inbound', result: 'Ringing' });
    expect(ringing.call.from).to.have.keys('phoneNumber');
    expect(ended.call).to.include({ result: 'Disconnected', isRecording: false });
    expect(synced.call).to.include({ action: 'Phone Call', type: 'Voice' });
    expect(synced.call.duration).to.be.a('number');
    expect(synced.call.recording).to.equal(undefined);
    // Once logged, the widget echoes the matcher's entries back with the call.
    expect(recorded.call.activityMatches).to.deep.equal([{ id: `crm-${sessionId}` }]);
    const recording = recorded.call.recording!;
    expect(recording.link).to.match(
      /^https:\/\/ringcentral\.github\.io\/ringcentral-media-reader\/\?media=https%3A%2F%2Fmedia\./,
    );
    expect(recording.contentUri).to.match(/^https:\/\/media\.ringcentral\.com\/\S+\/content$/);
  });

  it('recording-with-token: the recording arrives with an access_token in contentUri', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme" auto-log recording-with-token></rc-call-logger>`,
    );
    const page = crm(el);
    await widget.waitForRegistrations(2);
    const sessionId = await widget.call();
    await widget.waitForCall(sessionId, (call) => call.recording && !call.logging);
    expect(page.bodies.at(-1)!.call.recording!.contentUri).to.match(/\/content\?access_token=SIMULATED-[\w-]+$/);
  });

  it('a missed call: synced as Missed, without a recording', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme" auto-log></rc-call-logger>`,
    );
    const page = crm(el);
    await widget.waitForRegistrations(2);
    // Declined while ringing, stepped by hand like the test above: autoplayed, its hang-up and sync can come before
    // the Ringing request, which waits for a matcher round trip.
    const sessionId = await widget.call({ autoplay: false });
    for (const [count, step] of [
      [1, 'hangup'],
      [2, 'sync'],
    ] as const) {
      await until(() => page.bodies.length === count, `log request ${count}`);
      widget.advance(sessionId, step);
    }
    await widget.waitForCall(sessionId, (call) => call.synced && !call.logging);
    await widget.flush();
    expect(page.bodies.map((body) => body.triggerType)).to.deep.equal([
      'presenceUpdate',
      'presenceUpdate',
      'callLogSync',
    ]);
    expect(page.bodies.at(-1)!.call).to.include({ result: 'Missed', duration: 0 });
    expect((await widget.state()).calls[0]).to.include({ recording: false, phase: 'Ended' });
  });

  it('auto log off: only the matcher hears of a call; Log, Edit log and View log send createLog, editLog, viewLog', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme"></rc-call-logger>`,
    );
    const page = crm(el);
    await widget.waitForRegistrations(2);
    const sessionId = await widget.call({ autoplay: false });
    await until(() => widget.sentTo(MATCH).length > 0, 'the matcher request for the new call');
    widget.advance(sessionId, 'answer');
    widget.advance(sessionId, 'hangup');
    await widget.waitForCall(sessionId, (call) => call.phase === 'Ended');
    await widget.flush();
    expect(page.bodies).to.have.length(0);

    widget.click(sessionId, 'log');
    await widget.waitForCall(sessionId, (call) => call.logged && !call.logging);
    widget.click(sessionId, 'log');
    await until(() => page.bodies.length === 2, 'the edit');
    widget.click(sessionId, 'view');
    await until(() => page.bodies.length === 3, 'the view');
    expect(page.bodies.map((body) => [body.triggerType, body.redirect])).to.deep.equal([
      ['createLog', true],
      ['editLog', true],
      ['viewLog', true],
    ]);
    // A logged call keeps getting updates although auto log is off (docs/widget-protocol.md#retry).
    widget.advance(sessionId, 'sync');
    await until(() => page.bodies.length === 4, 'the sync of a logged call');
    expect(page.bodies[3].triggerType).to.equal('callLogSync');
  });

  it('show-log-modal: Log opens the log page; each field change is reported; Save sends logForm with the note', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${FAST}
        service-name="acme"
        show-log-modal
        log-page-input-path="/logPageInput"
      ></rc-call-logger>`,
    );
    const page = crm(el);
    const inputs: LogPageInputEvent[] = [];
    el.addEventListener('log-page-input', (event) => inputs.push(event));
    await widget.waitForRegistrations(2);
    const sessionId = await widget.call({ past: true });
    widget.click(sessionId, 'log');
    await until(async () => (await widget.state()).logPageOpenFor === sessionId, 'the log page');
    await widget.flush();
    expect(page.bodies).to.have.length(0);
    widget.fillLogPage({ note: 'Discussed the renewal' }, { save: true });
    await until(() => page.bodies.length === 1, 'the logForm request');
    expect(page.bodies[0]).to.include({ triggerType: 'logForm', note: 'Discussed the renewal', redirect: true });
    expect(page.bodies[0].formData).to.deep.equal({ note: 'Discussed the renewal' });
    expect(inputs.map((event) => [event.keys, event.formData])).to.deep.equal([
      [['note'], { note: 'Discussed the renewal' }],
    ]);
    await widget.waitForCall(sessionId, (call) => call.logged);
    expect((await widget.state()).logPageOpenFor).to.equal(null);
  });

  it("the user's auto-log choice outlives a widget reload, as the real widget keeps it in storage", async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme" auto-log></rc-call-logger>`,
    );
    await until(() => el.autoLogEnabled === true, 'auto log on by default');
    widget.setAutoLog(false);
    await until(() => el.autoLogEnabled === false, 'the user turning it off');
    widget.command('reload');
    await until(() => widget.boots === 2 && el.autoLogEnabled !== undefined, 'the reloaded call logger');
    expect(el.autoLogEnabled).to.equal(false);
  });

  it('hide-edit-log-button: a logged call has no Log button to click, only View log', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme" hide-edit-log-button></rc-call-logger>`,
    );
    const page = crm(el);
    await widget.waitForRegistrations(2);
    const sessionId = await widget.call({ past: true });
    widget.click(sessionId, 'log');
    await widget.waitForCall(sessionId, (call) => call.logged && !call.logging);
    widget.click(sessionId, 'log');
    widget.click(sessionId, 'view');
    await until(() => page.bodies.length === 2, 'the view');
    await widget.flush();
    expect(page.bodies.map((body) => body.triggerType)).to.deep.equal(['createLog', 'viewLog']);
  });

  it('a failed log shows as a failed status on the call, which stays unlogged', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme"></rc-call-logger>`,
    );
    const page = crm(el);
    await widget.waitForRegistrations(2);
    const sessionId = await widget.call({ past: true });
    page.failOnce();
    widget.click(sessionId, 'log');
    const call = await widget.waitForCall(sessionId, (c) => c.status?.status === 'failed');
    expect(call.logged).to.equal(false);
    expect(call.status!.message).to.match(/CRM is down/);
  });

  it('/unlogged-calls lists calls that ended over 20 s ago: a past call is back-filled, a call that just ended is not', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${FAST} service-name="acme" backfill></rc-call-logger>`,
    );
    const page = crm(el);
    await widget.waitForRegistrations(2);
    const recent = await widget.call({ missed: true });
    await widget.waitForCall(recent, (call) => call.synced);
    const [backfill] = await until(
      () => widget.messages('rc-adapter-message-request').length === 1 && widget.messages('rc-adapter-message-request'),
      'the back-fill after the sync',
    );
    await widget.replyReached(backfill.requestId as string);
    await widget.flush(); // the page has read the list it was sent
    expect(page.events).to.have.length(0);
    const past = await widget.call({ past: true });
    await until(() => page.events.length === 1, 'the back-fill of the past call');
    expect(page.events[0]).to.include({ triggerType: 'backfill' });
    expect(page.events[0].call.sessionId).to.equal(past);
  });
});

describe('widget simulator, on its own', () => {
  // The widget with no element: the test is the page, registering and answering by hand.
  let widget: SimulatorControl;
  let script: HTMLScriptElement;
  const post = (message: unknown) =>
    document
      .querySelector<HTMLIFrameElement>('#rc-widget-adapter-frame')!
      .contentWindow!.postMessage(message, WIDGET_ORIGIN);

  beforeEach(async () => {
    await until(() => !window.RCAdapter, 'the previous widget to be gone');
    widget = new SimulatorControl();
    window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
    script = Object.assign(document.createElement('script'), { src: `${FAST}&bare=${Math.random()}` });
    await new Promise((resolve) => {
      script.onload = resolve;
      document.head.append(script);
    });
    window.RCAdapterInit!({ options: {} });
    await until(() => widget.boots === 1, 'the widget to boot');
    post({
      type: 'rc-adapter-register-third-party-service',
      service: { name: 'bare', callLoggerPath: '/log', callLogEntityMatcherPath: '/match' },
    });
    await widget.waitForRegistrations(1);
  });
  afterEach(() => {
    window.RCAdapterDispose!();
    script.remove();
    widget.stop();
  });

  /** Answers every request the widget sends from now on with `response` (or with no `response` key at all). */
  function answerAll(response?: unknown) {
    const answered = new Set<string>();
    const listener = (event: MessageEvent) => {
      const data = event.data as { type?: string; requestId?: string };
      if (data?.type !== 'rc-post-message-request' || answered.has(data.requestId!)) return;
      answered.add(data.requestId!);
      post(
        response === undefined
          ? { type: 'rc-post-message-response', responseId: data.requestId }
          : { type: 'rc-post-message-response', responseId: data.requestId, response },
      );
    };
    window.addEventListener('message', listener);
    return () => window.removeEventListener('message', listener);
  }

  it("docks the widget at the bottom right, 300 × 500, as the real adapter does; the page's own rules win", () => {
    const frame = document.querySelector<HTMLIFrameElement>('#rc-widget-adapter-frame')!;
    const box = frame.getBoundingClientRect();
    expect(getComputedStyle(frame.parentElement!).position).to.equal('fixed');
    expect([box.width, box.height]).to.deep.equal([300, Math.min(500, innerHeight)]);
    expect([box.right, box.bottom]).to.deep.equal([document.documentElement.clientWidth, innerHeight]);
    const pageRule = Object.assign(document.createElement('style'), { textContent: '#rc-widget { width: 200px }' });
    document.head.append(pageRule);
    expect(frame.getBoundingClientRect().width).to.equal(200);
    pageRule.remove();
    window.RCAdapterDispose!();
    const rules = document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
    expect(rules.join()).not.to.include('rc-widget');
  });

  it('any reply counts as an answer: a reply without `response` is followed by a re-match', async () => {
    const stop = answerAll();
    try {
      const sessionId = await widget.call({ past: true });
      await until(() => widget.sentTo('/match').length === 1, 'the match of the new call');
      widget.click(sessionId, 'log');
      await until(() => widget.sentTo('/log').length === 1, 'the log request');
      await until(() => widget.sentTo('/match').length === 2, 'the re-match after the answer');
    } finally {
      stop();
    }
  });

  it('odd messages (BigInt, cycles, prototype names) break nothing: the widget still registers and logs', async () => {
    const cycle: Record<string, unknown> = { type: 'odd' };
    cycle.self = cycle;
    for (const message of [
      { type: 'odd', n: 1n },
      cycle,
      { type: '__proto__' },
      { type: 'constructor' },
      { type: 'toString' },
      null,
      42,
      'text',
    ])
      post(message);
    post({
      type: 'rc-adapter-register-third-party-service',
      service: { name: 'bare', callLoggerPath: '/log', callLogEntityMatcherPath: '/match' },
    });
    await widget.waitForRegistrations(2);
    const stop = answerAll({ data: 'ok' });
    try {
      const sessionId = await widget.call({ past: true });
      widget.click(sessionId, 'log');
      await until(() => widget.acceptedFor('/log').length === 1, 'the answered log request');
    } finally {
      stop();
    }
  });

  it('registrations without a name are not accepted', async () => {
    post({ type: 'rc-adapter-register-third-party-service', service: { callLoggerPath: '/other' } });
    post({ type: 'rc-adapter-register-third-party-service' });
    await widget.flush();
    expect(widget.registrations).to.have.length(1);
  });
});
