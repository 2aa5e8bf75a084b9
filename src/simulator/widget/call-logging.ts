// Log requests for a call: sent one at a time per call, each answer followed by a re-match.
import { describe } from './calls.js';
import { match } from './matcher.js';
import { render } from './render.js';
import { logQueues, logsRunning, matches, state, type Json, type SimulatedCall } from './state.js';
import { request, type Answer } from './wire.js';

/** A new call: match it, then auto-log it if auto log is on. */
export async function callAppeared(call: SimulatedCall): Promise<void> {
  await match([call.sessionId]);
  if (state.autoLog && state.loggedIn) void logCall(call, 'presenceUpdate', { fromEntity: null, toEntity: null });
}

/** Updates go out when auto log is on, or the call has matcher entries, or a log request for it is running. */
export function autoUpdate(call: SimulatedCall, triggerType: 'presenceUpdate' | 'callLogSync'): void {
  const id = call.sessionId;
  if (state.autoLog || matches.get(id)?.entries.length || logsRunning.get(id)) void logCall(call, triggerType);
}

/** Sends a log request once the earlier ones for this call are answered; re-matches the call after an answer. */
export function logCall(call: SimulatedCall, triggerType: string, extra: Json = {}): Promise<Answer> {
  const path = state.service?.callLoggerPath;
  if (typeof path !== 'string' || !state.loggedIn) return Promise.resolve({ answered: false }); // paths are lost on reload
  const id = call.sessionId;
  logsRunning.set(id, (logsRunning.get(id) ?? 0) + 1);
  render();
  const body = { call: describe(call), triggerType, ...extra }; // as the call was when the request was made
  const run = (logQueues.get(id) ?? Promise.resolve()).then(async () => {
    const answer = await request(path, body);
    if (answer.answered) void match([id], { bypassCache: true });
    return answer;
  });
  const settled = run.finally(() => {
    logsRunning.set(id, logsRunning.get(id)! - 1);
    render();
  });
  logQueues.set(
    id,
    settled.catch(() => undefined),
  );
  return settled;
}
