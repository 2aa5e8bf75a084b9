// A stand-in for the RingCentral Embeddable widget (app.html), speaking the wire protocol of ../shared/protocol.md:
// - boots after a short delay, then sends `rc-adapter-pushAdapterState` and `rc-login-status-notify`;
//   registrations posted before it booted are lost, and paths live in memory only, as in the real widget;
// - sends `rc-post-message-request` with a uuid `requestId` and its own timeouts (15 s log, 30 s match, 3 s other);
//   the first `rc-post-message-response` with that id wins, late and duplicate ones are ignored;
// - re-matches a call after each answered log request, and on `rc-adapter-trigger-call-logger-match` (known
//   sessions only); once logged in with a logger registered, reports `rc-callLogger-auto-log-notify` and obeys
//   `rc-adapter-update-auto-log-settings`; answers `rc-adapter-message-request` for `/unlogged-calls` after a
//   matcher pass, leaving out calls with an entry whose type is not 'status'.
// For tests it reports to its parent, as `fake-widget:*` messages, everything it receives and how each request
// ended, and it obeys `fake-widget:*` commands. The real widget checks no origins; neither does this one.
(() => {
  const params = new URLSearchParams(location.search);
  const bootDelay = Number(params.get('bootDelay') ?? 20);
  const show = (line) => document.getElementById('log')?.prepend(Object.assign(document.createElement('li'), { textContent: line }));
  const report = (type, detail) => {
    show(`${type}${detail.data?.type ? ` ${detail.data.type}` : ''}${detail.path ? ` ${detail.path}` : ''}`);
    parent.postMessage({ type: `fake-widget:${type}`, ...detail }, '*');
  };
  const send = (message) => parent.postMessage(message, '*');

  let booted = false;
  // The real widget keeps its login in storage across reloads; this one keeps it in its own URL.
  let loggedIn = params.get('fakeLoggedIn') === 'true';
  let service = null;
  let autoLog = null; // null until the call logger is ready
  let callHistory = []; // calls the widget knows from its call history
  const known = new Set();
  const matches = new Map(); // sessionId -> entries, from the page's matcher answers
  const pending = new Map(); // requestId -> { timer, path, done }

  const timeoutFor = (path) => {
    if (service && path === service.callLoggerPath) return 15000;
    if (service && path === service.callLogEntityMatcherPath) return 30000;
    return 3000;
  };

  /** Sends a request; resolves with the accepted response, or undefined on the widget's own timeout. */
  function request(path, body, { timeout = timeoutFor(path), tag } = {}) {
    const requestId = crypto.randomUUID();
    return new Promise((done) => {
      const timer = setTimeout(() => {
        pending.delete(requestId);
        report('timeout', { requestId, path });
        done(undefined);
      }, timeout);
      pending.set(requestId, { timer, path, done });
      report('sent', { requestId, path, tag });
      send({ type: 'rc-post-message-request', requestId, path, body });
    });
  }

  async function match(sessionIds) {
    if (!service?.callLogEntityMatcherPath || !sessionIds.length) return;
    const response = await request(service.callLogEntityMatcherPath, { sessionIds, activeSessionIds: [] });
    const data = response && typeof response.data === 'object' && response.data ? response.data : {};
    for (const id of sessionIds) matches.set(id, Array.isArray(data[id]) ? data[id] : []);
  }

  async function logRequest(path, body, options) {
    if (body?.call?.sessionId) known.add(body.call.sessionId);
    const response = await request(path, body, options);
    // After an answered log request the real widget re-matches that call, bypassing its cache.
    if (response !== undefined && path === service?.callLoggerPath) void match([body.call.sessionId]);
  }

  const isLogged = (sessionId) => (matches.get(sessionId) ?? []).some((entry) => entry?.type !== 'status');

  async function unloggedCalls({ perPage = 20, page = 1 } = {}) {
    await match(callHistory.map((call) => call.sessionId));
    const unlogged = callHistory.filter((call) => !isLogged(call.sessionId));
    const start = (page - 1) * perPage;
    return { calls: unlogged.slice(start, start + perPage), hasMore: unlogged.length > start + perPage };
  }

  function callLoggerMaybeReady() {
    if (autoLog !== null || !loggedIn || !service?.callLoggerPath) return;
    const forced = service.callLoggerAutoSettingReadOnly && typeof service.callLoggerAutoSettingReadOnlyValue === 'boolean';
    autoLog = forced ? service.callLoggerAutoSettingReadOnlyValue : params.has('defaultAutoLogCallEnabled');
    send({ type: 'rc-callLogger-auto-log-notify', autoLog });
  }

  const adapterState = () => ({
    type: 'rc-adapter-pushAdapterState',
    size: { width: 300, height: 500 },
    minimized: false,
    closed: false,
    position: { translateX: 0, translateY: 0, minTranslateX: 0, minTranslateY: 0 },
    telephonyStatus: null,
    userStatus: null,
    dndStatus: null,
  });

  const loginStatus = () => ({
    type: 'rc-login-status-notify',
    loggedIn,
    loginNumber: loggedIn ? '+16505550100*101' : null,
    contractedCountryCode: 'US',
    admin: false,
    features: { sms: true, meeting: true, glip: false, smartNote: false, call: true, ringSenseInsights: false },
    isFreshLogin: loggedIn,
  });

  const PERSISTENT = [
    'callLoggerPath',
    'callLogEntityMatcherPath',
    'callLogPageInputChangedEventPath',
    'callLoggerTitle',
    'callLoggerAutoSettingLabel',
    'callLoggerAutoSettingDescription',
  ];

  const commands = {
    request: ({ path, body, timeout, tag }) => logRequest(path, body, { timeout, tag }),
    send: ({ message }) => send(message),
    login: ({ loggedIn: value = true }) => {
      loggedIn = value;
      const url = new URL(location.href);
      url.searchParams.set('fakeLoggedIn', String(loggedIn));
      window.history.replaceState(null, '', url);
      if (!loggedIn) autoLog = null;
      send(loginStatus());
      callLoggerMaybeReady();
    },
    history: ({ calls }) => {
      callHistory = calls;
      for (const call of calls) known.add(call.sessionId);
    },
    reload: () => location.reload(),
    navigate: ({ url }) => location.assign(url),
  };

  const handlers = {
    'rc-adapter-register-third-party-service': ({ service: given }) => {
      if (!given?.name) return;
      // As protocol.md §2.2: paths are overwritten only when present and texts only when non-empty;
      // flags and the warning reset when absent.
      const kept = {};
      for (const key of PERSISTENT) if (service?.[key]) kept[key] = service[key];
      for (const key of PERSISTENT) if (!given[key]) delete given[key];
      service = { ...kept, ...given };
      callLoggerMaybeReady();
    },
    'rc-post-message-response': ({ responseId, response }) => {
      const entry = pending.get(responseId);
      if (!entry) return;
      clearTimeout(entry.timer);
      pending.delete(responseId);
      report('answered', { requestId: responseId, path: entry.path, response });
      entry.done(response);
    },
    'rc-adapter-trigger-call-logger-match': ({ sessionIds }) => {
      if (Array.isArray(sessionIds)) void match(sessionIds.filter((id) => known.has(id)));
    },
    'rc-adapter-update-auto-log-settings': ({ call }) => {
      if (autoLog === null || typeof call !== 'boolean') return; // ignored until the call logger is ready
      autoLog = call;
      send({ type: 'rc-callLogger-auto-log-notify', autoLog });
    },
    'rc-adapter-message-request': async ({ requestId, path, body }) => {
      const response = path === '/unlogged-calls' ? await unloggedCalls(body) : { data: 'no matched path' };
      send({ type: 'rc-adapter-message-response', responseId: requestId, response });
    },
  };

  window.addEventListener('message', (event) => {
    const { data } = event;
    const command = typeof data?.type === 'string' && data.type.startsWith('fake-widget:') && data.type.slice(12);
    if (command) {
      commands[command]?.(data);
      return;
    }
    report('received', { origin: event.origin, data, booted });
    if (booted) handlers[data?.type]?.(data);
  });

  setTimeout(() => {
    booted = true;
    send(adapterState());
    send(loginStatus());
    report('booted', { origin: location.origin });
  }, bootDelay);
})();
