import { RcCallLoggerError } from './errors.js';

/**
 * Watches a widget frame that has loaded: if the widget says nothing within `timeout` ms, `report`s what to check.
 * A widget that cannot start (its storage blocked as a third-party frame, a CSP that refuses the frame, a network
 * failure) never posts anything, and nothing else would tell the page. A frame the page's CSP refuses is reported at
 * once: Firefox and WebKit never fire its `load`. Returns what to call whenever the widget speaks (or the session
 * ends): it disarms the watch for good; a report does not stop the session from listening.
 */
export function watchBoot(frame: HTMLIFrameElement, timeout: number, report: (error: unknown) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const { origin } = new URL(frame.src);
  const silent = (message: string) => report(new RcCallLoggerError('widget-silent', message));
  const arm = () => {
    timer = setTimeout(
      () =>
        silent(
          `the widget said nothing within ${timeout} ms of loading (boot-timeout): check third-party storage for ${origin}, CSP frame-src, the network`,
        ),
      timeout,
    );
  };
  const refused = ({ disposition, effectiveDirective, blockedURI }: SecurityPolicyViolationEvent) => {
    // A report-only policy refuses nothing; the blocked URL may be the frame's URL or its origin alone.
    const widget = URL.canParse(blockedURI) && new URL(blockedURI).origin == origin;
    if (disposition != 'enforce' || effectiveDirective != 'frame-src' || !widget) return;
    disarm();
    silent(`the page's CSP frame-src refuses the widget at ${origin}`);
  };
  const disarm = () => {
    frame.removeEventListener('load', arm);
    window.removeEventListener('securitypolicyviolation', refused);
    clearTimeout(timer);
  };
  frame.addEventListener('load', arm, { once: true });
  // On the window, where the violation bubbles to: markup cannot shadow the window's methods as it can a document's.
  window.addEventListener('securitypolicyviolation', refused);
  return disarm;
}
