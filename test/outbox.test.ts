/**
 * The outbox: a failed call log is kept (IndexedDB) and sent again until it succeeds, across reloads and tabs, and
 * the widget shows that a retry is pending, then the call as logged. The CRM here is the page's `call-log` listener;
 * the test controls when it is down and counts what it stored; or log-url, the reference server. The outbox belongs
 * to the origin, shared by every page of it: its tests are all in this file, so they never run side by side.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CallLogEvent, OutboxChangeEvent, RcCallLoggerElement } from '../src/index.js';
import { CrmEndpoint } from './helpers/crm.js';
import { heldPage } from './helpers/held-page.js';
import { ADAPTER_SRC, SimulatorControl, callBody, until } from './helpers/simulator.js';

const LOG = '/callLogger';

/** A CRM that stores by session (an upsert) and fails while `down` is above 0, counting each failure down. */
function flakyCrm() {
  const crm = {
    down: 0,
    permanent: false,
    /** Every call-log the CRM was asked, in order: [sessionId, triggerType, attempt, stored?]. */
    asked: [] as Array<[string, string | undefined, number, boolean]>,
    stored: new Map<string, { triggerType?: string; note?: unknown; writes: number }>(),
    answer(event: CallLogEvent): Promise<unknown> {
      const fail = crm.down > 0;
      if (fail) crm.down--;
      const { sessionId } = event.call;
      crm.asked.push([sessionId, event.triggerType, event.attempt, !fail]);
      if (fail) return Promise.reject(Object.assign(new Error('CRM is down'), crm.permanent ? { retry: false } : {}));
      const writes = (crm.stored.get(sessionId)?.writes ?? 0) + 1;
      crm.stored.set(sessionId, { triggerType: event.triggerType, note: event.body.note, writes });
      return Promise.resolve({ id: `crm-${sessionId}` });
    },
  };
  return crm;
}

/** The outbox-change events of `target`, as [change, sessionId]. */
function outboxChanges(target: EventTarget) {
  const changes: Array<[string, string | undefined, string | undefined]> = [];
  target.addEventListener('outbox-change', (event) => {
    const { change, sessionId, reason } = event as OutboxChangeEvent;
    changes.push([change, sessionId, reason]);
  });
  return changes;
}

const clearOutbox = () => document.createElement('rc-call-logger').clearOutbox();

