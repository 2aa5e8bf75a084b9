import { RcCallLoggerError } from './errors.js';

/**
 * Watches a widget frame that has loaded: if the widget says nothing within `timeout` ms, `report`s what to check.
 * A widget that cannot start (its storage blocked as a third-party frame, a CSP that refuses the frame, a network
 * failure) never posts anything, and nothing else would tell the page. Returns what to call whenever the widget
 * speaks (or the session ends): it disarms the watch for good; a report does not stop the session from listening.
 */
export function watchBoot(frame: HTMLIFrameElement, timeout: number, report: (error: unknown) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const message = `the widget said nothing within ${timeout} ms of loading (boot-timeout): check third-party storage for ${new URL(frame.src).origin}, CSP frame-src, the network`;
    timer = setTimeout(() => report(new RcCallLoggerError('widget-silent', message)), timeout);
  };
  frame.addEventListener('load', arm, { once: true });
  return () => {
    frame.removeEventListener('load', arm);
    clearTimeout(timer);
  };
}
