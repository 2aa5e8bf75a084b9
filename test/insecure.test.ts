// The element on a page that is not a secure context: plain http from a host name other than localhost (the
// machine's own name, or its address), as intranet CRMs are often served. Nothing the element does needs one.
import { expect } from '@open-wc/testing';
import { until } from './helpers/simulator.js';

describe('on a page that is not a secure context', () => {
  let iframe: HTMLIFrameElement;

  afterEach(() => iframe.remove());

  it('back-fill asks the widget for unlogged calls and logs them', async () => {
    // web-test-runner.config.mjs names an origin of this server that browsers do not count as secure
    const { origin } = (await (await fetch('/test/insecure-origin')).json()) as { origin: string };
    let report: { isSecureContext: boolean; logged?: string[]; asked?: string[]; error?: string } | undefined;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === origin) report = event.data as typeof report;
    };
    window.addEventListener('message', onMessage);
    try {
      iframe = document.createElement('iframe');
      iframe.src = `${origin}/test/frames/insecure.html`;
      document.body.append(iframe);
      const { isSecureContext, logged, asked, error } = await until(() => report, `a report from ${origin}`, 45_000);
      expect(isSecureContext, 'the page is a secure context: the test proves nothing').to.equal(false);
      expect(error).to.equal(undefined);
      expect(asked).to.deep.equal(['/unlogged-calls']);
      expect(logged).to.deep.equal(['h-1', 'h-2']);
    } finally {
      window.removeEventListener('message', onMessage);
    }
  });
});
