/**
 * `log-url` and `match-url`: the element answers the widget from your server when no listener called
 * `respondWith()`. A log is `PUT {log-url}/{sessionId}` (an upsert), a match is `POST {match-url}` with the session IDs.
 * The contract is in docs/endpoints.md.
 */
import { fromDocument } from './dom.js';
import { messageOf } from './errors.js';

/** The settings the endpoints read. */
export interface EndpointSettings {
  logUrl?: string;
  matchUrl?: string;
  endpointCredentials: RequestCredentials;
}

/** A failure that sending again cannot fix (`retry: false`): the outbox drops it instead of retrying. */
export type Failure = Error & { retry?: boolean };

const failure = (message: string, retry: boolean): Failure => Object.assign(new Error(message), { retry });

/** The fetch credentials mode: `include` and `omit` as set; anything else is the default, `same-origin`. */
const credentialsOf = ({ endpointCredentials }: EndpointSettings): RequestCredentials =>
  endpointCredentials === 'include' || endpointCredentials === 'omit' ? endpointCredentials : 'same-origin';

/**
 * The endpoint's URL, resolved against the page, or why it cannot be used (the element reports that as an
 * `invalid-config` error: the error class lives in the main file). With the default `same-origin` credentials it must
 * be on the page's origin: call data and the CSRF token go to another origin only when the page chose a credentials
 * mode for it. Throws a TypeError for a value that is no URL at all.
 */
export function endpointUrl(setting: 'log-url' | 'match-url', settings: EndpointSettings): URL | string {
  const url = (setting === 'log-url' ? settings.logUrl : settings.matchUrl) ?? '';
  const target = new URL(url, fromDocument('baseURI'));
  if (!/^https?:$/.test(target.protocol)) return `${setting} must be an http(s) URL, not "${url}"`;
  if (target.origin !== location.origin && credentialsOf(settings) === 'same-origin')
    return `${setting} is on another origin (${target.origin}); set endpoint-credentials to "include" or "omit" to send to it`;
  return target;
}

/** The endpoint's URL; rejects the request when it cannot be used. */
function usableUrl(setting: 'log-url' | 'match-url', settings: EndpointSettings): URL {
  const url = endpointUrl(setting, settings);
  if (typeof url === 'string') throw new Error(`rc-call-logger: ${url}`);
  return url;
}

/** `PUT {log-url}/{sessionId}` with the call-log body; resolves with the server's JSON answer, if any. */
export async function putLog(settings: EndpointSettings, body: { call: { sessionId: string } }, signal: AbortSignal) {
  const base = usableUrl('log-url', settings);
  const url = new URL(`${base.pathname.replace(/\/?$/, '/')}${encodeURIComponent(body.call.sessionId)}`, base);
  url.search = base.search;
  return send('log-url', url, 'PUT', body, settings, signal);
}

/** `POST {match-url}` with `{sessionIds, activeSessionIds}`; resolves with the server's map. */
export const postMatch = async (settings: EndpointSettings, body: unknown, signal: AbortSignal) =>
  send('match-url', usableUrl('match-url', settings), 'POST', body, settings, signal);

async function send(
  setting: string,
  url: URL,
  method: string,
  body: unknown,
  settings: EndpointSettings,
  signal: AbortSignal,
): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  // Rails, Laravel and others put their CSRF token in this meta tag and accept it in this header. Never sent away.
  const csrf = fromDocument('querySelector').call(document, 'meta[name="csrf-token"]')?.getAttribute('content');
  if (csrf && url.origin === location.origin) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: JSON.stringify(body),
      credentials: credentialsOf(settings),
      cache: 'no-store',
      // A redirect would take the body and the CSRF token to wherever it points.
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw failure(`${setting} unreachable (${messageOf(error)})`, true);
  }
  if (response.type === 'opaqueredirect')
    throw failure(`${setting} redirected; point it at the endpoint itself`, false);
  if (!response.ok) {
    const { status } = response;
    // A client error stays one when sent again; an expired login, a timeout, a rate limit or a server error may not.
    throw failure(`${setting} answered ${status}`, status < 400 || status > 499 || [401, 408, 429].includes(status));
  }
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    // Any 2xx means logged; a match answer must be the map.
    if (method === 'PUT') return undefined;
    throw failure(`${setting} answered with something that is not JSON`, false);
  }
}
