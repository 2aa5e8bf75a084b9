// The CDN build on a plain static page (test/frames/cdn.html): one <script type="module" src>, no bundler, no
// import map. web-test-runner.config.mjs builds /dist/cdn/rc-call-logger.js in memory and serves it untouched.
import { expect } from '@open-wc/testing';
import { ADAPTER_SRC, callBody, until, type SimulatorControl } from './helpers/simulator.js';

describe('CDN build on a plain page', () => {
  let iframe: HTMLIFrameElement;

  afterEach(() => iframe.remove());

  it('defines <rc-call-logger> from the one script and answers call-log through the widget', async () => {
    iframe = document.createElement('iframe');
    iframe.src = `/test/frames/cdn.html?adapter=${encodeURIComponent(ADAPTER_SRC)}`;
    document.body.append(iframe);
    const page = iframe.contentWindow as Window & typeof globalThis & { widget?: SimulatorControl };
    const widget = await until(() => page.widget, 'the page to load');

    const [registration] = await widget.waitForRegistrations(2);
    expect(registration.name).to.equal('Static CRM');
    expect(await widget.request('/callLogger', callBody('s-cdn'))).to.deep.equal({ data: { id: 'static-s-cdn' } });

    // Lit is inlined: the page fetched no module of ours or of node_modules, only the CDN file (and the instrument;
    // the dev server also adds its own web socket script to every page).
    const fetched = page.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && !url.pathname.startsWith('/__web-dev-server'))
      .map((url) => url.pathname);
    const instrument = ['/src/simulator/control.ts', '/src/simulator/uuid.ts'];
    expect(fetched).to.have.members([...instrument, '/dist/cdn/rc-call-logger.js']);
  });
});
