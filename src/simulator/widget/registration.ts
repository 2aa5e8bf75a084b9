// Registration and the call logger: the registered service, login, and the auto log setting, with the
// messages that tell the page about them.
import { match } from './matcher.js';
import { render } from './render.js';
import { SELF, calls, params, state, type Json } from './state.js';
import { post, report } from './wire.js';

/** Overwritten only when the new registration has a truthy value; everything else is replaced or reset. */
const KEPT_UNLESS_GIVEN = [
  'callLoggerPath',
  'callLogEntityMatcherPath',
  'callLogPageInputChangedEventPath',
  'callLoggerTitle',
  'callLoggerAutoSettingLabel',
  'callLoggerAutoSettingDescription',
];

export function register(given: Json): void {
  const first = state.service === null;
  const kept: Json = {};
  for (const key of KEPT_UNLESS_GIVEN) if (state.service?.[key] && !given[key]) kept[key] = state.service[key];
  if (given.callLoggerPath) state.recordingWithToken = Boolean(given.recordingWithToken);
  state.service = { ...given, ...kept };
  report('registered', { service: given });
  callLoggerMaybeReady();
  // The first registration runs a normal match; later ones re-match up to 30 known calls, cache bypassed.
  const known = calls.map((call) => call.sessionId);
  void (first ? match(known) : match(known.slice(0, 30), { bypassCache: true }));
  render();
}

function callLoggerMaybeReady(): void {
  if (state.autoLog !== null || !state.loggedIn || !state.service?.callLoggerPath) return;
  const forced =
    state.service.callLoggerAutoSettingReadOnly &&
    typeof state.service.callLoggerAutoSettingReadOnlyValue === 'boolean';
  // The user's own choice, stored by the real widget, wins over `defaultAutoLogCallEnabled`.
  const chosen = params.get('autoLogChoice');
  state.autoLog = forced
    ? (state.service.callLoggerAutoSettingReadOnlyValue as boolean)
    : chosen !== null
      ? chosen === 'true'
      : params.has('defaultAutoLogCallEnabled');
  post({ type: 'rc-callLogger-auto-log-notify', autoLog: state.autoLog });
}

export function setAutoLog(value: boolean): void {
  if (state.autoLog === null || state.autoLog === value) return;
  state.autoLog = value;
  remember('autoLogChoice', String(value));
  post({ type: 'rc-callLogger-auto-log-notify', autoLog: state.autoLog });
  render();
}

/** Keeps a setting across reloads of this frame, as the real widget keeps it in its storage. */
function remember(key: string, value: string): void {
  params.set(key, value);
  const url = new URL(location.href);
  url.searchParams.set(key, value);
  history.replaceState(null, '', url);
}

export function setLoggedIn(value: boolean): void {
  state.loggedIn = value;
  remember('loggedIn', String(value));
  if (!value) state.autoLog = null;
  post(loginStatus());
  callLoggerMaybeReady();
  render();
}

export const adapterState = () => ({
  type: 'rc-adapter-pushAdapterState',
  size: { width: 300, height: 500 },
  minimized: false,
  closed: false,
  position: { translateX: 0, translateY: 0, minTranslateX: 0, minTranslateY: 0 },
  telephonyStatus: state.loggedIn ? 'NoCall' : null,
  userStatus: state.loggedIn ? 'Available' : null,
  dndStatus: state.loggedIn ? 'TakeAllCalls' : null,
});

export const loginStatus = () => ({
  type: 'rc-login-status-notify',
  loggedIn: state.loggedIn,
  loginNumber: state.loggedIn ? `${SELF.phoneNumber}*${SELF.extensionNumber}` : null,
  contractedCountryCode: 'US',
  admin: false,
  features: { sms: true, meeting: true, glip: false, smartNote: false, call: true, ringSenseInsights: false },
  isFreshLogin: false,
});

/** The widget starts: from now on it hears registrations, and it says so. */
export function boot(): void {
  if (state.booted) return;
  state.booted = true;
  post(adapterState());
  // Like the real widget after every load: a bare "logged out" before it knows, then the real status (the real
  // widget's comes about 0.3 s later; each is a message of its own either way).
  post({ type: 'rc-login-status-notify', loggedIn: false });
  post(loginStatus());
  report('booted', { origin: location.origin });
  render();
}
