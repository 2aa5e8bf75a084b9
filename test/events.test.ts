import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { CallLogEvent, CallMatchEvent, type RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, callBody, until } from './helpers/simulator.js';

const logEvent = () => new CallLogEvent(callBody(), new AbortController().signal);

describe('respondWith', () => {
  it('throws InvalidStateError when called outside dispatch', () => {
    const event = logEvent();
    expect(() => event.respondWith('x'))
      .to.throw(DOMException)
      .with.property('name', 'InvalidStateError');
    document.body.dispatchEvent(event);
    expect(() => event.respondWith('x'))
      .to.throw(DOMException)
      .with.property('name', 'InvalidStateError');
    expect(event.responded).to.equal(false);
  });

  it('throws InvalidStateError on a second call, and stops other listeners', () => {
    const target = document.createElement('div');
    const event = new CallMatchEvent({ sessionIds: ['s-1'] }, new AbortController().signal);
    let second: unknown;
    let laterListener = false;
    target.addEventListener('call-match', (e) => {
      e.respondWith({});
      try {
        e.respondWith({});
      } catch (error) {
        second = error;
      }
    });
    target.addEventListener('call-match', () => (laterListener = true));
    target.dispatchEvent(event);
    expect((second as DOMException).name).to.equal('InvalidStateError');
    expect(event.responded).to.equal(true);
    expect(laterListener).to.equal(false);
  });

  it('called after an await: throws, and the widget gets the "nobody answered" error at once', async () => {
    const widget = new SimulatorControl();
    try {
      const el = await fixture<RcCallLoggerElement>(
        html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
      );
      await widget.waitForRegistrations(2);
      let late: unknown;
      el.addEventListener('call-log', (event) => {
        void (async () => {
          await Promise.resolve();
          try {
            event.respondWith('too late');
          } catch (error) {
            late = error;
          }
        })();
      });
      const response = (await widget.request('/callLogger', callBody())) as { error: { message: string } };
      await until(() => late, 'the late call');
      expect((late as DOMException).name).to.equal('InvalidStateError');
      expect(response.error.message).to.match(/no call-log listener called respondWith/);
    } finally {
      widget.stop();
    }
  });
});
