// The simulator's widget page (app.html): a stand-in for RingCentral Embeddable that speaks the call-logging
// protocol of docs/widget-protocol.md, with simulated calls instead of a RingCentral account.
// - Boots `bootDelay` after its frame's load (`manual`: on the `boot` command), then sends
//   `rc-adapter-pushAdapterState`, a bare `rc-login-status-notify` `{loggedIn: false}`, then the real login status.
//   Registrations posted earlier are lost; paths live in memory only.
// - Calls go Ringing → CallConnected → ended → `callLogSync` record → a later `callLogSync` with a recording.
//   The web phone announces each call as it rings (or is dialled), connects and ends: `rc-call-*-notify`.
// - Log requests for one call are sent one at a time; the matcher runs when calls appear, after every answered log
//   request, on triggers and on registration. Its own timeouts: 15 s log, 30 s match, 3 s otherwise.
// - Like the real widget it posts everything to its parent with '*' and checks no origin on what it receives.
// For automation it reports what it receives and how each request ended to its parent's exact origin, as
// `rc-simulator:*` messages, and obeys `rc-simulator:*` commands from its parent (see control.ts).
// This entry point listens, boots and wires up the page; the widget itself lives in widget/.
import { simulateCall } from './widget/call-lifecycle.js';
import { commands } from './widget/commands.js';
import { view } from './widget/dom.js';
import { inspect, renderInspector } from './widget/inspector.js';
import { handlers } from './widget/page-messages.js';
import { draw } from './widget/page-view.js';
import { boot, setAutoLog, setLoggedIn } from './widget/registration.js';
import { render, setDrawer } from './widget/render.js';
import { bootDelay, params, state, type Direction, type Json } from './widget/state.js';
import { report } from './widget/wire.js';

setDrawer(draw);

window.addEventListener('message', (event: MessageEvent) => {
  try {
    onMessage(event);
  } catch (error) {
    console.error('rc-call-logger simulator: could not handle a message', error);
  }
});

function onMessage(event: MessageEvent): void {
  const data = event.data as Json | null;
  const type = typeof data?.type === 'string' ? data.type : '';
  if (type.startsWith('rc-simulator:')) {
    const command = type.slice('rc-simulator:'.length);
    if (event.source === parent && Object.hasOwn(commands, command)) void commands[command](data!);
    return;
  }
  inspect('in', data);
  report('received', { origin: event.origin, data, booted: state.booted });
  if (state.booted && Object.hasOwn(handlers, type)) void handlers[type](data!);
}

// Like the real widget, it speaks only after its frame has loaded: the page then knows that a load it sees belongs
// to the page that speaks after it. `bootDelay=manual`: silent until the `boot` command, as a widget that cannot
// start (its storage blocked).
const bootAfterDelay = () => setTimeout(boot, bootDelay);
if (params.get('bootDelay') !== 'manual') {
  if (document.readyState === 'complete') bootAfterDelay();
  else window.addEventListener('load', bootAfterDelay, { once: true });
}

function wireUp(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-new-call]')) {
    const [direction, kind] = button.dataset.newCall!.split(' ');
    button.onclick = () =>
      simulateCall({ direction: direction as Direction, missed: kind === 'missed', past: kind === 'past' });
  }
  view('login').onclick = () => setLoggedIn(!state.loggedIn);
  (view('auto-log') as HTMLInputElement).onchange = (event) => setAutoLog((event.target as HTMLInputElement).checked);
  render();
  renderInspector();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireUp, { once: true });
else wireUp();
