/**
 * A page on the CDN build, as test/frames/held-delivery.html makes it: the test server holds its second file (the
 * endpoints and the outbox) until the test releases it, so a test can act while that code is still loading.
 */
import type { RcCallLoggerElement } from '../../src/index.js';
import { ADAPTER_SRC, until, type SimulatorControl } from './simulator.js';

/** The paths of the scripts the page in `iframe` loaded from this origin. */
export const fetchedScripts = (iframe: HTMLIFrameElement) =>
  iframe
    .contentWindow!.performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.endsWith('.js'))
    .map((url) => url.pathname);

/** A page on the CDN build whose second file the test server holds until `release()`. */
export async function heldPage(attributes: Record<string, string>) {
  const key = Math.random().toString(36).slice(2);
  const iframe = document.createElement('iframe');
  iframe.src = `/test/frames/held-delivery.html?${new URLSearchParams({ 'adapter-src': ADAPTER_SRC, ...attributes, key })}`;
  document.body.append(iframe);
  const page = iframe.contentWindow as Window & { widget?: SimulatorControl };
  const pageWidget = await until(() => page.widget, 'the page to load');
  await pageWidget.waitForRegistrations(2);
  const el = iframe.contentDocument!.querySelector('rc-call-logger') as RcCallLoggerElement;
  return { iframe, key, pageWidget, el, release: () => fetch(`/test/held/${key}/release`) };
}
