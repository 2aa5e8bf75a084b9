// The log page: opening it for a call, its field changes, and saving it.
import { logCall } from './call-logging.js';
import { describe, entriesOf, find, isLogged } from './calls.js';
import { match } from './matcher.js';
import { render } from './render.js';
import { state, type SimulatedCall } from './state.js';
import { post, request } from './wire.js';

export function clickLog(call: SimulatedCall): void {
  if (state.service?.showLogModal) return navigate(`/log/call/${call.sessionId}`);
  void logCall(call, isLogged(call.sessionId) ? 'editLog' : 'createLog', {
    fromEntity: null,
    toEntity: null,
    redirect: true,
  });
}

export function navigate(path: string): void {
  const sessionId = /^\/log\/call\/(.+)$/.exec(path)?.[1];
  const call = find(sessionId);
  if (call) {
    const entry = entriesOf(call.sessionId).find((e) => e?.type !== 'status') as { note?: string } | undefined;
    state.openLog = {
      sessionId: call.sessionId,
      formData: { ...(state.logPage?.formData ?? {}), ...(entry?.note ? { note: entry.note } : {}) },
    };
    void match([call.sessionId], { bypassCache: true });
  } else state.openLog = null;
  post({ type: 'rc-route-changed-notify', path: call ? path : '/history' });
  render();
}

export async function saveLog(): Promise<void> {
  const call = state.openLog && find(state.openLog.sessionId);
  if (!call || !state.openLog) return;
  const formData = { ...state.openLog.formData };
  await logCall(call, 'logForm', { note: String(formData.note ?? ''), formData, redirect: true });
  state.openLog = null; // closes after the reply or the timeout alike
  post({ type: 'rc-route-changed-notify', path: '/history' });
  render();
}

export function changeField(key: string, value: unknown): void {
  const call = state.openLog && find(state.openLog.sessionId);
  if (!call || !state.openLog) return;
  state.openLog.formData[key] = value;
  const path = state.service?.callLogPageInputChangedEventPath;
  if (typeof path === 'string')
    void request(path, { call: describe(call), formData: state.openLog.formData, keys: [key], page: state.logPage });
}
