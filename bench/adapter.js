// The bench's stand-in for RingCentral's adapter.js (classic script), as small as both pages allow: RCAdapterInit
// puts <iframe id="rc-widget-adapter-frame"> pointing at widget.html next to this script, RCAdapterDispose removes it.
// Like the real adapter it starts by itself unless RC_EMBEDDABLE_ADAPTER_MANUAL_INIT is set (the element sets it).
(() => {
  const widgetUrl = new URL('widget.html', document.currentScript.src).href;

  function init({ appUrl = widgetUrl } = {}) {
    if (window.RCAdapter) return; // one adapter per page, as in the real one
    const container = document.createElement('div');
    container.id = 'rc-widget';
    const frame = document.createElement('iframe');
    frame.id = 'rc-widget-adapter-frame';
    frame.src = appUrl;
    container.append(frame);
    document.body.append(container);
    window.RCAdapter = { contentFrameEl: frame, dispose: () => container.remove() };
  }

  window.RCAdapterInit = init;
  window.RCAdapterDispose = () => {
    window.RCAdapter?.dispose();
    window.RCAdapter = null;
  };
  if (!window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT) {
    if (document.readyState === 'complete') init();
    else window.addEventListener('load', () => init(), { once: true });
  }
})();