describe('outbox', () => {
  let widget: SimulatorControl;
  let crm: ReturnType<typeof flakyCrm>;
  beforeEach(async () => {
    await clearOutbox();
    widget = new SimulatorControl();
    crm = flakyCrm();
  });
  afterEach(async () => {
    widget.stop();
    await clearOutbox();
  });

  async function logger(attributes = html``) {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM" outbox>${attributes}</rc-call-logger>`,
    );
    el.addEventListener('call-log', (event) => event.respondWith(crm.answer(event)));
    el.addEventListener('call-match', (event) => {
      const stored = event.sessionIds.filter((id) => crm.stored.has(id));
      event.respondWith(Object.fromEntries(stored.map((id) => [id, [{ id: `crm-${id}` }]])));
    });
    const changes = outboxChanges(el);
    await widget.waitForRegistrations(2);
    return { el, changes };
  }

  it('a failed log waits in the outbox, the widget shows the retry pending, then the call logged once sent', async () => {
    const { el, changes } = await logger();
    const sessionId = await widget.call({ past: true });
    crm.down = 1;
    widget.click(sessionId, 'log');
    const waiting = await widget.waitForCall(sessionId, (call) => call.status?.status === 'pending' && !call.logging);
    expect(waiting.status!.message).to.equal('Will retry: CRM is down');
    expect(waiting.logged).to.equal(false);
    await until(() => changes.length === 1, 'the queued change');
    const [entry] = await el.readOutbox();
    expect(entry).to.include({ sessionId, attempts: 1, lastError: 'CRM is down' });
    expect(entry.body.triggerType).to.equal('createLog');

    await el.retryOutbox();
    await widget.waitForCall(sessionId, (call) => call.logged);
    expect(crm.asked).to.deep.equal([
      [sessionId, 'createLog', 1, false],
      [sessionId, 'retry', 2, true],
    ]);
    expect(changes.map(([change, id]) => [change, id])).to.deep.equal([
      ['queued', sessionId],
      ['sent', sessionId],
    ]);
    expect(await el.readOutbox()).to.deep.equal([]);
  });

  it('the CRM down for three attempts, then up: each call is stored exactly once, and never sent again', async () => {
    const { el } = await logger();
    const first = callBody('s-down-1');
    const second = callBody('s-down-2', 'presenceUpdate');
    crm.down = 2 + 2 * 2; // both fresh requests, then two retry rounds
    await widget.request(LOG, first);
    await widget.request(LOG, second);
    await until(async () => (await el.readOutbox()).length === 2, 'both calls in the outbox');
    for (let round = 0; round < 3; round++) await el.retryOutbox();
    await el.retryOutbox(); // nothing is left to send
    expect(crm.asked.map(([id, trigger, attempt, stored]) => `${id} ${trigger} ${attempt} ${stored}`)).to.deep.equal([
      's-down-1 createLog 1 false',
      's-down-2 presenceUpdate 1 false',
      's-down-1 retry 2 false',
      's-down-2 retry 2 false',
      's-down-1 retry 3 false',
      's-down-2 retry 3 false',
      's-down-1 retry 4 true',
      's-down-2 retry 4 true',
    ]);
    expect([...crm.stored.values()].map(({ writes }) => writes)).to.deep.equal([1, 1]);
    expect(await el.readOutbox()).to.deep.equal([]);
  });

  it('retries by itself after the backoff, without a call to retryOutbox()', async () => {
    const { changes } = await logger();
    crm.down = 1;
    await widget.request(LOG, callBody('s-backoff'));
    await until(() => changes.some(([change]) => change === 'sent'), 'the retry after the first backoff (5 s)');
    expect(crm.asked.map(([, trigger, attempt]) => [trigger, attempt])).to.deep.equal([
      ['createLog', 1],
      ['retry', 2],
    ]);
  });

  it('a newer request replaces the queued one and keeps the note only the older had', async () => {
    const { el } = await logger();
    crm.down = 2;
    await widget.request(LOG, { ...callBody('s-newer', 'logForm'), note: 'Discussed the renewal' });
    const newer = callBody('s-newer', 'callLogSync');
    newer.call.duration = 99;
    await widget.request(LOG, newer);
    await until(async () => (await el.readOutbox())[0]?.body.triggerType === 'callLogSync', 'the newer request queued');
    const [entry] = await el.readOutbox();
    expect(entry.body.note).to.equal('Discussed the renewal');
    expect(entry.body.call.duration).to.equal(99);
    expect(entry.body).not.to.have.property('redirect'); // a retry opens nothing in the app
    await el.retryOutbox();
    expect(crm.stored.get('s-newer')).to.deep.equal({ triggerType: 'retry', note: 'Discussed the renewal', writes: 1 });
  });

  it('a newer request that succeeds makes the queued one obsolete: it is not sent again', async () => {
    const { el, changes } = await logger();
    crm.down = 1;
    await widget.request(LOG, callBody('s-obsolete'));
    await until(() => changes.length === 1, 'the queued change');
    await widget.request(LOG, callBody('s-obsolete', 'callLogSync'));
    await until(() => changes.length === 2, 'the sent change');
    await el.retryOutbox();
    expect(crm.asked.map(([, trigger]) => trigger)).to.deep.equal(['createLog', 'callLogSync']);
    expect(changes.map(([change]) => change)).to.deep.equal(['queued', 'sent']);
  });

  it('a permanent failure (retry: false) is not queued, and a retry that fails for good is dropped', async () => {
    const { el, changes } = await logger();
    crm.down = 1;
    crm.permanent = true;
    const sessionId = await widget.call({ past: true });
    widget.click(sessionId, 'log');
    const failed = await widget.waitForCall(sessionId, (call) => call.status?.status === 'failed' && !call.logging);
    expect(failed.status!.message).to.equal('Not logged: CRM is down');
    expect(await el.readOutbox()).to.deep.equal([]);

    crm.permanent = false;
    crm.down = 1;
    await widget.request(LOG, callBody('s-gone'));
    await until(() => changes.length === 1, 'the queued change');
    crm.permanent = true;
    crm.down = 1;
    await el.retryOutbox();
    expect(changes).to.deep.equal([
      ['queued', 's-gone', 'CRM is down'],
      ['dropped', 's-gone', 'CRM is down'],
    ]);
    expect(await el.readOutbox()).to.deep.equal([]);
  });

  it('clearOutbox() empties it: nothing is sent, and the widget shows the call as not logged', async () => {
    const { el, changes } = await logger();
    const sessionId = await widget.call({ past: true });
    crm.down = 1;
    widget.click(sessionId, 'log');
    await until(() => changes.length === 1, 'the queued change');
    await el.clearOutbox();
    const call = await widget.waitForCall(sessionId, (c) => c.status?.status === 'failed' && !c.logging);
    expect(call.status!.message).to.equal('Not logged: the outbox was cleared');
    expect(changes.map(([change]) => change)).to.deep.equal(['queued', 'cleared']);
    await el.retryOutbox();
    expect(crm.asked).to.have.length(1);
    expect(await el.readOutbox()).to.deep.equal([]);
  });

  it('is bounded: past 200 calls, the oldest is dropped and said so', async () => {
    const { el, changes } = await logger();
    crm.down = Infinity;
    const print = console.error;
    console.error = () => {}; // 201 failures, each printed
    try {
      for (let index = 0; index <= 200; index++) await widget.request(LOG, callBody(`s-many-${index}`));
      await until(() => changes.filter(([change]) => change === 'queued').length === 201, 'every call queued');
    } finally {
      console.error = print;
    }
    const entries = await el.readOutbox();
    expect(entries).to.have.length(200);
    expect(entries[0].sessionId).to.equal('s-many-1');
    expect(changes.find(([change]) => change === 'dropped')).to.deep.equal([
      'dropped',
      's-many-0',
      'the outbox is full (200 calls)',
    ]);
  });
});

