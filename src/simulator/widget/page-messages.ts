// Messages from the page: registration, replies to the widget's requests, triggers, settings, the log page, and
// the page's own requests to the widget.
import type { LogPage } from '../../call-model.js';
import { describe, find, isLogged } from './calls.js';
import { navigate } from './log-page.js';
import { match } from './matcher.js';
import { register, setAutoLog } from './registration.js';
import { render } from './render.js';
import { calls, knownFromRequests, state, type Json } from './state.js';
import { post, receiveResponse, report } from './wire.js';
import { uuid } from '../uuid.js';

/** `/unlogged-calls`: history records that ended over 20 s ago and have no entry but `status` ones. */
async function unloggedCalls({ perPage = 100, page = 1 }: { perPage?: number; page?: number } = {}) {
  const history = calls.filter((call) => call.record);
  await match(history.map((call) => call.sessionId));
  const unlogged = history.filter((call) => !isLogged(call.sessionId) && Date.now() - (call.endTime ?? 0) > 20_000);
  const start = (page - 1) * perPage;
  return { calls: unlogged.slice(start, start + perPage).map(describe), hasMore: unlogged.length > start + perPage };
}

export const handlers: Record<string, (data: Json) => void | Promise<void>> = {
  'rc-adapter-register-third-party-service': (data) => {
    const given = data.service as Json | undefined;
    if (given && typeof given === 'object' && given.name) register({ ...given });
  },
  'rc-post-message-response': ({ responseId, response }) => receiveResponse(responseId, response),
  'rc-adapter-trigger-call-logger-match': ({ sessionIds }) => {
    // IDs the widget does not know are silently ignored.
    if (!Array.isArray(sessionIds)) return;
    const known = sessionIds.filter(
      (id): id is string => typeof id === 'string' && (find(id) !== undefined || knownFromRequests.has(id)),
    );
    void match(known, { bypassCache: true });
  },
  'rc-adapter-update-auto-log-settings': ({ call }) => {
    if (typeof call === 'boolean') setAutoLog(call); // ignored until the call logger is ready
  },
  'rc-adapter-update-call-log-page': ({ page }) => {
    if (page && typeof page === 'object') state.logPage = page as LogPage;
    render();
  },
  'rc-adapter-navigate-to': ({ path }) => {
    if (typeof path === 'string') navigate(path);
  },
  'rc-adapter-message-request': async ({ requestId, path, body }) => {
    const args = (body && typeof body === 'object' ? body : {}) as Json;
    let response: unknown = { data: 'no matched path' };
    if (path === '/unlogged-calls') response = await unloggedCalls(args);
    else if (path === '/get-call-log') {
      const call = calls.find(
        (c) => c.sessionId === args.sessionId || c.telephonySessionId === args.telephonySessionId,
      );
      response = { call: call ? describe(call) : null };
    } else if (path === '/custom-alert-message') {
      state.alert = {
        id: uuid(),
        message: String(args.message ?? ''),
        level: String(args.level ?? 'info'),
      };
      response = state.alert.id;
      render();
    } else if (path === '/dismiss-alert-message') {
      state.alert = null;
      response = 'ok';
      render();
    }
    post({ type: 'rc-adapter-message-response', responseId: requestId, response });
    report('replied', { requestId }); // after the reply: the page has it once it reads this
  },
};
