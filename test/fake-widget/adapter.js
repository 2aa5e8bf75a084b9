// A stand-in for RingCentral Embeddable's adapter.js, behaving as ../shared/protocol.md §1.3 and §1.6 describe:
// manual init through RC_EMBEDDABLE_ADAPTER_MANUAL_INIT / RCAdapterInit / RCAdapterDispose, one adapter per page,
// a `#<prefix>` container with an `<iframe id="<prefix>-adapter-frame">` whose src is app.html next to this script
// (or `appUrl`), and only the options the real adapter knows forwarded as a query string, falsy values dropped.
(() => {
  const script = document.currentScript || document.querySelector('script[src*="adapter.js"]');
  const defaultAppUrl = script ? new URL('./app.html', script.src).href : null;

  // The option names the real adapter (2.3.1) copies into the widget URL; it drops every other key.
  const FORWARDED = `appKey clientId appSecret clientSecret brand appServer discovery discoverAppServer appVersion
    redirectUri proxyUri stylesUri disableCall disableMessages disableReadText disableConferenceInvite disableGlip
    disableMeeting disableContacts disableCallHistory authProxy prefix userAgent enableAnalytics enableErrorReport
    errorReportToken errorReportSampleRate errorReportProjectId authorizationCode authorizationCodeVerifier jwt
    externalAuthId defaultCallWith enableFromNumberSetting showMyLocationNumbers enableSmsSettingEvent
    disconnectInactiveWebphone multipleTabsSupport disableInactiveTabCallEvent disableLoginPopup enableWebRTCPlanB
    fromAdapter fromPopup enableRingtoneSettings disableNoiseReduction showSignUpButton defaultAutoLogCallEnabled
    defaultAutoLogMessageEnabled enableSMSTemplate enableSmartNote enableSideWidget enableAudioInitPrompt
    enableSharedMessages enableLoadMoreCalls enableVoicemailDrop mainTab enableTypingTimeTracking _t`.split(/\s+/);

  const toQuery = (options) =>
    FORWARDED.filter((key) => options[key])
      .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(options[key]))}`)
      .join('&');

  function init({ appUrl = defaultAppUrl, options = {} } = {}) {
    if (window.RCAdapter || !appUrl) return;
    const prefix = options.prefix || 'rc-widget';
    const container = document.createElement('div');
    container.id = prefix;
    const frame = document.createElement('iframe');
    frame.id = `${prefix}-adapter-frame`;
    frame.setAttribute('sandbox', 'allow-same-origin allow-scripts allow-forms allow-popups allow-downloads allow-popups-to-escape-sandbox');
    frame.setAttribute('allow', 'microphone; autoplay');
    frame.src = `${appUrl}?${toQuery({ ...options, fromAdapter: 1, _t: Date.now() })}`;
    container.append(frame);
    const attach = () => document.body.append(container);
    if (document.readyState === 'loading') window.addEventListener('load', attach, { once: true });
    else attach();
    window.RCAdapter = {
      contentFrameEl: frame,
      dispose: () => container.remove(),
    };
  }

  // Like the real adapter: auto-initialises unless the page asked for manual init.
  if (!window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT) {
    if (document.readyState === 'complete') init();
    else window.addEventListener('load', () => init());
  }
  window.RCAdapterInit = init;
  window.RCAdapterDispose = () => {
    if (!window.RCAdapter) return;
    window.RCAdapter.dispose();
    window.RCAdapter = null;
  };
})();
