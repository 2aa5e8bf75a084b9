import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { RcCallLoggerElement } from '../src/index.js';
import {
  ADAPTER_SRC,
  SimulatorControl,
  THIRD_ORIGIN,
  WIDGET_ORIGIN,
  callBody,
  frame,
  until,
} from './helpers/simulator.js';

const request = (requestId: string) => ({
  type: 'rc-post-message-request',
  requestId,
  path: '/callLogger',
  body: callBody(),
});

/**
 * Resolves once a marker that `window` posts to the page has arrived: a window's messages arrive in order, so
 * everything it posted before has been handled by then.
 */
async function heardFrom(post: (message: unknown) => void) {
  const marker = crypto.randomUUID();
  let heard = false;
  const onMessage = (event: MessageEvent<unknown>) => {
    if ((event.data as { marker?: unknown } | null)?.marker === marker) heard = true;
  };
  window.addEventListener('message', onMessage);
  try {
    post({ marker });
    await until(() => heard, 'the marker');
  } finally {
    window.removeEventListener('message', onMessage);
  }
}

/** An iframe that is not the widget; it posts what it is told and reports what reaches it. */
async function impostorAt(origin: string) {
  const iframe = document.createElement('iframe');
  iframe.src = `${origin}/test/frames/impostor.html`;
  const received: unknown[] = [];
  let ready = false;
  const onMessage = (event: MessageEvent<unknown>) => {
    if (event.source !== iframe.contentWindow) return;
    const data = event.data as { type?: unknown; data?: unknown } | null | undefined;
    if (data?.type === 'impostor:ready') ready = true;
    if (data?.type === 'impostor:received') received.push(data.data);
  };
  window.addEventListener('message', onMessage);
  document.body.append(iframe);
  await until(() => ready, 'the impostor frame');
  const send = (message: unknown) => iframe.contentWindow!.postMessage({ type: 'impostor:send', message }, origin);
  return {
    received,
    send,
    /**
     * Both ways quiet: what the impostor posted has reached the page, and what the page posted back (in reply) has
     * reached the impostor, which reports a marker last.
     */
    async quiet() {
      await heardFrom(send);
      const marker = { marker: crypto.randomUUID() };
      iframe.contentWindow!.postMessage(marker, origin);
      await until(() => received.some((data) => JSON.stringify(data) === JSON.stringify(marker)), 'the reply marker');
      received.splice(received.length - 1, 1);
    },
    remove: () => {
      window.removeEventListener('message', onMessage);
      iframe.remove();
    },
  };
}

describe('security', () => {
  let widget: SimulatorControl;
  let el: RcCallLoggerElement;
  let events: Event[];

  beforeEach(async () => {
    widget = new SimulatorControl();
    events = [];
    el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    for (const type of ['call-log', 'call-match']) {
      el.addEventListener(type, (event) => {
        events.push(event);
        (event as unknown as { respondWith(v: unknown): void }).respondWith({});
      });
    }
    await widget.waitForRegistrations(2);
  });
  afterEach(() => widget.stop());

  for (const [name, origin] of [
    ['at the widget origin', WIDGET_ORIGIN],
    ['at another origin', THIRD_ORIGIN],
  ]) {
    it(`ignores a frame ${name} that is not the widget`, async () => {
      const impostor = await impostorAt(origin);
      try {
        impostor.send(request('spoof-1'));
        impostor.send({ type: 'rc-adapter-pushAdapterState', size: { width: 1, height: 1 }, position: {} });
        impostor.send({ type: 'rc-login-status-notify', loggedIn: true });
        await impostor.quiet();
        await widget.flush(); // a registration the impostor had caused would have reached the widget
        expect(events).to.have.length(0);
        expect(impostor.received).to.have.length(0);
        expect(widget.registrations).to.have.length(2);
      } finally {
        impostor.remove();
      }
    });
  }

  for (const [name, origin] of [
    ['at the widget origin', WIDGET_ORIGIN],
    ['at another origin', THIRD_ORIGIN],
  ]) {
    it(`ignores a frame nested inside the widget, ${name}, posting to the page`, async () => {
      let ready = false;
      const onReady = (event: MessageEvent<unknown>) => {
        const data = event.data as { type?: unknown; origin?: unknown } | null | undefined;
        if (data?.type === 'impostor:ready' && data.origin === origin) ready = true;
      };
      window.addEventListener('message', onReady);
      try {
        widget.command('nest', { url: `${origin}/test/frames/impostor.html` });
        await until(() => ready, 'the nested frame');
        const nested = frame()!.contentWindow!.frames[0];
        for (const message of [
          request('nested-1'),
          { type: 'rc-adapter-pushAdapterState', size: { width: 1, height: 1 }, position: {} },
        ]) {
          nested.postMessage({ type: 'impostor:send', toTop: true, message }, origin);
        }
        await heardFrom((message) => nested.postMessage({ type: 'impostor:send', toTop: true, message }, origin));
        await widget.flush();
        expect(events).to.have.length(0);
        expect(widget.registrations).to.have.length(2);
      } finally {
        window.removeEventListener('message', onReady);
      }
    });
  }

  it('ignores requests the page posts to itself', async () => {
    window.postMessage(request('self-1'), '*');
    window.postMessage({ type: 'rc-adapter-pushAdapterState', size: {}, position: {} }, '*');
    await heardFrom((message) => window.postMessage(message, '*'));
    await widget.flush();
    expect(events).to.have.length(0);
    expect(widget.registrations).to.have.length(2);
  });

  it('ignores malformed messages from the real widget without throwing', async () => {
    const malformed = [
      null,
      'rc-post-message-request',
      ['rc-post-message-request'],
      { type: 42 },
      { type: 'rc-post-message-request', path: '/callLogger', body: callBody() },
      { type: 'rc-post-message-request', requestId: '', path: '/callLogger', body: callBody() },
      { type: 'rc-post-message-request', requestId: 7, path: '/callLogger', body: callBody() },
      { type: 'rc-post-message-request', requestId: 'm-1', path: ['/callLogger'], body: callBody() },
      { type: 'rc-post-message-response', responseId: 'm-2', response: { data: 'x' } },
    ];
    const uncaught: unknown[] = [];
    const previous = window.onerror;
    window.onerror = (message) => uncaught.push(message);
    try {
      for (const message of malformed) widget.command('send', { message });
      await widget.flush();
    } finally {
      window.onerror = previous;
    }
    expect(uncaught).to.deep.equal([]);
    expect(events).to.have.length(0);
    expect(widget.received.filter((r) => r.data?.type === 'rc-post-message-response')).to.have.length(0);
  });

  it('after the widget frame navigates to another origin, nothing is accepted from it or posted to it', async () => {
    const before = widget.received.length;
    widget.command('navigate', { url: `${THIRD_ORIGIN}/src/simulator/app.html` });
    // The page at the new origin is a full simulator: it boots, announces itself and asks to log a call.
    await until(() => widget.boots >= 2, 'the foreign page to boot');
    const requestId = await widget.send('/callLogger', callBody());
    el.serviceName = 'Changed'; // would re-register, if the element still posted to this frame
    await el.updateComplete;
    await widget.flush();
    // The navigation reset the element: methods wait for a widget that announces itself at the widget's origin.
    expect(el.ready).to.equal(false);
    expect(widget.responsesTo(requestId)).to.deep.equal([]);
    expect(events).to.have.length(0);
    expect(widget.received.slice(before)).to.deep.equal([]);
  });
});