describe('outbox with log-url', () => {
  let widget: SimulatorControl;
  let crm: CrmEndpoint;
  beforeEach(async () => {
    await clearOutbox();
    widget = new SimulatorControl();
    crm = await CrmEndpoint.create();
  });
  afterEach(async () => {
    widget.stop();
    await clearOutbox();
  });

  async function logger() {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="Acme CRM"
        log-url=${crm.logUrl}
        match-url=${crm.matchUrl}
        outbox
      ></rc-call-logger>`,
    );
    const changes: string[] = [];
    el.addEventListener('outbox-change', (event) => changes.push(event.change));
    await widget.waitForRegistrations(2);
    return { el, changes };
  }

  it('the endpoint down for three attempts, then up: the call is stored exactly once', async () => {
    const { el, changes } = await logger();
    await crm.failNext(2);
    const reply = await widget.request(LOG, callBody('s-down'));
    expect(reply).to.deep.equal({ error: { message: 'log-url answered 503' } });
    await until(() => changes.length === 1, 'the failed log queued');
    await el.retryOutbox();
    await crm.failNext(1, 0); // then a dropped connection: a network error
    await el.retryOutbox();
    await el.retryOutbox();
    await el.retryOutbox(); // nothing left: sends nothing
    expect((await crm.puts()).map(({ triggerType, attempt, status }) => [triggerType, attempt, status])).to.deep.equal([
      ['createLog', undefined, 503],
      ['retry', 2, 503],
      ['retry', 3, 0],
      ['retry', 4, 200],
    ]);
    const [record] = await crm.records();
    expect(record).to.include({ sessionId: 's-down', triggerType: 'retry', writes: 1 });
    expect(changes).to.deep.equal(['queued', 'sent']);
  });

  it('an expired login (401) is retried: logging in again fixes it', async () => {
    const { el } = await logger();
    await crm.failNext(1, 401);
    await widget.request(LOG, callBody('s-login'));
    await until(async () => (await el.readOutbox()).length === 1, 'the failed log queued');
    await el.retryOutbox();
    expect((await crm.puts()).map(({ status }) => status)).to.deep.equal([401, 200]);
  });

  it('a permanent 4xx is not retried, and the widget shows why', async () => {
    const { el } = await logger();
    await crm.failNext(1, 422);
    const sessionId = await widget.call({ past: true });
    widget.click(sessionId, 'log');
    const call = await widget.waitForCall(sessionId, (c) => c.status?.status === 'failed' && !c.logging);
    expect(call.status!.message).to.equal('Not logged: log-url answered 422');
    expect(await el.readOutbox()).to.deep.equal([]);
    await el.retryOutbox();
    expect((await crm.puts()).map(({ status }) => status)).to.deep.equal([422]);
  });
});

describe('outbox while its code loads', () => {
  beforeEach(clearOutbox);
  afterEach(clearOutbox);

  it('a call log that fails while the outbox is still loading is queued once it has loaded', async () => {
    const { iframe, pageWidget, el, release } = await heldPage({ outbox: '' });
    try {
      const changes: string[] = [];
      el.addEventListener('outbox-change', (event) => changes.push(`${event.change} ${event.sessionId}`));
      el.addEventListener('call-log', (event) => event.respondWith(Promise.reject(new Error('CRM is down'))));
      // The widget has its error reply before the outbox's code arrived.
      const reply = (await pageWidget.request(LOG, callBody('s-held-down'))) as { error: { message: string } };
      expect(reply.error.message).to.match(/CRM is down/);
      expect(changes).to.deep.equal([]);
      await release();
      await until(() => changes.length > 0, 'the outbox to load and queue the call');
      expect(changes).to.deep.equal(['queued s-held-down']);
      await el.clearOutbox();
    } finally {
      iframe.remove();
    }
  });
});

describe('outbox across page loads and tabs', () => {
  type OutboxPage = Window & typeof globalThis & { widget?: SimulatorControl; logger?: RcCallLoggerElement };
  const frames: HTMLIFrameElement[] = [];
  let crm: ReturnType<typeof flakyCrm>;
  /** Which tab stored what. */
  let storedBy: Array<[string | null, string, string | undefined]>;

  beforeEach(async () => {
    await clearOutbox();
    crm = flakyCrm();
    storedBy = [];
    Object.assign(window, {
      crmAnswer: (event: CallLogEvent, tab: string | null) =>
        crm.answer(event).then((value) => {
          storedBy.push([tab, event.call.sessionId, event.triggerType]);
          return value;
        }),
    });
  });
  afterEach(async () => {
    for (const frame of frames.splice(0)) frame.remove();
    await clearOutbox();
  });

  /** A tab of the page, as a frame: its own element and widget, the same origin's outbox. */
  async function openTab(tab: string): Promise<{ frame: HTMLIFrameElement; page: () => Required<OutboxPage> }> {
    const frame = document.createElement('iframe');
    frame.src = `/test/frames/outbox.html?tab=${tab}&adapter=${encodeURIComponent(ADAPTER_SRC)}`;
    document.body.append(frame);
    frames.push(frame);
    const page = () => frame.contentWindow as Required<OutboxPage>;
    await until(() => page().widget && page().logger, `tab ${tab} to load`);
    await page().widget.waitForRegistrations(2);
    return { frame, page };
  }

  it('a log that failed before a reload is sent after it, by itself', async () => {
    const { frame, page } = await openTab('before');
    crm.down = 1;
    await page().widget.request(LOG, callBody('s-reload'));
    await until(async () => (await page().logger.readOutbox()).length === 1, 'the failed log in the outbox');
    const before = page();
    frame.src = frame.src.replace('tab=before', 'tab=after');
    await until(() => page() !== before || page().location.search.includes('after'), 'the reload');
    await until(() => storedBy.length === 1, 'the retry after the reload (its backoff is 5 s)');
    expect(storedBy).to.deep.equal([['after', 's-reload', 'retry']]);
    expect(await page().logger.readOutbox()).to.deep.equal([]);
  });

  it('a newer log that succeeds in another tab makes the entry this tab queued obsolete', async () => {
    const one = await openTab('one');
    const two = await openTab('two');
    crm.down = 1;
    await one.page().widget.request(LOG, callBody('s-elsewhere'));
    await until(async () => (await two.page().logger.readOutbox()).length === 1, 'the failed log in the outbox');
    await two.page().widget.request(LOG, callBody('s-elsewhere', 'callLogSync'));
    await until(async () => (await one.page().logger.readOutbox()).length === 0, 'the obsolete entry to go');
    await one.page().logger.retryOutbox();
    expect(crm.asked.map(([, trigger]) => trigger)).to.deep.equal(['createLog', 'callLogSync']);
  });

  it('two tabs retrying at once send each entry once', async () => {
    const one = await openTab('one');
    const two = await openTab('two');
    crm.down = 3;
    for (const id of ['s-tab-1', 's-tab-2', 's-tab-3']) await one.page().widget.request(LOG, callBody(id));
    await until(async () => (await one.page().logger.readOutbox()).length === 3, 'three calls in the outbox');
    await Promise.all([one.page().logger.retryOutbox(), two.page().logger.retryOutbox()]);
    expect(storedBy.map(([, id]) => id).sort()).to.deep.equal(['s-tab-1', 's-tab-2', 's-tab-3']);
    expect(crm.asked.filter(([, trigger]) => trigger === 'retry')).to.have.length(3);
    expect(await two.page().logger.readOutbox()).to.deep.equal([]);
  });
});
