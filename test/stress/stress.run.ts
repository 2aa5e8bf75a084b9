/**
 * `npm run stress`: the hardening harness at larger sizes and several seeds. Each figure goes to the runner as a
 * row of the table that web-test-runner.stress.config.mjs prints; every bad-outcome column must be 0.
 */
import { fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RcCallLoggerElement } from '../../src/index.js';
import { actOut, fuzz, injectFaults, mountCycles, reloadUnderTraffic, spoof } from '../helpers/hardening.js';
import { ADAPTER_SRC, SimulatorControl, THIRD_ORIGIN, WIDGET_ORIGIN } from '../helpers/simulator.js';

const SEEDS = [1, 20261125, 4242];
const row = (name: string, figures: Record<string, unknown>) =>
  executeServerCommand('stress-row', { name, ...figures });

describe('stress', () => {
  let widget: SimulatorControl;
  let el: RcCallLoggerElement;
  beforeEach(async () => {
    widget = new SimulatorControl();
    el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="acme" response-timeout="400"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
  });
  afterEach(() => widget.stop());

  for (const seed of SEEDS) {
    it(`fuzz, seed ${seed}`, async () => {
      const r = await fuzz(widget, el, { count: 30_000, seed });
      await row(`fuzz (seed ${seed})`, {
        fuzzed: r.messages,
        events: r.events,
        uncaught: r.uncaught,
        polluted: Number(r.polluted),
        broken: Number(!r.roundTrip),
      });
    });
  }

  it('spoofing', async () => {
    const r = await spoof(widget, el, [WIDGET_ORIGIN, THIRD_ORIGIN], { count: 10_000 });
    await row('spoofing (5 windows)', {
      spoofs: r.attempts,
      undelivered: r.attempts - r.delivered,
      events: r.events,
      leaked: r.repliesToImpostors,
    });
  });

  for (const seed of SEEDS.slice(0, 2)) {
    it(`faults, seed ${seed}`, async () => {
      const stop = actOut(el, { lateBy: 600 });
      try {
        const r = await injectFaults(widget, { count: 3000, seed });
        await row(`faults (seed ${seed})`, {
          faults: r.faults,
          expected: r.expected,
          received: r.received,
          duplicated: r.duplicated,
          missing: r.missing,
          late: r.late,
          tokens: r.tokensPrinted,
        });
      } finally {
        stop();
      }
    });
  }

  it('widget reloads under traffic', async () => {
    el.addEventListener('call-log', (event) => event.respondWith('ok'));
    const r = await reloadUnderTraffic(widget, { count: 100 });
    await row('reloads under traffic', {
      reloads: r.reloads,
      expected: r.requests,
      received: r.requests - r.lost,
      missing: r.lost,
    });
  });
});

describe('stress: mount cycles', () => {
  it('500 mount/unmount cycles', async function () {
    // 50 of them wait out the hand-over grace (3 s), and a widget removed before it booted waits up to 1 s for the
    // round trip that ends its dispose grace: about 10 minutes in all.
    this.timeout(1_500_000);
    const make = () =>
      Object.assign(document.createElement('rc-call-logger'), { adapterSrc: ADAPTER_SRC, serviceName: 'acme' });
    const { cycles, before, after } = await mountCycles(make, ADAPTER_SRC, { count: 500 });
    await row('mount/unmount cycles', {
      cycles,
      listeners: after.listeners - before.listeners,
      timers: after.timers - before.timers,
      frames: after.frames - before.frames,
      scripts: after.adapterScripts,
    });
  });
});
