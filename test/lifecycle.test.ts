import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../src/index.js';
import type { RcCallLoggerElement, RcCallLoggerError } from '../src/index.js';
import {
  ADAPTER_SRC,
  SimulatorControl,
  THIRD_ORIGIN,
  WIDGET_ORIGIN,
  callBody,
  frame,
  nextTask,
  until,
} from './helpers/simulator.js';

/** The simulator, silent after its frame loaded until told to boot: a widget that cannot start, for now. */
const SILENT_ADAPTER_SRC = `${WIDGET_ORIGIN}/src/simulator/adapter.js?bootDelay=manual`;

const adapterScripts = () => document.querySelectorAll(`script[src="${ADAPTER_SRC}"]`).length;

/** Counts `<script src>` elements for `src` added to the document from now on. */
function watchScripts(src: string) {
  let added = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof HTMLScriptElement && node.src === src) added++;
  });
  observer.observe(document, { childList: true, subtree: true });
  return { count: () => added, stop: () => observer.disconnect() };
}

describe('lifecycle', () => {
  let widget: SimulatorControl;
  beforeEach(() => {
    widget = new SimulatorControl();
  });
  afterEach(() => {
    widget.stop();
    fixtureCleanup();
  });

  it('removed: disposes the widget; added again: starts a new one, with one adapter script', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const first = frame();
    const parent = el.parentElement!;
    el.remove();
    await until(() => !frame(), 'the widget frame to be disposed');
    expect(window.RCAdapter).to.equal(null);
    parent.append(el);
    await until(() => frame() && frame() !== first, 'a new widget frame');
    await widget.waitForRegistrations(4);
    expect(adapterScripts()).to.equal(1);
  });

  it('moved within the same task: keeps the same widget, no reload, still answers', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<div><rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger></div>`,
    ).then((div) => div.querySelector('rc-call-logger')!);
    await widget.waitForRegistrations(2);
    const first = frame();
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(el); // disconnect + connect in one go
    await nextTask(); // the element's move grace has run out
    el.addEventListener('call-log', (event) => event.respondWith('still here'));
    expect(await widget.request('/callLogger', callBody())).to.deep.equal({ data: 'still here' });
    await widget.flush();
    expect(frame()).to.equal(first);
    expect(widget.boots).to.equal(1);
    elsewhere.remove();
  });

  it('moved across microtasks of one task: keeps the same widget', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const first = frame();
    const parent = el.parentElement!;
    el.remove();
    await Promise.resolve();
    await Promise.resolve();
    parent.append(el);
    await nextTask(); // the element's move grace has run out
    el.addEventListener('call-log', (event) => event.respondWith('still here'));
    expect(await widget.request('/callLogger', callBody())).to.deep.equal({ data: 'still here' });
    await widget.flush();
    expect(frame()).to.equal(first);
    expect(widget.boots).to.equal(1);
  });

  it('removed and re-added while restarting for a new option: one widget, one reply per request', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM" client-id="one"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const errors: ErrorEvent[] = [];
    el.addEventListener('error', (event) => errors.push(event));
    const parent = el.parentElement!;
    el.clientId = 'two';
    el.remove();
    await nextTask(); // past the move grace: this is a removal, then a new start
    parent.append(el);
    await until(() => frame() && new URL(frame()!.src).searchParams.get('clientId') === 'two', 'the new widget');
    await widget.waitForRegistrations(4);
    let events = 0;
    el.addEventListener('call-log', (event) => {
      events++;
      event.respondWith('once');
    });
    const requestId = await widget.send('/callLogger', callBody());
    await widget.outcome(requestId);
    await widget.flush();
    expect(events).to.equal(1);
    expect(widget.responsesTo(requestId)).to.have.length(1);
    expect(document.querySelectorAll('iframe[id$="-adapter-frame"]')).to.have.length(1);
    expect(errors.map((e) => e.message)).to.deep.equal([]);
  });

  it('changing adapter-src loads the other adapter and starts its widget', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    el.adapterSrc = `${THIRD_ORIGIN}/src/simulator/adapter.js`;
    await until(() => frame() && new URL(frame()!.src).origin === THIRD_ORIGIN, 'the widget of the other adapter');
    await widget.waitForRegistrations(4);
  });

  it('uses a widget the page started itself: registers with it, answers it, and leaves it running', async () => {
    await until(() => !window.RCAdapter, 'the previous test to release its widget');
    const src = `${ADAPTER_SRC}&page=started`;
    const script = Object.assign(document.createElement('script'), { src });
    await new Promise((resolve) => {
      script.onload = resolve;
      document.head.append(script);
    });
    window.RCAdapterInit!({ options: {} }); // the page's own start, before the element exists
    const pageFrame = frame();
    const scriptsBefore = adapterScripts();
    await until(() => widget.boots === 1, "the page's widget to boot");
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = await fixture<RcCallLoggerElement>(
        html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
      );
      await widget.waitForRegistrations(1);
      expect(document.querySelectorAll('iframe[id$="-adapter-frame"]')).to.have.length(1);
      expect(frame()).to.equal(pageFrame);
      el.addEventListener('call-log', (event) => event.respondWith('adopted'));
      expect(await widget.request('/callLogger', callBody())).to.deep.equal({ data: 'adopted' });
      el.remove();
      // Another element can use the page's widget only once the first has let go of it: the end of its removal.
      const next = await fixture<RcCallLoggerElement>(
        html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Next CRM"></rc-call-logger>`,
      );
      await until(() => widget.registrations.some((service) => service.name === 'Next CRM'), 'the next element');
      next.remove();
      expect(frame()).to.equal(pageFrame);
      expect(widget.boots).to.equal(1);
      expect(adapterScripts()).to.equal(scriptsBefore); // nothing injected
    } finally {
      console.warn = warn;
      window.RCAdapterDispose!();
      script.remove();
    }
  });

  it('does not adopt a look-alike: markup named RCAdapter, or a page widget at another origin', async () => {
    await until(() => !window.RCAdapter, 'the previous test to release its widget');
    // Named access turns these into window.RCAdapter (an HTMLCollection whose contentFrameEl is the iframe), on a
    // page where no adapter ever ran (an own property, even null, would shadow them).
    delete (window as { RCAdapter?: unknown }).RCAdapter;
    const decoys = document.createElement('div');
    decoys.innerHTML = `<a id="RCAdapter"></a><iframe id="RCAdapter" name="contentFrameEl" src="${THIRD_ORIGIN}/test/frames/impostor.html"></iframe>`;
    document.body.append(decoys);
    const heard: unknown[] = [];
    let decoyLoaded = false;
    const listen = (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown; data?: unknown } | null | undefined;
      if (data?.type === 'impostor:ready') decoyLoaded = true;
      if (data?.type === 'impostor:received') heard.push(data.data);
    };
    window.addEventListener('message', listen);
    try {
      await until(() => decoyLoaded, 'the decoy frame to load'); // so that nothing posted to it could be lost
      const errors: string[] = [];
      const el = document.createElement('rc-call-logger');
      Object.assign(el, { adapterSrc: ADAPTER_SRC, serviceName: 'Acme CRM' });
      el.addEventListener('error', (event) => errors.push(event.message));
      await fixture(el);
      await until(() => errors.length === 1, 'an error event');
      // A marker to the decoy frame: anything the element posted to it arrives first.
      const decoy = decoys.querySelector('iframe')!;
      decoy.contentWindow!.postMessage({ marker: 'end' }, THIRD_ORIGIN);
      await until(() => heard.length > 0, 'the marker to reach the decoy frame');
      expect(heard).to.deep.equal([{ marker: 'end' }]);
      expect(errors[0]).to.match(/already runs on this page/);
    } finally {
      window.removeEventListener('message', listen);
      decoys.remove();
    }
  });

  it('uses the adapter script the page loaded itself instead of injecting a second one', async () => {
    await until(() => !window.RCAdapter, 'the previous test to release its widget');
    const src = `${ADAPTER_SRC}&page=loaded`;
    window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
    const script = Object.assign(document.createElement('script'), { src });
    await new Promise((resolve) => {
      script.onload = resolve;
      document.head.append(script);
    });
    try {
      await fixture<RcCallLoggerElement>(
        html`<rc-call-logger adapter-src=${src} service-name="Acme CRM"></rc-call-logger>`,
      );
      await widget.waitForRegistrations(2);
      expect(document.querySelectorAll(`script[src="${src}"]`)).to.have.length(1);
    } finally {
      script.remove();
    }
  });

  it('an adapter script that does not load in time: an error event naming the URL, and a retry on the next connect', async () => {
    const slow = `${location.origin}/test/hang/adapter.js`;
    const el = document.createElement('rc-call-logger');
    Object.assign(el, { adapterSrc: slow, serviceName: 'Acme CRM', adapterTimeout: 300 });
    const errors: string[] = [];
    el.addEventListener('error', (event) => errors.push(event.message));
    await fixture(el);
    await until(() => errors.length === 1, 'the timeout error');
    expect(errors[0]).to.equal(`rc-call-logger: the adapter script ${slow} did not load within 300 ms`);
    expect(document.querySelectorAll(`script[src="${slow}"]`)).to.have.length(0);
    const injected = watchScripts(slow);
    const parent = el.parentElement!;
    el.remove();
    await nextTask(); // past the move grace: this is a removal, then a new start
    parent.append(el);
    await until(() => errors.length === 2, 'the retry to time out too');
    expect(errors[1]).to.include('did not load within 300 ms');
    expect(injected.count(), 'a new script for the retry').to.equal(1);
    injected.stop();
  });

  it('refuses an adapter the page started when it has no usable widget frame', async () => {
    await until(() => !window.RCAdapter, 'the previous test to release its widget');
    const foreign = document.createElement('iframe');
    window.RCAdapter = { contentFrameEl: foreign };
    try {
      const errors: ErrorEvent[] = [];
      const el = document.createElement('rc-call-logger');
      el.adapterSrc = ADAPTER_SRC;
      el.serviceName = 'Acme CRM';
      el.addEventListener('error', (event) => errors.push(event));
      await fixture(el);
      await until(() => errors.length === 1, 'an error event');
      expect(errors[0].message).to.match(/already runs on this page/);
      expect(frame()).to.equal(null);
    } finally {
      window.RCAdapter = null;
    }
  });

  it('changing an adapter option re-creates the widget once, with the new options', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM" client-id="one"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    el.clientId = 'two';
    el.autoLog = true;
    await until(() => frame() && new URL(frame()!.src).searchParams.get('clientId') === 'two', 'the new widget');
    await widget.waitForRegistrations(4);
    expect(new URL(frame()!.src).searchParams.get('defaultAutoLogCallEnabled')).to.equal('true');
    await widget.flush();
    expect(widget.boots).to.equal(2);
  });

  it('a widget that stays silent once its frame loaded: widget-silent says what to check; ready once it speaks', async () => {
    const errors: ErrorEvent[] = [];
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${SILENT_ADAPTER_SRC}
        service-name="Acme CRM"
        boot-timeout="50"
        @error=${(event: ErrorEvent) => errors.push(event)}
      ></rc-call-logger>`,
    );
    await until(() => errors.length > 0, 'the error');
    const [{ error, message }] = errors;
    expect((error as RcCallLoggerError).code).to.equal('widget-silent');
    expect(message).to.include(`third-party storage for ${WIDGET_ORIGIN}`);
    expect(message).to.include('frame-src').and.to.include('network');
    expect(el.ready).to.equal(false);
    expect(widget.boots).to.equal(0);
    widget.command('boot'); // the widget speaks after all
    await until(() => el.ready, 'ready once the widget spoke');
    const [registration] = await widget.waitForRegistrations(1);
    expect(registration.name).to.equal('Acme CRM');
    expect(errors).to.have.length(1);
  });

  it('an adapter script that fails to load: an error event naming the URL, and a retry on the next connect', async () => {
    const missing = `${WIDGET_ORIGIN}/src/simulator/missing-adapter.js`;
    const el = document.createElement('rc-call-logger');
    el.adapterSrc = missing;
    el.serviceName = 'Acme CRM';
    const errors: ErrorEvent[] = [];
    el.addEventListener('error', (event) => errors.push(event));
    await fixture(el);
    await until(() => errors.length === 1, 'an error event');
    expect(errors[0].message).to.include(missing);
    expect(errors[0].error).to.be.instanceOf(Error);
    expect(document.querySelectorAll(`script[src="${missing}"]`)).to.have.length(0);
    const injected = watchScripts(missing);
    const parent = el.parentElement!;
    el.remove();
    await nextTask(); // past the move grace: this is a removal, then a new start
    parent.append(el);
    await until(() => errors.length === 2, 'a second error event after the retry');
    expect(injected.count(), 'a new script for the retry').to.equal(1);
    injected.stop();
    el.adapterSrc = ADAPTER_SRC; // a fixed URL starts the widget without another reconnect
    await widget.waitForRegistrations(2);
  });

  it('a second element reports an error and does not answer; it takes over when the first leaves', async () => {
    const first = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="First"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const second = document.createElement('rc-call-logger');
    second.adapterSrc = ADAPTER_SRC;
    second.serviceName = 'Second';
    const errors: ErrorEvent[] = [];
    second.addEventListener('error', (event) => errors.push(event));
    let secondEvents = 0;
    second.addEventListener('call-log', () => secondEvents++);
    document.body.append(second);
    await until(() => errors.length === 1, 'an error from the second element');
    expect(errors[0].message).to.match(/already runs the widget/);
    first.addEventListener('call-log', (event) => event.respondWith('first'));
    const requestId = await widget.send('/callLogger', callBody());
    expect((await widget.outcome(requestId)).response).to.deep.equal({ data: 'first' });
    await widget.flush();
    expect(widget.responsesTo(requestId)).to.have.length(1);
    expect(secondEvents).to.equal(0);
    expect(widget.registrations.every((s) => s.name === 'First')).to.equal(true);
    first.remove();
    await until(() => widget.registrations.some((s) => s.name === 'Second'), 'the second element to register');
    second.remove();
  });
});
