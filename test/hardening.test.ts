/**
 * Reliability under hostile and heavy traffic, at the sizes CI runs (`npm run stress` runs the same code larger):
 * fuzzing from the widget's own origin, injected handler faults, widget reloads under traffic, mount cycles.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { RcCallLoggerElement } from '../src/index.js';
import {
  BEHAVIOURS,
  LOG,
  MATCH,
  TOKEN,
  actOut,
  bodyWithToken,
  fuzz,
  injectFaults,
  mountCycles,
  quietly,
  reloadUnderTraffic,
  spoof,
} from './helpers/hardening.js';
import { ADAPTER_SRC, SimulatorControl, THIRD_ORIGIN, WIDGET_ORIGIN, until } from './helpers/simulator.js';

/** The element gives up on a handler after 400 ms, well before the widget's own 15 s / 30 s. */
const RESPONSE_TIMEOUT = 400;

describe('hardening', () => {
  let widget: SimulatorControl;
  let el: RcCallLoggerElement;
  beforeEach(async () => {
    widget = new SimulatorControl();
    el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        response-timeout=${RESPONSE_TIMEOUT}
      ></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
  });
  afterEach(() => widget.stop());

  it('spoofed requests from sibling frames, frames nested in the widget and the page itself: no event, no reply', async () => {
    const result = await spoof(widget, el, [WIDGET_ORIGIN, THIRD_ORIGIN], { count: 1000 });
    expect(result).to.deep.equal({ attempts: 1000, delivered: 1000, events: 0, repliesToImpostors: 0 });
  });

  it('10,000 invalid messages from the widget itself: no event, no uncaught error, no pollution; it still works', async function () {
    this.timeout(300_000);
    const seed = 20261125;
    const result = await fuzz(widget, el, { count: 10_000, seed });
    expect(result, `replay with seed ${seed}`).to.deep.equal({
      seed,
      messages: 10_000,
      events: 0,
      uncaught: 0,
      polluted: false,
      roundTrip: true,
    });
  });

  it('1,000 concurrent requests with faulty handlers: exactly one reply each, all before the widget gives up', async function () {
    this.timeout(300_000);
    const stop = actOut(el, { lateBy: RESPONSE_TIMEOUT + 200 });
    try {
      const result = await injectFaults(widget, { count: 1000, seed: 7 });
      expect(result).to.deep.equal({
        seed: 7,
        faults: 1000,
        expected: 1000,
        received: 1000,
        duplicated: 0,
        missing: 0,
        late: 0,
        tokensPrinted: 0,
      });
    } finally {
      stop();
    }
  });

  it('every injected behaviour is answered once, in time', async () => {
    // One request per behaviour, so that a behaviour the random mix misses still counts.
    const stop = actOut(el, { lateBy: RESPONSE_TIMEOUT + 200 });
    try {
      const responses: Record<string, unknown> = {};
      await quietly(async () => {
        for (const behaviour of BEHAVIOURS) {
          const id = await widget.send('/callLogger', {
            call: { sessionId: `fault-${behaviour}-x` },
            triggerType: 'createLog',
          });
          const outcome = await widget.outcome(id);
          expect(outcome.timedOut, behaviour).to.equal(undefined);
          expect(widget.responsesTo(id), behaviour).to.have.length(1);
          responses[behaviour] = outcome.response;
        }
      });
      expect(responses.resolve).to.deep.equal({ data: { id: 'crm-1' } });
      expect(responses.reject)
        .to.have.nested.property('error.message')
        .that.matches(/injected rejection/);
      expect(responses.never).to.have.nested.property('error.message').that.matches(/time/i);
      expect(responses.late).to.have.nested.property('error.message').that.matches(/time/i);
    } finally {
      stop();
    }
  });

  it('secrets: with recording-with-token the listener gets the recording URL untouched; nothing printed and no status line carries the token', async () => {
    el.recordingWithToken = true;
    let seen = '';
    el.addEventListener('call-log', (event) => {
      seen = event.call.recording?.contentUri ?? '';
      event.respondWith(Promise.reject(new Error(`upload of ${seen} failed`)));
    });
    el.addEventListener('call-match', (event) => event.respondWith({}));
    const printed = await quietly(async () => {
      await widget.request(LOG, bodyWithToken('secret-1'));
      await until(
        () => widget.acceptedFor(MATCH).some((r) => JSON.stringify(r).includes('secret-1')),
        'the failed status line',
      );
    });
    expect(seen).to.include(`access_token=${TOKEN}`);
    expect(printed.join('\n')).to.include('access_token=[redacted]');
    expect(printed.join('\n')).not.to.include(TOKEN);
    expect(JSON.stringify(widget.acceptedFor(MATCH))).not.to.include(TOKEN);
  });

  it('50 widget reloads during traffic: a registration after every boot, no reply lost that could be given', async function () {
    this.timeout(300_000);
    el.addEventListener('call-log', (event) => event.respondWith('ok'));
    const result = await reloadUnderTraffic(widget, { count: 50 });
    expect(result).to.include({ reloads: 50, boots: 51, registrationsAfterBoot: 50, requests: 150, lost: 0 });
  });
});

describe('hardening: mount cycles', () => {
  it('50 mount/unmount cycles leave no listener, timer or frame behind, and one adapter script', async function () {
    this.timeout(300_000);
    const widget = new SimulatorControl();
    try {
      const make = () =>
        Object.assign(document.createElement('rc-call-logger'), { adapterSrc: ADAPTER_SRC, serviceName: 'acme' });
      const { before, after } = await mountCycles(make, ADAPTER_SRC, { count: 50 });
      expect(after).to.deep.equal({ ...before, adapterScripts: 1 });
    } finally {
      widget.stop();
    }
  });
});
