// Commands from the page's automation (control.ts), and the snapshot of what the simulator shows.
import type { CallRecording } from '../../call-model.js';
import { advance, simulateCall } from './call-lifecycle.js';
import { logCall } from './call-logging.js';
import { find, isLogged, statusOf } from './calls.js';
import { h } from './dom.js';
import { changeField, clickLog, saveLog } from './log-page.js';
import { match } from './matcher.js';
import { buttonsFor } from './page-view.js';
import { boot, setAutoLog, setLoggedIn } from './registration.js';
import { render } from './render.js';
import { calls, knownFromRequests, logsRunning, state, type Json } from './state.js';
import { post, report, request } from './wire.js';

export const commands: Record<string, (data: Json) => unknown> = {
  /** Sends a raw request now, outside the per-call queue. */
  request: ({ path, body, timeout, tag }) => {
    const sessionId = (body as { call?: { sessionId?: unknown } } | null)?.call?.sessionId;
    if (typeof sessionId === 'string') knownFromRequests.add(sessionId);
    return request(path as string, body, { timeout: timeout as number | undefined, tag }).then(({ answered }) => {
      if (answered && typeof sessionId === 'string' && path === state.service?.callLoggerPath)
        void match([sessionId], { bypassCache: true });
    });
  },
  send: ({ message }) => post(message as Json),
  login: ({ loggedIn: value = true }) => setLoggedIn(Boolean(value)),
  /** Replaces the call history with these call-log records. */
  history: ({ calls: records }) => {
    calls.length = 0;
    for (const { recording, ...record } of records as Json[]) {
      const startTime = Number(record.startTime) || Date.now() - 3_600_000;
      calls.push({
        sessionId: String(record.sessionId),
        telephonySessionId: String(record.telephonySessionId ?? ''),
        partyId: String(record.partyId ?? ''),
        direction: record.direction === 'Outbound' ? 'Outbound' : 'Inbound',
        contact: { phoneNumber: '', name: '' },
        startTime,
        connectedAt: startTime,
        endTime: startTime + (Number(record.duration) || 0) * 1000,
        phase: 'Ended',
        record,
        recording: recording as CallRecording | undefined,
      });
    }
    void match(calls.map((call) => call.sessionId));
    render();
  },
  call: ({ tag, ...options }) => report('call', { tag, sessionId: simulateCall(options).sessionId }),
  advance: ({ sessionId, step }) => {
    const call = find(sessionId);
    if (call) advance(call, step as 'answer' | 'hangup' | 'sync' | 'record');
  },
  /** Clicks a button only where the UI shows it enabled. */
  click: ({ sessionId, button }) => {
    const call = find(sessionId);
    if (!call) return;
    const buttons = buttonsFor(call);
    if (button === 'log' && buttons.log === 'enabled') clickLog(call);
    if (button === 'view' && buttons.view) void logCall(call, 'viewLog', { redirect: true });
  },
  autoLog: ({ value }) => {
    if (!state.service?.callLoggerAutoSettingReadOnly && !state.service?.callLoggerAutoLogSettingHidden)
      setAutoLog(Boolean(value));
  },
  /** Fills the open log page field by field (each change is reported like a user's), then saves it if asked. */
  logPage: ({ formData, save }) => {
    for (const [key, value] of Object.entries((formData ?? {}) as Json)) changeField(key, value);
    if (save) void saveLog();
  },
  state: ({ tag }) => report('state', { tag, state: snapshot() }),
  /** A marker: answered after everything the page posted before it, and after everything the widget posted. */
  ping: ({ tag }) => report('pong', { tag }),
  /** Puts a frame inside the widget page: for tests that a nested frame cannot pass for the widget. */
  nest: ({ url }) => {
    const next = new URL(String(url), location.href);
    if (next.protocol === 'http:' || next.protocol === 'https:')
      document.body.append(h('iframe', { src: next.href, hidden: true }));
  },
  reload: () => location.reload(),
  /** Boots a widget loaded with `bootDelay=manual` (nothing if it booted already). */
  boot: () => boot(),
  navigate: ({ url }) => {
    const next = new URL(String(url), location.href);
    if (next.protocol === 'http:' || next.protocol === 'https:') location.assign(next.href);
  },
};

/** What the simulator shows, as data: for tests that wait for a call to turn "logged". */
function snapshot() {
  return {
    loggedIn: state.loggedIn,
    autoLog: state.autoLog,
    registered: Boolean(state.service?.callLoggerPath),
    logPageOpenFor: state.openLog?.sessionId ?? null,
    calls: calls.map((call) => ({
      sessionId: call.sessionId,
      direction: call.direction,
      phase: call.phase,
      synced: Boolean(call.record),
      recording: Boolean(call.recording),
      logged: isLogged(call.sessionId),
      status: statusOf(call.sessionId) ?? null,
      logging: (logsRunning.get(call.sessionId) ?? 0) > 0,
    })),
  };
}
