// Server rendering: the React wrapper's HTML from React 19's react-dom/server, put into the page as a server's
// response would be (the element, already defined, upgrades from it at once), then hydrated with hydrateRoot.
// Asserted on what the page requested (adapter scripts, widget frames), the element's error events, and a round
// trip through the simulated widget on another origin.
import { expect } from '@open-wc/testing';
import { createElement, useEffect } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { DEFAULT_ADAPTER_SRC } from '../src/adapter-loader.js';
import { RcCallLogger } from '../src/react.js';
import { ADAPTER_SRC, SimulatorControl, WIDGET_ORIGIN, callBody, until } from './helpers/simulator.js';

/** Its own adapter URL, so this file's page loads the script afresh and the request shows. */
const CONFIGURED_ADAPTER = `${ADAPTER_SRC}&from=ssr`;

describe('React server rendering, then hydration', () => {
  let widget: SimulatorControl;
  let container: HTMLElement;
  let root: Root | undefined;
  /** The URLs of every script and frame added to the document: the requests the page made for the widget. */
  const requested: string[] = [];
  const watch = new MutationObserver((records) => {
    for (const { addedNodes } of records)
      for (const node of addedNodes) {
        if (!(node instanceof Element)) continue;
        for (const added of [node, ...node.querySelectorAll('script, iframe')])
          if (added instanceof HTMLScriptElement || added instanceof HTMLIFrameElement) requested.push(added.src);
      }
  });

  beforeEach(() => {
    widget = new SimulatorControl();
    container = document.body.appendChild(document.createElement('div'));
    watch.observe(document, { childList: true, subtree: true });
  });
  afterEach(() => {
    watch.disconnect();
    root?.unmount();
    container.remove();
    widget.stop();
  });

  it('requests only the configured adapter, fires no error, and onCallLog answers the widget', async () => {
    const errors: string[] = [];
    // `error` does not bubble: a capturing listener on the container hears it from the element's first moment.
    container.addEventListener('error', (event) => errors.push(event.message), true);
    const app = () =>
      createElement(RcCallLogger, {
        adapterSrc: CONFIGURED_ADAPTER,
        serviceName: 'Acme SSR',
        onCallLog: (event) => event.respondWith({ id: `ssr-${event.call.sessionId}` }),
      });
    container.innerHTML = renderToString(app());
    const upgraded = container.querySelector('rc-call-logger');
    // As on a page: React hydrates in a task of its own, after the element has started from the server's HTML.
    let hydrated = false;
    root = hydrateRoot(
      container,
      createElement(() => (useEffect(() => void (hydrated = true), []), app())),
    );
    await until(() => hydrated, 'hydration');
    expect(container.querySelector('rc-call-logger')).to.equal(upgraded); // hydrated, not re-created

    const [registration] = await widget.waitForRegistrations(1);
    expect(registration.name).to.equal('Acme SSR');
    expect(await widget.request('/callLogger', callBody('s-ssr'))).to.deep.equal({ data: { id: 'ssr-s-ssr' } });

    const adapters = requested.filter((url) => url.includes('adapter.js'));
    expect(adapters).to.deep.equal([CONFIGURED_ADAPTER]);
    expect(requested.filter((url) => url.startsWith(new URL(DEFAULT_ADAPTER_SRC).origin))).to.deep.equal([]);
    await until(() => widget.boots === 1, 'the widget');
    expect(requested.filter((url) => url.startsWith(`${WIDGET_ORIGIN}/src/simulator/app.html`))).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });
});
