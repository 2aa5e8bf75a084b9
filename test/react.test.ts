// React 19 renders the element (react-dom/client), through the wrapper and through plain JSX-style props; the
// simulated widget, on another origin, sends the requests and reports what it received back.
// (React is CommonJS: web-test-runner.config.mjs serves it as ESM.)
import { expect } from '@open-wc/testing';
import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { RcCallLogger, type RcCallLoggerJSXProps } from '../src/react.js';
import { RcCallLoggerElement } from '../src/rc-call-logger-element.js';
import { CallLogEvent } from '../src/events.js';
import { ADAPTER_SRC, SimulatorControl, callBody, frame, until } from './helpers/simulator.js';

// Tells React that act() is in use: it commits renders and runs effects before act() returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LOG = '/callLogger';
const MATCH = '/callLogger/match';

describe('React', () => {
  let widget: SimulatorControl;
  let container: HTMLElement;
  let root: Root;

  /** Renders and commits `element`; returns the rendered <rc-call-logger>. */
  const render = (element: ReactElement) => {
    act(() => root.render(element));
    return container.querySelector('rc-call-logger')!;
  };

  beforeEach(() => {
    widget = new SimulatorControl();
    container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    widget.stop();
  });

  describe('<RcCallLogger> (src/react.ts)', () => {
    it('importing the wrapper defines <rc-call-logger> as the element class', () => {
      // Compared as a boolean: printing the class in a failure message hangs the test page.
      expect(customElements.get('rc-call-logger') === RcCallLoggerElement).to.equal(true);
    });

    it('sets its props as element properties: the widget registers serviceName and displayName', async () => {
      const el = render(
        createElement(RcCallLogger, {
          adapterSrc: ADAPTER_SRC,
          serviceName: 'Acme React',
          displayName: 'Acme, from React',
          responseTimeout: 2000,
        }),
      );
      const [registration] = await widget.waitForRegistrations(1);
      expect(registration).to.include({ name: 'Acme React', displayName: 'Acme, from React' });
      expect(el.responseTimeout).to.equal(2000);
    });

    it("onCallLog answers the widget's call-log request with respondWith()", async () => {
      const seen: CallLogEvent[] = [];
      render(
        createElement(RcCallLogger, {
          adapterSrc: ADAPTER_SRC,
          serviceName: 'Acme React',
          onCallLog: (event) => {
            seen.push(event);
            event.respondWith(Promise.resolve({ id: `react-${event.call.sessionId}` }));
          },
        }),
      );
      await widget.waitForRegistrations(2);
      expect(await widget.request(LOG, callBody('s-react'))).to.deep.equal({ data: { id: 'react-s-react' } });
      expect(seen).to.have.length(1);
      expect(seen[0]).to.be.instanceOf(CallLogEvent);
    });

    it('onCallMatch answers call-match; onReady and onLoginChange fire', async () => {
      const events: string[] = [];
      render(
        createElement(RcCallLogger, {
          adapterSrc: ADAPTER_SRC,
          serviceName: 'Acme React',
          onReady: () => events.push('ready'),
          onLoginChange: (event) => events.push(`login-change:${event.loggedIn}`),
          onCallMatch: (event) =>
            event.respondWith(Object.fromEntries(event.sessionIds.map((id) => [id, [{ id: `react-${id}` }]]))),
        }),
      );
      await until(() => events.includes('ready') && events.includes('login-change:true'), 'onReady and onLoginChange');
      expect(await widget.request(MATCH, { sessionIds: ['s-1'] })).to.deep.equal({
        data: { 's-1': [{ id: 'react-s-1' }] },
      });
    });

    it('a re-render with another onCallLog answers with the new handler', async () => {
      const props = { adapterSrc: ADAPTER_SRC, serviceName: 'Acme React' };
      render(createElement(RcCallLogger, { ...props, onCallLog: (event) => event.respondWith('first') }));
      await widget.waitForRegistrations(2);
      render(createElement(RcCallLogger, { ...props, onCallLog: (event) => event.respondWith('second') }));
      expect(await widget.request(LOG, callBody())).to.deep.equal({ data: 'second' });
    });
  });

  it('a route change (a state switch between two page components) hands the live widget over', async () => {
    let answerA: (value: string) => void = () => {};
    const PageA = () =>
      createElement(
        'main',
        null,
        createElement(RcCallLogger, {
          adapterSrc: ADAPTER_SRC,
          serviceName: 'Page A',
          onCallLog: (event) => event.respondWith(new Promise<string>((resolve) => (answerA = resolve))),
        }),
      );
    const PageB = () =>
      createElement(
        'section',
        null,
        createElement(RcCallLogger, {
          adapterSrc: ADAPTER_SRC,
          serviceName: 'Page B',
          onCallLog: (event) => event.respondWith(`from B: ${event.call.sessionId}`),
        }),
      );
    render(createElement(PageA));
    await widget.waitForRegistrations(2);
    const first = frame();
    const sessionId = await widget.call({ autoplay: false });
    widget.advance(sessionId, 'answer');
    const inFlight = await widget.send(LOG, callBody('s-flight'));
    await widget.flush(); // the page has heard the call start and got the request
    render(createElement(PageB));
    await until(() => widget.registrations.at(-1)?.name === 'Page B', 'page B to register');
    answerA('from A');
    expect((await widget.outcome(inFlight)).response).to.deep.equal({ data: 'from A' });
    expect(await widget.request(LOG, callBody('s-b'))).to.deep.equal({ data: 'from B: s-b' });
    await widget.flush();
    expect(widget.responsesTo(inFlight)).to.have.length(1);
    expect(frame() === first, 'the same widget frame').to.equal(true);
    expect(widget.boots).to.equal(1);
    expect((await widget.state()).calls.find((call) => call.sessionId === sessionId)?.phase).to.equal('CallConnected');
  });

  describe('<rc-call-logger> in React 19 without the wrapper (the JSX typings)', () => {
    it('properties, attributes and oncall-log reach the element', async () => {
      const props: RcCallLoggerJSXProps = {
        adapterSrc: ADAPTER_SRC,
        'service-name': 'Acme JSX',
        'oncall-log': (event) => event.respondWith({ id: `jsx-${event.call.sessionId}` }),
      };
      render(createElement('rc-call-logger', props));
      const [registration] = await widget.waitForRegistrations(2);
      expect(registration.name).to.equal('Acme JSX');
      expect(await widget.request(LOG, callBody('s-jsx'))).to.deep.equal({ data: { id: 'jsx-s-jsx' } });
    });
  });
});
