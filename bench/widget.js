// The bench's fake RingCentral widget, served from another origin than the page. It speaks the widget's wire
// protocol (docs/widget-protocol.md): on load it announces itself with rc-adapter-pushAdapterState and
// rc-login-status-notify, waits for the registration, exchanges one call-log and one call-match request, then tells
// the page `bench-settled`. scripts/bench.mjs then drives the measurements through `window.benchWidget`.
// Every time is taken here with performance.now(): from posting a request to seeing its reply.
(() => {
  const PAGE = location.ancestorOrigins[0];
  const LOG_PATH = '/callLogger';
  const MATCH_PATH = '/callLogger/match';

  /** Reply callbacks by request ID. One listener and a map, not a listener per request as the real widget has: with
   * 10,000 requests in flight that would make the widget itself the bottleneck of the measurement. */
  const replies = new Map();
  /** One-shot waiters for the registration and for the page's marker (figure 4). */
  const waiters = { register: [], marker: [] };
  let arrivals = 0;
  let service;

  window.addEventListener('message', (event) => {
    if (event.source !== parent || event.origin !== PAGE) return;
    const at = performance.now();
    const { data } = event;
    if (data?.type === 'rc-post-message-response') {
      const done = replies.get(data.responseId);
      if (done) {
        replies.delete(data.responseId);
        done(data.response, at);
      }
      return;
    }
    if (data?.type === 'rc-adapter-message-request') {
      // as the widget does for a path it does not know (the element asks one before it removes the widget)
      const response = { data: 'no matched path' };
      parent.postMessage({ type: 'rc-adapter-message-response', responseId: data.requestId, response }, PAGE);
      return;
    }
    const kind =
      data?.type === 'rc-adapter-register-third-party-service'
        ? 'register'
        : data?.type === 'bench-marker'
          ? 'marker'
          : undefined;
    if (!kind) return;
    if (kind === 'register') service = data.service;
    // Arrival order, not time: two messages can share a (coarsened) timestamp.
    const arrival = { at, order: ++arrivals };
    for (const wake of waiters[kind].splice(0)) wake(arrival);
  });

  const next = (kind) => new Promise((resolve) => waiters[kind].push(resolve));

  function deadline(promise, ms, what) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const unanswered = replies.size;
        replies.clear();
        reject(new Error(`${what}: not done within ${ms} ms (${unanswered} request(s) unanswered)`));
      }, ms);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }

  // Request bodies shaped like the widget's (docs/widget-protocol.md, requests and replies), with a fresh session ID each.
  let serial = 0;
  function logBody() {
    const n = ++serial;
    return {
      call: {
        sessionId: `s-${n}`,
        telephonySessionId: `t-${n}`,
        id: `c-${n}`,
        direction: 'Inbound',
        from: { phoneNumber: '+16505550100', name: 'Caller' },
        to: { phoneNumber: '+16505550199', extensionNumber: '101' },
        startTime: Date.now(),
        duration: 42,
        result: 'Call connected',
        telephonyStatus: 'CallConnected',
      },
      triggerType: 'presenceUpdate',
    };
  }
  const matchBody = (count) => ({
    sessionIds: Array.from({ length: count }, () => `s-${++serial}`),
    activeSessionIds: [],
  });

  function request(path, body) {
    const requestId = crypto.randomUUID();
    return { requestId, message: { type: 'rc-post-message-request', requestId, path, body } };
  }

  /** Throws unless `response` is the bench's answer to the request with `body` (identical for both pages). */
  function check(path, body, response) {
    if (path === LOG_PATH) {
      if (response?.data !== 'ok') throw new Error(`call-log answered ${JSON.stringify(response)}`);
      return;
    }
    const data = response?.data;
    const wrong = !data || body.sessionIds.find((id) => data[id]?.length !== 1 || data[id][0].id !== `crm-${id}`);
    if (wrong !== undefined) throw new Error(`call-match answered ${JSON.stringify(response).slice(0, 200)}`);
  }

  /** Posts the requests all at once; resolves with when that began and when the last reply was seen, once every
   * reply is checked. */
  async function exchange(requests) {
    const answers = new Array(requests.length);
    let left = requests.length;
    const all = new Promise((resolve) => {
      requests.forEach(({ requestId }, i) =>
        replies.set(requestId, (response, at) => {
          answers[i] = response;
          if (--left === 0) resolve(at);
        }),
      );
    });
    const start = performance.now();
    for (const { message } of requests) parent.postMessage(message, PAGE);
    const end = await all;
    requests.forEach(({ message }, i) => check(message.path, message.body, answers[i]));
    return { start, end };
  }
  const elapsed = async (requests) => {
    const { start, end } = await exchange(requests);
    return end - start;
  };

  const adapterState = () => ({
    type: 'rc-adapter-pushAdapterState',
    size: { width: 300, height: 500 },
    minimized: false,
    closed: false,
    position: { translateX: 0, translateY: 0, minTranslateX: 0, minTranslateY: 0 },
    telephonyStatus: 'NoCall',
    userStatus: 'Available',
    dndStatus: 'TakeAllCalls',
  });
  const loginStatus = () => ({
    type: 'rc-login-status-notify',
    loggedIn: true,
    loginNumber: '+16505550100*101',
    contractedCountryCode: 'US',
    admin: false,
    features: { sms: true, meeting: true, glip: false, smartNote: false, call: true, ringSenseInsights: false },
    isFreshLogin: false,
  });

  /**
   * Figure 4: posts pushAdapterState and waits for the registration and for the marker the page's probe posts from
   * a setTimeout(0) scheduled when it saw pushAdapterState. Registration first = sent in the same task.
   */
  async function announce(alsoLogin = false) {
    const registered = next('register');
    const marked = next('marker');
    const start = performance.now();
    parent.postMessage(adapterState(), PAGE);
    if (alsoLogin) parent.postMessage(loginStatus(), PAGE);
    const [registration, marker] = await deadline(
      Promise.all([registered, marked]),
      5000,
      'registration after pushAdapterState',
    );
    if (
      service?.name !== 'Bench CRM' ||
      service.callLoggerPath !== LOG_PATH ||
      service.callLogEntityMatcherPath !== MATCH_PATH
    ) {
      throw new Error(`unexpected registration ${JSON.stringify(service)}`);
    }
    return { sameTask: registration.order < marker.order, ms: registration.at - start };
  }

  async function boot() {
    const result = await announce(true);
    const log = request(LOG_PATH, logBody());
    const match = request(MATCH_PATH, matchBody(3));
    await deadline(exchange([log, match]), 5000, 'first requests after registration');
    parent.postMessage({ type: 'bench-settled' }, PAGE);
    return result;
  }

  window.benchWidget = {
    booted: boot(),

    /** Figure 1: `samples` chains of `chain` requests sent one at a time; ms per request for each chain. A chain,
     * not a single request, because performance.now() is coarsened to 0.1 ms outside cross-origin isolation. */
    async latency(kind, samples, chain) {
      const times = [];
      for (let s = 0; s < samples; s++) {
        const requests = Array.from({ length: chain }, () =>
          kind === 'log' ? request(LOG_PATH, logBody()) : request(MATCH_PATH, matchBody(3)),
        );
        const run = async () => {
          const first = await exchange([requests[0]]);
          let { end } = first;
          for (const one of requests.slice(1)) ({ end } = await exchange([one]));
          return end - first.start;
        };
        times.push((await deadline(run(), 5_000 + 500 * chain, `${kind} round trips`)) / chain);
      }
      return times;
    },

    /** Figure 2: `count` call-log requests posted at once; ms until every reply was seen. */
    burst(count) {
      const requests = Array.from({ length: count }, () => request(LOG_PATH, logBody()));
      return deadline(elapsed(requests), 5_000 + 3 * count, `${count} call-log requests at once`);
    },

    /** Figure 3: one call-match request for `count` session IDs; ms until its reply was seen. */
    match(count) {
      return deadline(
        elapsed([request(MATCH_PATH, matchBody(count))]),
        5_000 + count,
        `call-match for ${count} sessions`,
      );
    },

    announce: () => announce(false),

    /** Figure 6: `total` requests in waves of `wave` (every tenth a call-match for 3 sessions), all checked. */
    async load(total, wave) {
      for (let sent = 0; sent < total; sent += wave) {
        const requests = Array.from({ length: Math.min(wave, total - sent) }, (_, i) =>
          (sent + i) % 10 === 9 ? request(MATCH_PATH, matchBody(3)) : request(LOG_PATH, logBody()),
        );
        await deadline(exchange(requests), 5_000 + 10 * wave, `requests ${sent + 1}–${sent + requests.length}`);
      }
    },
  };
})();
