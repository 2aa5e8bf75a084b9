import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../src/index.js';
import type { RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, FakeWidget, WIDGET_ORIGIN, callBody, frame, settle, until } from './helpers/fake-widget.js';

const adapterScripts = () => document.querySelectorAll(`script[src="${ADAPTER_SRC}"]`).length;

describe('lifecycle', () => {
  let widget: FakeWidget;
  beforeEach(() => {
    widget = new FakeWidget();
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
    await settle(200);
    expect(frame()).to.equal(first);
    expect(widget.boots).to.equal(1);
    el.addEventListener('call-log', (event) => event.respondWith('still here'));
    expect(await widget.request('/callLogger', callBody())).to.deep.equal({ data: 'still here' });
    elsewhere.remove();
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
    await settle();
    expect(widget.boots).to.equal(2);
  });

  it('an adapter script that fails to load: an error event naming the URL, and a retry on the next connect', async () => {
    const missing = `${WIDGET_ORIGIN}/test/fake-widget/missing-adapter.js`;
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
    const parent = el.parentElement!;
    el.remove();
    await settle(50);
    parent.append(el);
    await until(() => errors.length === 2, 'a second error event after the retry');
  });

  it('a second element on the page reports an error and does not answer; the first keeps working', async () => {
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
    expect(errors[0].message).to.match(/one per page/);
    first.addEventListener('call-log', (event) => event.respondWith('first'));
    const requestId = await widget.send('/callLogger', callBody());
    expect((await widget.outcome(requestId)).response).to.deep.equal({ data: 'first' });
    await settle();
    expect(widget.responsesTo(requestId)).to.have.length(1);
    expect(secondEvents).to.equal(0);
    expect(widget.registrations.every((s) => s.name === 'First')).to.equal(true);
    second.remove();
  });
});
