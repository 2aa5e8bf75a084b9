// The simulator's adapter: a drop-in for RingCentral Embeddable's adapter.js (docs/widget-protocol.md), loaded as a
// classic script. Manual init through RC_EMBEDDABLE_ADAPTER_MANUAL_INIT / RCAdapterInit / RCAdapterDispose, one
// adapter per page, a `#<prefix>` container holding `<iframe id="<prefix>-adapter-frame">` whose src is app.html
// next to this script (or `appUrl`). Like the real adapter it forwards only the option names it knows, drops falsy
// values, and posts its own commands to the widget's exact origin. It docks the widget at the bottom right, as the
// real adapter does by default.
// The simulator's own settings (`loggedIn`, `bootDelay`, `speed`) are read from this script's query string and
// always passed on: they configure the stand-in, not the widget.

type Options = Record<string, unknown>;

interface SimulatedAdapter {
  contentFrameEl: HTMLIFrameElement;
  dispose(): void;
  setAutoLog(settings: { call?: boolean }): void;
  navigateTo(path: string): void;
  getUnloggedCalls(perPage?: number, page?: number): Promise<unknown>;
  getCallLog(ids: { sessionId?: string; telephonySessionId?: string }): Promise<unknown>;
  alertMessage(alert: { message: string; level?: string; ttl?: number; details?: unknown }): Promise<unknown>;
  dismissMessage(id?: string): Promise<unknown>;
}

interface AdapterWindow {
  RC_EMBEDDABLE_ADAPTER_MANUAL_INIT?: boolean;
  RCAdapter?: SimulatedAdapter | null;
  RCAdapterInit?: (init?: { appUrl?: string; options?: Options }) => void;
  RCAdapterDispose?: () => void;
}

(() => {
  /** The option names the real adapter (2.3.1) copies into the widget URL; it drops every other key. */
  const FORWARDED = `appKey clientId appSecret clientSecret brand appServer discovery discoverAppServer appVersion
    redirectUri proxyUri stylesUri disableCall disableMessages disableReadText disableConferenceInvite disableGlip
    disableMeeting disableContacts disableCallHistory authProxy prefix userAgent enableAnalytics enableErrorReport
    errorReportToken errorReportSampleRate errorReportProjectId authorizationCode authorizationCodeVerifier jwt
    externalAuthId defaultCallWith enableFromNumberSetting showMyLocationNumbers enableSmsSettingEvent
    disconnectInactiveWebphone multipleTabsSupport disableInactiveTabCallEvent disableLoginPopup enableWebRTCPlanB
    fromAdapter fromPopup enableRingtoneSettings disableNoiseReduction showSignUpButton defaultAutoLogCallEnabled
    defaultAutoLogMessageEnabled enableSMSTemplate enableSmartNote enableSideWidget enableAudioInitPrompt
    enableSharedMessages enableLoadMoreCalls enableVoicemailDrop mainTab enableTypingTimeTracking _t`.split(/\s+/);

  const SIMULATOR_SETTINGS = ['loggedIn', 'bootDelay', 'speed'];

  const page = window as unknown as AdapterWindow;
  const script = (document.currentScript ??
    document.querySelector('script[src*="adapter.js"]')) as HTMLScriptElement | null;
  if (!script) return;
  const scriptUrl = new URL(script.src);
  const defaultAppUrl = new URL('./app.html', scriptUrl).href;

  function widgetUrl(appUrl: string, options: Options): string {
    const url = new URL(appUrl);
    for (const key of FORWARDED) if (options[key]) url.searchParams.set(key, String(options[key]));
    for (const key of SIMULATOR_SETTINGS) {
      const value = scriptUrl.searchParams.get(key);
      if (value !== null && !url.searchParams.has(key)) url.searchParams.set(key, value);
    }
    return url.href;
  }

  /**
   * Where the real adapter puts its widget by default: a 300 × 500 panel docked at the bottom right, above the page.
   * The rules have no specificity (`:where`), so any rule of the page for `#<prefix>` wins, as the demo's do.
   * A constructed sheet, so that a page's CSP for inline styles does not apply.
   */
  function framePlacement(prefix: string): CSSStyleSheet {
    const id = `#${CSS.escape(prefix)}`;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      `:where(${id}){position:fixed;right:0;bottom:0;z-index:2147483000;width:300px;height:500px;` +
        `max-width:100vw;max-height:100vh;background:#fff;box-shadow:0 0 10px #0005}` +
        `:where(${id}>iframe){display:block;width:100%;height:100%;border:0}`,
    );
    return sheet;
  }

  function init({
    appUrl = defaultAppUrl,
    options = Object.fromEntries(scriptUrl.searchParams),
  }: { appUrl?: string; options?: Options } = {}) {
    if (page.RCAdapter) return; // one adapter per page: a second init is ignored, as in the real adapter
    const prefix = String(options.prefix || 'rc-widget');
    const container = document.createElement('div');
    container.id = prefix;
    const frame = document.createElement('iframe');
    frame.id = `${prefix}-adapter-frame`;
    frame.title = 'RingCentral Embeddable simulator';
    frame.setAttribute(
      'sandbox',
      'allow-same-origin allow-scripts allow-forms allow-popups allow-downloads allow-popups-to-escape-sandbox',
    );
    frame.setAttribute('allow', 'microphone; autoplay');
    frame.src = widgetUrl(appUrl, { ...options, fromAdapter: 1, _t: Date.now() });
    container.append(frame);
    const placement = framePlacement(prefix);
    const attach = () => {
      document.body.append(container);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, placement];
    };
    if (document.readyState === 'loading') window.addEventListener('load', attach, { once: true });
    else attach();
    const post = (message: Options) => frame.contentWindow?.postMessage(message, new URL(frame.src).origin);
    // The real adapter's request helpers: '*' as target and a 5 s timeout.
    const ask = (path: string, body: unknown) =>
      new Promise((resolve, reject) => {
        // Not crypto.randomUUID(): pages on plain http lack it. Inline, since a classic script imports nothing.
        const requestId = crypto.getRandomValues(new Uint32Array(4)).join('-');
        const listen = (event: MessageEvent<{ type?: string; responseId?: string; response?: unknown } | null>) => {
          if (event.data?.type !== 'rc-adapter-message-response' || event.data.responseId !== requestId) return;
          stop();
          resolve(event.data?.response);
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error('Time out'));
        }, 5000);
        const stop = () => {
          clearTimeout(timer);
          window.removeEventListener('message', listen);
        };
        window.addEventListener('message', listen);
        frame.contentWindow?.postMessage({ type: 'rc-adapter-message-request', requestId, path, body }, '*');
      });
    page.RCAdapter = {
      contentFrameEl: frame,
      dispose: () => {
        container.remove();
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== placement);
      },
      setAutoLog: ({ call }) => post({ type: 'rc-adapter-update-auto-log-settings', call }),
      navigateTo: (path) => post({ type: 'rc-adapter-navigate-to', path }),
      getUnloggedCalls: (perPage = 20, page = 1) => ask('/unlogged-calls', { perPage, page }),
      getCallLog: (ids) => ask('/get-call-log', ids),
      alertMessage: (alert) => ask('/custom-alert-message', alert),
      dismissMessage: (id) => ask('/dismiss-alert-message', { id }),
    };
  }

  if (!page.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT) {
    if (document.readyState === 'complete') init();
    else window.addEventListener('load', () => init(), { once: true });
  }
  page.RCAdapterInit = init;
  page.RCAdapterDispose = () => {
    page.RCAdapter?.dispose();
    page.RCAdapter = null;
  };
})();
