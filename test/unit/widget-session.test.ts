import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { BACKFILL_PAGE_SIZE } from '../../src/limits.js';
import {
  WIDGET_AUTO_LOG_STATUS,
  WIDGET_BOOTED,
  WIDGET_HISTORY_SYNCED,
  WIDGET_LOGIN_STATUS,
  registerMessage,
} from '../../src/protocol.js';
import { StubFrame, StubWindow, deliver, installPage, reported, settingsWith } from './stub-page.js';

installPage();
const { WidgetSession, NO_WIDGET } = await import('../../src/widget-session.js');
const { LogStatus } = await import('../../src/log-status.js');
const { RcCallLoggerError } = await import('../../src/errors.js');
import type { CallLogEvent } from '../../src/events.js';
import type { Settings } from '../../src/settings.js';
import type { SessionHost, WidgetStatus } from '../../src/widget-session.js';

const WIDGET = 'https://widget.example';
/** A marker: after it, every reply already decided (in microtasks) has been posted. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));
/** What the default settings register. */
const ACME = { name: 'Acme CRM', callLoggerPath: '/callLogger', callLogEntityMatcherPath: '/callLogger/match' };

const settings = settingsWith;

/** Every session a test made, stopped and closed after it: a session's bridge listens on the page until closed. */
const open: Array<{ session: InstanceType<typeof WidgetSession>; stop: AbortController }> = [];

/**
 * A session for an element stand-in (an EventTarget with `overrides` over the default settings) in a stub frame.
 * The host applies status changes as the element's connection does, and records what it was told.
 */
function sessionWith(overrides: Partial<Settings> = {}) {
  const element = Object.assign(new EventTarget(), settings(overrides));
  const frame = new StubFrame(`${WIDGET}/app.html`);
  const told = {
    updates: [] as Array<[Partial<WidgetStatus>, boolean]>,
    reports: [] as unknown[],
    registered: 0,
    callsEnded: 0,
  };
  let status: Readonly<WidgetStatus> = NO_WIDGET;
  const host: SessionHost = {
    element,
    logStatus: new LogStatus(),
    get status() {
      return status;
    },
    update: (change, announce) => {
      told.updates.push([change, announce]);
      status = { ...status, ...change };
    },
    report: (error) => told.reports.push(error),
    callsEnded: () => told.callsEnded++,
    registered: () => told.registered++,
  };
  const stop = new AbortController();
  const session = new WidgetSession(host, frame as unknown as HTMLIFrameElement, stop.signal);
  open.push({ session, stop });
  const fromWidget = (data: unknown, origin = WIDGET) => deliver(data, { source: frame.contentWindow, origin });
  /** The messages the widget got, in order. */
  const posted = () => frame.window.posted.map(({ message }) => message);
  return { element, frame, host, told, session, fromWidget, posted, status: () => status };
}

