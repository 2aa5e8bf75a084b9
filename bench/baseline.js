// The baseline: what integrators write today, after RingCentral's docs and blog posts. Load adapter.js, then one
// window `message` listener that registers the service when the widget announces itself and answers each request
// at once. start()/stop() wrap it for the mount cycles, with the adapter's own RCAdapterInit/RCAdapterDispose.
(() => {
  const service = { name: 'Bench CRM', callLoggerPath: '/callLogger', callLogEntityMatcherPath: '/callLogger/match' };
  const widget = () => document.querySelector('#rc-widget-adapter-frame').contentWindow;

  function onMessage(event) {
    const data = event.data;
    if (!data) return;
    if (data.type === 'rc-adapter-pushAdapterState' || data.type === 'rc-login-status-notify') {
      widget().postMessage({ type: 'rc-adapter-register-third-party-service', service }, '*');
    } else if (data.type === 'rc-post-message-request') {
      let answer;
      if (data.path === '/callLogger') answer = window.benchAnswers.callLog(data.body.call);
      else if (data.path === '/callLogger/match') answer = window.benchAnswers.callMatch(data.body.sessionIds);
      else return;
      widget().postMessage(
        { type: 'rc-post-message-response', responseId: data.requestId, response: { data: answer } },
        '*',
      );
    }
  }

  window.benchBaseline = {
    start(adapterSrc) {
      window.addEventListener('message', onMessage);
      if (window.RCAdapterInit) return window.RCAdapterInit();
      const script = document.createElement('script');
      script.src = adapterSrc;
      document.head.append(script);
    },
    stop() {
      window.removeEventListener('message', onMessage);
      window.RCAdapterDispose();
    },
  };
})();
