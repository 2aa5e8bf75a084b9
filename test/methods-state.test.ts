import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { AutoLogChangeEvent, LoginChangeEvent, type RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, LOGGED_OUT_ADAPTER_SRC, SimulatorControl, callBody, frame, until } from './helpers/simulator.js';

describe('methods', () => {
  let widget: SimulatorControl;
  let el: RcCallLoggerElement;
  beforeEach(async () => {
    widget = new SimulatorControl();
    el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${LOGGED_OUT_ADAPTER_SRC} service-name="acme"></rc-call-logger>`,
    );
  });
  afterEach(() => widget.stop());

  it('called before the widget is ready, they wait for it instead of being lost', async () => {
    expect(el.ready).to.equal(false);
    const done = Promise.all([el.refreshMatches(['s-1']), el.openLogPage('s-1'), el.register()]);
    await done;
    await until(() => widget.messages('rc-adapter-navigate-to').length === 1, 'the widget to receive them');
    const types = widget.received.filter((r) => r.booted).map((r) => r.data?.type);
    expect(types.indexOf('rc-adapter-register-third-party-service')).to.equal(0);
    expect(types).to.include.members(['rc-adapter-trigger-call-logger-match', 'rc-adapter-navigate-to']);
  });

  it('refreshMatches asks the widget to match again, and the widget does', async () => {
    await widget.waitForRegistrations(2);
    widget.command('login', { loggedIn: true }); // a logged-out widget matches nothing
    el.addEventListener('call-log', (event) => event.respondWith('ok'));
    await widget.request('/callLogger', callBody('s-1'));
    const matchesBefore = widget.sentTo('/callLogger/match').length;
    await el.refreshMatches(['s-1']);
    await until(() => widget.messages('rc-adapter-trigger-call-logger-match').length > 0, 'the trigger');
    expect(widget.messages('rc-adapter-trigger-call-logger-match').at(-1)).to.deep.equal({
      type: 'rc-adapter-trigger-call-logger-match',
      sessionIds: ['s-1'],
    });
    await until(() => widget.sentTo('/callLogger/match').length > matchesBefore, 'a matcher request');
  });

  it('openLogPage and setLogPage post the widget messages for a custom log form', async () => {
    const page = {
      title: 'Log to Acme',
      schema: { type: 'object', properties: { note: { type: 'string' } } },
      formData: { note: '' },
    };
    await el.setLogPage(page);
    await el.openLogPage('s 1/2');
    await until(() => widget.messages('rc-adapter-navigate-to').length > 0, 'the navigation');
    expect(widget.messages('rc-adapter-update-call-log-page')).to.deep.equal([
      { type: 'rc-adapter-update-call-log-page', page },
    ]);
    expect(widget.messages('rc-adapter-navigate-to')).to.deep.equal([
      { type: 'rc-adapter-navigate-to', path: '/log/call/s%201%2F2' },
    ]);
  });

  it('setAutoLog waits for the call logger (a login), then changes the setting', async () => {
    const changes: boolean[] = [];
    el.addEventListener('auto-log-change', (event) => changes.push(event.autoLog));
    const setting = el.setAutoLog(true);
    await widget.waitForRegistrations(2);
    expect(widget.messages('rc-adapter-update-auto-log-settings')).to.have.length(0);
    widget.command('login', { loggedIn: true });
    await setting;
    await until(() => el.autoLogEnabled === true, 'auto log on');
    await until(() => widget.messages('rc-adapter-update-auto-log-settings').length > 0, 'the update');
    expect(widget.messages('rc-adapter-update-auto-log-settings')).to.deep.equal([
      { type: 'rc-adapter-update-auto-log-settings', call: true },
    ]);
    expect(changes).to.deep.equal([false, true]);
    expect(el.matches(':state(auto-log)')).to.equal(true);
  });

  it('after a logout, setAutoLog waits for the next login instead of posting into the void', async () => {
    await widget.waitForRegistrations(2);
    widget.command('login', { loggedIn: true });
    await until(() => el.autoLogEnabled !== undefined, 'the call logger');
    widget.command('login', { loggedIn: false });
    await until(() => !el.loggedIn, 'logged out');
    expect(el.autoLogEnabled).to.equal(undefined);
    let done = false;
    const setting = el.setAutoLog(true).then(() => (done = true));
    await widget.flush();
    expect(done).to.equal(false);
    expect(widget.messages('rc-adapter-update-auto-log-settings')).to.have.length(0);
    widget.command('login', { loggedIn: true });
    await setting;
    await until(() => el.autoLogEnabled === true, 'auto log on');
  });

  it('after a widget reload, the auto-log setting is unknown again until its call logger reports', async () => {
    await widget.waitForRegistrations(2);
    widget.command('login', { loggedIn: true });
    await until(() => el.autoLogEnabled === false, 'the call logger');
    const atReady: Array<boolean | undefined> = [];
    el.addEventListener('ready', () => atReady.push(el.autoLogEnabled));
    widget.command('reload');
    await until(() => atReady.length === 1, 'ready after the reload');
    expect(atReady).to.deep.equal([undefined]);
    await el.setAutoLog(true);
    await until(() => el.autoLogEnabled === true, 'auto log on after the reload');
  });

  it('register posts one more registration', async () => {
    await widget.waitForRegistrations(2);
    await el.register();
    await widget.waitForRegistrations(3);
  });

  it('rejects bad arguments with a TypeError', async () => {
    const calls: Array<() => Promise<void>> = [
      () => el.refreshMatches('s-1' as never),
      () => el.setAutoLog('yes' as never),
      () => el.openLogPage(''),
      () => el.setLogPage({} as never),
    ];
    for (const call of calls) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(TypeError);
    }
  });
});

describe('lifecycle events and state', () => {
  let widget: SimulatorControl;
  beforeEach(() => {
    widget = new SimulatorControl();
  });
  afterEach(() => widget.stop());

  it('ready, login-change and auto-log-change bubble to document, with read-only state and custom states', async () => {
    const seen: string[] = [];
    const record = (event: Event) => {
      if (event instanceof LoginChangeEvent) seen.push(`login-change:${event.loggedIn}`);
      else if (event instanceof AutoLogChangeEvent) seen.push(`auto-log-change:${event.autoLog}`);
      else seen.push(event.type);
    };
    const types = ['ready', 'login-change', 'auto-log-change'] as const;
    for (const type of types) document.addEventListener(type, record);
    try {
      const el = await fixture<RcCallLoggerElement>(
        html`<rc-call-logger adapter-src=${LOGGED_OUT_ADAPTER_SRC} service-name="acme" auto-log></rc-call-logger>`,
      );
      await until(() => el.ready, 'ready');
      expect(el.matches(':state(ready)')).to.equal(true);
      expect(el.loggedIn).to.equal(false);
      widget.command('login', { loggedIn: true });
      await until(() => el.autoLogEnabled !== undefined, 'the auto-log setting');
      expect(el.loggedIn).to.equal(true);
      expect(el.matches(':state(logged-in)')).to.equal(true);
      expect(el.autoLogEnabled).to.equal(true);
      widget.command('login', { loggedIn: false });
      await until(() => !el.loggedIn, 'logged out');
      expect(el.matches(':state(logged-in)')).to.equal(false);
      expect(seen).to.deep.equal(['ready', 'login-change:true', 'auto-log-change:true', 'login-change:false']);
    } finally {
      for (const type of types) document.removeEventListener(type, record);
    }
  });

  it('a widget reload is not a logout: no login-change and no state flap; a real logout is reported at once', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme"></rc-call-logger>`,
    );
    await until(() => el.loggedIn, 'logged in');
    const changes: boolean[] = [];
    el.addEventListener('login-change', (event) => changes.push(event.loggedIn));
    // The element hears each widget message first (it listened first): what it shows right after each login status.
    const afterEachStatus: Array<{ status: unknown; loggedIn: boolean; state: boolean }> = [];
    const watch = (event: MessageEvent) => {
      const data = event.data as { type?: string } | null;
      if (event.source !== frame()?.contentWindow || data?.type !== 'rc-login-status-notify') return;
      afterEachStatus.push({ status: data, loggedIn: el.loggedIn, state: el.matches(':state(logged-in)') });
    };
    window.addEventListener('message', watch);
    try {
      widget.command('reload');
      await until(() => afterEachStatus.length === 2, 'both login statuses of the new load');
      expect(afterEachStatus[0].status).to.deep.equal({ type: 'rc-login-status-notify', loggedIn: false });
      expect(afterEachStatus.map(({ loggedIn, state }) => [loggedIn, state])).to.deep.equal([
        [true, true],
        [true, true],
      ]);
      expect(changes).to.deep.equal([]);
      widget.command('login', { loggedIn: false });
      await until(() => afterEachStatus.length === 3, 'the logout');
      expect(afterEachStatus[2]).to.include({ loggedIn: false, state: false });
      expect(changes).to.deep.equal([false]);
    } finally {
      window.removeEventListener('message', watch);
    }
  });

  it('a widget reload makes it not ready until the service is registered again', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${LOGGED_OUT_ADAPTER_SRC} service-name="acme"></rc-call-logger>`,
    );
    await until(() => el.ready, 'ready');
    let readyEvents = 0;
    el.addEventListener('ready', () => readyEvents++);
    widget.command('reload');
    await until(() => widget.boots >= 2 && el.ready, 'ready again');
    expect(readyEvents).to.equal(1);
  });
});
