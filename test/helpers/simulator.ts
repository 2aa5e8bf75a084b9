/**
 * Test set-up around the widget simulator (src/simulator/), which runs on another origin than the test page.
 * `SimulatorControl` records what the widget frame reports it *received*, so tests assert on the wire, not on our
 * internals.
 */

import type { CallLogRequestBody, RcCallLoggerElement, TriggerType } from '../../src/index.js';
import { SIMULATOR_FRAME_ID } from '../../src/simulator/control.js';

export { SimulatorControl } from '../../src/simulator/control.js';

const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
/** Origin of the simulated adapter and widget: same server, other host name, so another origin. */
export const WIDGET_ORIGIN = `${location.protocol}//${otherHost}:${location.port}`;
/** A third origin, for a widget hosted apart from its adapter and for frames that are not the widget. */
export const THIRD_ORIGIN = `${location.protocol}//127.0.0.2:${location.port}`;
/** The simulator, booting fast. */
export const ADAPTER_SRC = `${WIDGET_ORIGIN}/src/simulator/adapter.js?bootDelay=20`;
/** The same, logged out at first: for tests of what waits for a login. */
export const LOGGED_OUT_ADAPTER_SRC = `${ADAPTER_SRC}&loggedIn=false`;

// Every test starts without a widget. Otherwise the widget a test's element leaves behind would be handed over,
// alive, to the next test's element (the hand-over grace), and that test's SimulatorControl follows only widgets it
// sees boot. A root hook: it runs after each file's own clean-up. (Pages in test/frames/ import these helpers
// outside mocha.)
if (typeof afterEach === 'function') {
  afterEach(() => (document.createElement('rc-call-logger') as Partial<RcCallLoggerElement>).disposeWidget?.());
}

export const frame = () => document.getElementById(SIMULATOR_FRAME_ID) as HTMLIFrameElement | null;

type Maybe<T> = T | null | undefined | false;

/**
 * Polls `probe` (sync or async) until it gives something other than null, undefined or false. The bound is
 * generous: load makes a test slower, not red; and it ends as soon as the condition holds.
 */
export async function until<T>(probe: () => Maybe<T> | Promise<Maybe<T>>, what: string, timeout = 30_000): Promise<T> {
  const end = performance.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value != null && value !== false) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Resolves after every 0 ms timer set before it has run: timers with the same delay run in the order they were set.
 * A marker for the element's own zero-delay timers (the move grace), not a wait for time to pass.
 */
export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export const callBody = (sessionId = 'session-1', triggerType: TriggerType = 'createLog'): CallLogRequestBody => ({
  triggerType,
  call: {
    sessionId,
    telephonySessionId: `t-${sessionId}`,
    direction: 'Inbound',
    from: { phoneNumber: '+16505550111', name: 'Ada' },
    to: { phoneNumber: '+16505550100', extensionNumber: '101' },
    startTime: 1764000000000,
    duration: 42,
    result: 'Call connected',
  },
  fromEntity: null,
  toEntity: null,
  redirect: true,
});
