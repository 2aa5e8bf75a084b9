// The widget's page: login status, the registered service and its auto log toggle, the alert, the call list with
// each call's buttons, and the log page panel.
import { advance } from './call-lifecycle.js';
import { logCall } from './call-logging.js';
import { isLogged, statusOf } from './calls.js';
import { h, view } from './dom.js';
import { clickLog } from './log-page.js';
import { renderLogPage } from './log-page-view.js';
import { SELF, calls, logsRunning, state, type Phase, type SimulatedCall } from './state.js';

const PHASE_TEXT: Record<Phase, string> = { Ringing: 'Ringing…', CallConnected: 'On call', Ended: 'Ended' };

export function draw(): void {
  if (!document.getElementById('calls')) return;
  const { booted, loggedIn, service, autoLog, alert } = state;
  const ready = booted && loggedIn;
  view('status').textContent = !booted
    ? 'Starting…'
    : loggedIn
      ? `Logged in as ${SELF.phoneNumber}*${SELF.extensionNumber}`
      : 'Logged out';
  view('login').textContent = loggedIn ? 'Log out' : 'Log in';
  view('service').textContent = service?.callLoggerPath
    ? `Call logging: ${String(service.displayName ?? service.name)}`
    : 'No call logger registered yet';
  const toggle = view('auto-log') as HTMLInputElement;
  toggle.checked = Boolean(autoLog);
  toggle.disabled = autoLog === null || Boolean(service?.callLoggerAutoSettingReadOnly);
  toggle.title = String(service?.callLoggerAutoSettingReadOnlyReason ?? '');
  view('auto-log-label').textContent = String(service?.callLoggerAutoSettingLabel || 'Auto log calls');
  view('auto-log-row').hidden = Boolean(service?.callLoggerAutoLogSettingHidden) || autoLog === null;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-new-call]')) button.disabled = !ready;
  view('alert').replaceChildren(
    ...(alert ? [h('div', { className: `alert ${alert.level}`, textContent: alert.message })] : []),
  );
  view('calls').replaceChildren(
    ...(calls.length ? calls.map(renderCall) : [h('li', { className: 'empty', textContent: 'No calls yet.' })]),
  );
  renderLogPage();
}

/** Which log buttons a call shows: Log / Edit log (hidden, disabled or enabled) and View log. */
export function buttonsFor(call: SimulatedCall): { log: 'hidden' | 'disabled' | 'enabled'; view: boolean } {
  const { service, loggedIn } = state;
  const id = call.sessionId;
  const logged = isLogged(id);
  if (!service?.callLoggerPath || !loggedIn) return { log: 'hidden', view: false };
  const busy = (logsRunning.get(id) ?? 0) > 0 || statusOf(id)?.status === 'pending';
  const log = logged && service.callLoggerHideEditLogButton ? 'hidden' : busy ? 'disabled' : 'enabled';
  return { log, view: logged };
}

function renderCall(call: SimulatedCall): HTMLElement {
  const id = call.sessionId;
  const logged = isLogged(id);
  const status = statusOf(id);
  const logging = (logsRunning.get(id) ?? 0) > 0;
  const buttons = buttonsFor(call);
  const missed = call.phase === 'Ended' && !call.connectedAt;
  const phase = missed ? 'Missed' : PHASE_TEXT[call.phase];
  const logButton =
    buttons.log !== 'hidden' &&
    h('button', {
      className: 'log',
      textContent: logged ? 'Edit log' : String(state.service?.callLoggerTitle || 'Log call'),
      disabled: buttons.log === 'disabled',
      onclick: () => clickLog(call),
    });
  const viewButton =
    buttons.view &&
    h('button', {
      className: 'view',
      textContent: 'View log',
      onclick: () => void logCall(call, 'viewLog', { redirect: true }),
    });
  const controls =
    call.phase === 'Ringing'
      ? [
          h('button', { textContent: 'Answer', onclick: () => advance(call, 'answer') }),
          h('button', { textContent: 'Decline', onclick: () => advance(call, 'hangup') }),
        ]
      : call.phase === 'CallConnected'
        ? [h('button', { textContent: 'Hang up', onclick: () => advance(call, 'hangup') })]
        : [];
  return h(
    'li',
    { className: `call ${call.phase}${logged ? ' logged' : ''}`, id: `call-${id}` },
    h('span', { className: 'dir', textContent: call.direction === 'Inbound' ? '↙' : '↗', title: call.direction }),
    h(
      'span',
      { className: 'who' },
      h('strong', { textContent: call.contact.name || call.contact.phoneNumber || id }),
      h('small', { textContent: ` ${call.contact.phoneNumber}` }),
    ),
    h('span', {
      className: 'phase',
      textContent: `${phase}${call.record ? ` · ${String(call.record.duration)} s` : ''}${call.recording ? ' · ● recording' : ''}`,
    }),
    h('span', { className: 'badge', textContent: logging ? 'logging…' : logged ? 'Logged' : 'Unlogged' }),
    status
      ? h('div', { className: `status ${status.status}`, textContent: status.message ?? status.status ?? '' })
      : null,
    h('span', { className: 'actions' }, ...controls, logButton, viewButton),
  );
}