describe('widget session', () => {
  afterEach(() => {
    for (const { session, stop } of open.splice(0)) {
      stop.abort(new DOMException('test over', 'AbortError'));
      session.close(new Error('test over'));
    }
    reported.length = 0;
  });

  it('registers nothing before the widget speaks', () => {
    const { session, told, frame } = sessionWith();
    session.register(true);
    session.register(false);
    assert.deepEqual(frame.window.posted, []);
    assert.equal(told.registered, 0);
    assert.deepEqual(told.updates, []);
  });

  it("the widget's boot message: one registration, posted at the widget's exact origin, and the host hears it is ready", () => {
    const { told, frame, fromWidget, status } = sessionWith();
    fromWidget({ type: WIDGET_BOOTED });
    assert.deepEqual(frame.window.posted, [{ message: registerMessage(ACME), targetOrigin: WIDGET }]);
    assert.equal(told.registered, 1);
    assert.deepEqual(told.updates, [
      [{ ready: false, autoLog: undefined }, false],
      [{ booted: true }, false],
    ]);
    assert.equal(status().booted, true);
  });

  it('once registered, requests on the registered logger path reach the element', async () => {
    const { element, frame, fromWidget } = sessionWith({ loggerPath: '/log' });
    element.addEventListener('call-log', (event) => (event as CallLogEvent).respondWith({ id: 'crm-1' }));
    fromWidget({ type: WIDGET_BOOTED });
    fromWidget({ type: 'rc-post-message-request', requestId: 'r-1', path: '/log', body: { call: { sessionId: 's' } } });
    const [, { message }] = await frame.window.untilPosted(2);
    assert.deepEqual(message, {
      type: 'rc-post-message-response',
      responseId: 'r-1',
      response: { data: { id: 'crm-1' } },
    });
  });

  it('each boot is a new widget: the registration is sent again, and paths it no longer has are forgotten', async () => {
    const { element, frame, fromWidget, posted } = sessionWith({ loggerPath: '/old' });
    let events = 0;
    element.addEventListener('call-log', (event) => (events++, (event as CallLogEvent).respondWith('ok')));
    fromWidget({ type: WIDGET_BOOTED });
    element.loggerPath = '/new';
    fromWidget({ type: WIDGET_BOOTED });
    assert.deepEqual(posted(), [
      registerMessage({ ...ACME, callLoggerPath: '/old' }),
      registerMessage({ ...ACME, callLoggerPath: '/new' }),
    ]);
    fromWidget({ type: 'rc-post-message-request', requestId: 'r-1', path: '/old', body: { call: { sessionId: 's' } } });
    await nextTask();
    assert.equal(events, 0);
    assert.equal(frame.window.posted.length, 2);
  });

  it('an unchanged registration is not sent again by register(false), but is by register(true); a changed one is', () => {
    const { element, session, told, fromWidget, posted } = sessionWith();
    fromWidget({ type: WIDGET_BOOTED });
    session.register(false);
    assert.equal(posted().length, 1);
    session.register(true);
    assert.deepEqual(posted(), [registerMessage(ACME), registerMessage(ACME)]);
    element.displayName = 'Acme';
    session.register(false);
    assert.deepEqual(posted().at(-1), registerMessage({ ...ACME, displayName: 'Acme' }));
    assert.equal(told.registered, 3);
  });

  it('a registration that could not be posted (frame gone) is not taken as sent: register(false) sends it later', () => {
    const { session, told, frame } = sessionWith();
    const widgetWindow = frame.contentWindow;
    frame.contentWindow = null;
    session.widgetSpoke();
    assert.equal(told.registered, 0);
    frame.contentWindow = widgetWindow;
    session.register(false);
    assert.deepEqual(frame.window.posted, [{ message: registerMessage(ACME), targetOrigin: WIDGET }]);
    assert.equal(told.registered, 1);
  });

  it('login status: announced as a boolean; the widget that says it has spoken is registered; logging out clears auto-log', () => {
    const { told, fromWidget, posted, status } = sessionWith();
    fromWidget({ type: WIDGET_LOGIN_STATUS, loggedIn: true });
    assert.deepEqual(told.updates, [
      [{ booted: true }, false],
      [{ loggedIn: true }, true],
    ]);
    assert.deepEqual(posted(), [registerMessage(ACME)]);
    told.updates.length = 0;
    fromWidget({ type: WIDGET_AUTO_LOG_STATUS, autoLog: true });
    fromWidget({ type: WIDGET_LOGIN_STATUS, loggedIn: 'yes' });
    assert.deepEqual(told.updates, [
      [{ autoLog: true }, true],
      [{ booted: true }, false],
      [{ loggedIn: false }, true],
      [{ autoLog: undefined }, false],
    ]);
    assert.equal(status().autoLog, undefined);
  });

  it('auto-log status: announced as true only for true, and false for anything else', () => {
    const { told, fromWidget } = sessionWith();
    for (const autoLog of [true, false, 'true', undefined]) fromWidget({ type: WIDGET_AUTO_LOG_STATUS, autoLog });
    assert.deepEqual(told.updates, [
      [{ autoLog: true }, true],
      [{ autoLog: false }, true],
      [{ autoLog: false }, true],
      [{ autoLog: false }, true],
    ]);
  });

  it('messages from another origin, another window or no window are ignored', () => {
    const { told, frame, fromWidget } = sessionWith();
    fromWidget({ type: WIDGET_BOOTED }, 'https://elsewhere.example');
    deliver({ type: WIDGET_LOGIN_STATUS, loggedIn: true }, { source: new StubWindow(), origin: WIDGET });
    deliver({ type: WIDGET_AUTO_LOG_STATUS, autoLog: true }, { source: null, origin: WIDGET });
    assert.deepEqual(frame.window.posted, []);
    assert.deepEqual(told.updates, []);
    assert.equal(told.registered, 0);
  });

  it('an invalid registration (no service name) is reported as invalid-config, and nothing is posted', () => {
    const { told, frame, fromWidget } = sessionWith({ serviceName: undefined });
    fromWidget({ type: WIDGET_BOOTED });
    assert.equal(told.reports.length, 1);
    const [error] = told.reports;
    assert.ok(error instanceof RcCallLoggerError);
    assert.equal(error.code, 'invalid-config');
    assert.match(error.message, /service-name/);
    assert.deepEqual(frame.window.posted, []);
    assert.equal(told.registered, 0);
  });

  it('a call-history sync starts back-fill only when backfill is on', () => {
    const off = sessionWith();
    off.fromWidget({ type: WIDGET_HISTORY_SYNCED });
    assert.deepEqual(off.posted(), []);
    const on = sessionWith({ backfill: true });
    on.fromWidget({ type: WIDGET_HISTORY_SYNCED });
    const [{ requestId, ...request }] = on.posted() as Array<{ requestId: string }>;
    assert.deepEqual(request, {
      type: 'rc-adapter-message-request',
      path: '/unlogged-calls',
      body: { perPage: BACKFILL_PAGE_SIZE, page: 1 },
    });
    assert.equal(typeof requestId, 'string');
  });

  it("live calls: the web phone's call notices by call.id; the host hears when the last one ends, or the widget reloads", () => {
    const { session, told, fromWidget } = sessionWith();
    fromWidget({ type: WIDGET_BOOTED });
    fromWidget({ type: 'rc-call-ring-notify', call: { id: 'a' } });
    fromWidget({ type: 'rc-call-init-notify', call: { id: 'b' } });
    fromWidget({ type: 'rc-call-start-notify', call: { id: 'a' } });
    assert.equal(session.callLive, true);
    fromWidget({ type: 'rc-call-end-notify', call: { id: 'a' } });
    assert.equal(session.callLive, true);
    assert.equal(told.callsEnded, 0);
    fromWidget({ type: 'rc-call-end-notify', call: { id: 'b' } });
    assert.equal(session.callLive, false);
    assert.equal(told.callsEnded, 1);
    fromWidget({ type: 'rc-call-end-notify', call: { id: 'b' } });
    fromWidget({ type: 'rc-active-call-notify', call: { id: 'desk-phone' } }); // another device's call: not ours
    assert.equal(session.callLive, false);
    fromWidget({ type: 'rc-call-hold-notify', call: { id: 'c' } });
    fromWidget({ type: WIDGET_BOOTED });
    assert.equal(session.callLive, false);
    assert.equal(told.callsEnded, 2);
  });
});
