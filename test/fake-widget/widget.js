// A stand-in for the RingCentral Embeddable widget (app.html), speaking the wire protocol of ../shared/protocol.md:
// - boots after a short delay, then sends `rc-adapter-pushAdapterState` and `rc-login-status-notify`;
//   registrations posted before it booted are lost, as in the real widget;
// - sends `rc-post-message-request` with a uuid `requestId` and its own timeouts (15 s log, 30 s match, 3 s other);
//   the first `rc-post-message-response` with that id wins, late and duplicate ones are ignored.
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
  let service = null;
  const pending = new Map();

  const timeoutFor = (path) => {
    if (service && path === service.callLoggerPath) return 15000;
    if (service && path === service.callLogEntityMatcherPath) return 30000;
    return 3000;
  };

  function request(path, body, timeout = timeoutFor(path)) {
    const requestId = crypto.randomUUID();
    const timer = setTimeout(() => {
      pending.delete(requestId);
      report('timeout', { requestId });
    }, timeout);
    pending.set(requestId, timer);
    report('sent', { requestId, path });
    send({ type: 'rc-post-message-request', requestId, path, body });
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

  const loginStatus = (loggedIn) => ({
    type: 'rc-login-status-notify',
    loggedIn,
    loginNumber: loggedIn ? '+16505550100*101' : null,
    contractedCountryCode: 'US',
    admin: false,
    features: { sms: true, meeting: true, glip: false, smartNote: false, call: true, ringSenseInsights: false },
    isFreshLogin: loggedIn,
  });

  const commands = {
    request: ({ path, body, timeout }) => request(path, body, timeout),
    send: ({ message }) => send(message),
    login: ({ loggedIn = true }) => send(loginStatus(loggedIn)),
    reload: () => location.reload(),
    navigate: ({ url }) => location.assign(url),
  };

  window.addEventListener('message', (event) => {
    const { data } = event;
    const command = typeof data?.type === 'string' && data.type.startsWith('fake-widget:') && data.type.slice(12);
    if (command) {
      commands[command]?.(data);
      return;
    }
    report('received', { origin: event.origin, data, booted });
    if (!booted) return;
    if (data?.type === 'rc-adapter-register-third-party-service' && data.service?.name) {
      service = { ...service, ...data.service };
    }
    if (data?.type === 'rc-post-message-response' && pending.has(data.responseId)) {
      clearTimeout(pending.get(data.responseId));
      pending.delete(data.responseId);
      report('answered', { requestId: data.responseId, response: data.response });
    }
  });

  setTimeout(() => {
    booted = true;
    send(adapterState());
    send(loginStatus(false));
    report('booted', { origin: location.origin });
  }, bootDelay);
})();