describe('security: the page enforces a Content Security Policy', () => {
  /** Runs the element in a page with `csp`; resolves with its first `ready` or `error`. */
  async function underPolicy(
    csp: string,
    adapter: string,
    { trust = false, ...more }: { trust?: boolean; app?: string; retry?: '1' } = {},
  ): Promise<{ type: string; message?: string }> {
    const iframe = document.createElement('iframe');
    let outcome: { type: string; message?: string } | undefined;
    const listen = (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown; message?: string } | null | undefined;
      if (event.source !== iframe.contentWindow || typeof data?.type !== 'string' || !data.type.startsWith('csp:'))
        return;
      outcome ??= { type: data.type.slice(4), message: data.message };
    };
    window.addEventListener('message', listen);
    iframe.src = `/test/frames/csp.html?${new URLSearchParams({ csp, adapter, ...more, ...(trust ? { trust: '1' } : {}) })}`;
    document.body.append(iframe);
    try {
      return await until(() => outcome, 'the element to be ready or fail');
    } finally {
      window.removeEventListener('message', listen);
      iframe.remove();
    }
  }

  const TT = "require-trusted-types-for 'script'; trusted-types rc-call-logger";

  it('Trusted Types enforced: the element loads the adapter through its own "rc-call-logger" policy', async () => {
    const outcome = await underPolicy(TT, ADAPTER_SRC, { trust: true });
    expect(outcome).to.deep.equal({ type: 'ready', message: undefined });
  });

  it('Trusted Types enforced: an adapter origin the page did not trust from script is refused', async () => {
    const outcome = await underPolicy(TT, ADAPTER_SRC);
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include('trustAdapterOrigin');
  });

  it('Trusted Types enforced: markup cannot make adapter-src run a data: URL', async () => {
    const outcome = await underPolicy(
      `${TT}; script-src 'self' 'unsafe-inline' data:`,
      'data:text/javascript,parent.postMessage({type:"csp:PWNED"},"*")',
    );
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include('http(s)');
  });

  it('Trusted Types enforced without our policy allowed: an error event says which policy to allow', async () => {
    const outcome = await underPolicy("require-trusted-types-for 'script'; trusted-types other-policy", ADAPTER_SRC);
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include('trusted-types rc-call-logger');
  });

  it('Trusted Types enforced: app-url cannot move the widget, and every answer, to an origin the page did not trust', async () => {
    const outcome = await underPolicy(TT, ADAPTER_SRC, { trust: true, app: `${THIRD_ORIGIN}/src/simulator/app.html` });
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include(`allow ${THIRD_ORIGIN} with RcCallLoggerElement.trustAdapterOrigin()`);
  });

  it('app-url that is not http(s) (javascript:) is refused with an error, before any frame is made', async () => {
    const outcome = await underPolicy('object-src', ADAPTER_SRC, {
      trust: true,
      app: 'javascript:parent.postMessage({type:"csp:PWNED"},"*")//',
    });
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include('app-url must be an http(s) URL');
  });

  it('a failed start is tried again on the next connect: trusted from script after the error, it starts', async () => {
    const outcome = await underPolicy(TT, ADAPTER_SRC, { retry: '1' });
    expect(outcome).to.deep.equal({ type: 'ready', message: undefined });
  });

  it('frame-src that refuses the widget: an error names it at once (widget-silent)', async () => {
    const outcome = await underPolicy("frame-src 'self'", ADAPTER_SRC);
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include(`CSP frame-src refuses the widget at ${new URL(ADAPTER_SRC).origin}`);
  });

  it('script-src that does not allow the adapter: an error event names the URL', async () => {
    const outcome = await underPolicy("script-src 'self' 'unsafe-inline'", ADAPTER_SRC);
    expect(outcome.type).to.equal('error');
    expect(outcome.message).to.include(ADAPTER_SRC);
  });
});
