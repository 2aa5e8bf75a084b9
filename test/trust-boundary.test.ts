/**
 * The second security round: attacks from windows at the widget's own origin, hostile registrations, app-url,
 * tokens in every spelling, and markup that shadows the document's members. Each test is an attack that worked
 * before the element defended against it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CallLogEvent, CallMatchEvent, RcCallLoggerElement } from '../src/index.js';
import { LOG, MATCH, quietly } from './helpers/hardening.js';
import {
  ADAPTER_SRC,
  SimulatorControl,
  THIRD_ORIGIN,
  WIDGET_ORIGIN,
  callBody,
  frame,
  until,
} from './helpers/simulator.js';

/** Messages the page received from `source` whose type starts with `impostor:`, as they come. */
function listenTo(source: () => Window | null | undefined) {
  const heard: Array<{ type: string; data?: unknown; marker?: string }> = [];
  const onMessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (event.source === source() && typeof data?.type === 'string' && data.type.startsWith('impostor:'))
      heard.push(data as (typeof heard)[number]);
  };
  window.addEventListener('message', onMessage);
  return { heard, stop: () => window.removeEventListener('message', onMessage) };
}

/** A frame that is not the widget, at `origin`, on the page; resolves once it has loaded. */
async function impostorAt(origin: string): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.src = `${origin}/test/frames/impostor.html`;
  const { heard, stop } = listenTo(() => iframe.contentWindow);
  document.body.append(iframe);
  try {
    await until(() => heard.some((m) => m.type === 'impostor:ready'), 'the impostor frame');
  } finally {
    stop();
  }
  return iframe;
}

/** The index of the widget frame in the page's `frames`, as another frame reaches it (`parent.frames[i]`). */
function widgetIndex(): number {
  const index = [...Array(window.frames.length).keys()].find((i) => window.frames[i] === frame()?.contentWindow);
  if (index === undefined) throw new Error(`no widget frame among ${window.frames.length} frames`);
  return index;
}

/** Captures console.warn lines while `body` runs. */
async function warnings(body: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => lines.push(args.join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return lines;
}

describe('trust boundary', () => {
  let widget: SimulatorControl;
  afterEach(() => widget.stop());

  it('a frame at the widget origin that navigates the widget frame: the page it loads gets no pending answer, and no route until it announces itself', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    let release = () => {};
    const logged: string[] = [];
    el.addEventListener('call-match', (event: CallMatchEvent) =>
      event.respondWith(
        new Promise((resolve) => (release = () => resolve({ 's-1': [{ id: 'crm-1', note: 'CRM NOTES' }] }))),
      ),
    );
    el.addEventListener('call-log', (event: CallLogEvent) => {
      logged.push(event.call.sessionId);
      event.respondWith('ok');
    });
    await widget.send(MATCH, { sessionIds: ['s-1'], activeSessionIds: [] }); // the answer is held back
    const impostor = await impostorAt(WIDGET_ORIGIN);
    const inWidgetFrame = listenTo(() => frame()?.contentWindow);
    try {
      const printed = await warnings(async () => {
        impostor.contentWindow!.postMessage(
          { type: 'impostor:navigate', frame: widgetIndex(), url: `${WIDGET_ORIGIN}/test/frames/impostor.html` },
          WIDGET_ORIGIN,
        );
        await until(() => inWidgetFrame.heard.some((m) => m.type === 'impostor:ready'), 'the impostor in the frame');
        await until(() => !el.ready, 'the element to notice the navigation');
      });
      expect(printed.join('\n')).to.include('navigated the widget frame');
      release();
      // The page now in the widget frame asks to log a forged call without announcing itself first.
      const taken = frame()!.contentWindow!;
      const forged = { type: 'rc-post-message-request', requestId: 'forged-1', path: LOG, body: callBody('forged') };
      taken.postMessage({ type: 'impostor:send', message: forged }, WIDGET_ORIGIN);
      // Markers both ways: the impostor's own messages are handled in order, and so are the page's to it.
      taken.postMessage({ type: 'impostor:send', message: { type: 'impostor:marker' } }, WIDGET_ORIGIN);
      await until(() => inWidgetFrame.heard.some((m) => m.type === 'impostor:marker'), 'the marker from the frame');
      await new Promise((resolve) => setTimeout(resolve)); // the held answer's microtasks
      taken.postMessage({ marker: 'last' }, WIDGET_ORIGIN);
      await until(
        () => inWidgetFrame.heard.some((m) => (m.data as { marker?: string } | undefined)?.marker === 'last'),
        'the marker to the frame',
      );
      const received = inWidgetFrame.heard.filter((m) => m.type === 'impostor:received').map((m) => m.data);
      expect(JSON.stringify(received)).not.to.include('CRM NOTES');
      expect(received).to.deep.equal([{ marker: 'last' }]);
      expect(logged).to.deep.equal([]);
    } finally {
      inWidgetFrame.stop();
      impostor.remove();
    }
  });

  it("a frame's registration with recordingWithToken: the page's listener still gets the recording URL without the token", async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM" auto-log></rc-call-logger>`,
    );
    const uris: string[] = [];
    el.addEventListener('call-log', (event: CallLogEvent) => {
      if (event.call.recording?.contentUri) uris.push(event.call.recording.contentUri);
      event.respondWith('ok');
    });
    el.addEventListener('call-match', (event: CallMatchEvent) => event.respondWith({}));
    const [ours] = (await widget.waitForRegistrations(2)).slice(-1);
    const ad = await impostorAt(THIRD_ORIGIN);
    try {
      const hostile = {
        type: 'rc-adapter-register-third-party-service',
        service: { ...ours, recordingWithToken: true },
      };
      ad.contentWindow!.postMessage({ type: 'impostor:send', frame: widgetIndex(), message: hostile }, THIRD_ORIGIN);
      await widget.waitForRegistrations(3);
      const sessionId = await widget.call();
      await widget.waitForCall(sessionId, (call) => call.recording && !call.logging);
      await until(() => uris.length > 0, 'the recording');
      expect(uris.at(-1)).to.match(/^https:\/\/media\.ringcentral\.com\/\S+\/content$/);
    } finally {
      ad.remove();
    }
  });

  it('a failed log: what is printed and the status line hide tokens in every spelling; the line is capped', async () => {
    widget = new SimulatorControl();
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    const spellings = [
      'u%3Faccess_token%253DSECRET1',
      '{"access_token":"SECRET2"}',
      'Authorization: Bearer SECRET3',
      'accessToken=SECRET4',
      'access_token = SECRET5',
      'access%5Ftoken=SECRET6',
      'refresh_token=SECRET7',
    ];
    el.addEventListener('call-log', (event: CallLogEvent) =>
      event.respondWith(Promise.reject(new Error(`CRM refused ${spellings.join(' ')}`))),
    );
    el.addEventListener('call-match', (event: CallMatchEvent) => event.respondWith({}));
    const printed = await quietly(async () => {
      await widget.request(LOG, callBody('tokens-1'));
      await until(
        () => widget.acceptedFor(MATCH).some((r) => JSON.stringify(r).includes('tokens-1')),
        'the failed status line',
      );
    });
    const line = widget
      .acceptedFor(MATCH)
      .map((r) => (r as { data?: Record<string, Array<{ message?: string }>> }).data?.['tokens-1']?.[0]?.message)
      .find(Boolean)!;
    expect(printed.join('\n')).to.include('CRM refused');
    expect(printed.join('\n')).not.to.match(/SECRET/);
    expect(line).to.match(/^Not logged: CRM refused/);
    expect(line).not.to.match(/SECRET/);
    expect(line.length).to.be.at.most(60);
  });

  it('markup that shadows document members (<img name="scripts">, "head", "baseURI") does not stop the element', async () => {
    widget = new SimulatorControl();
    const markup = ['scripts', 'head', 'baseURI'].map((name) => Object.assign(document.createElement('img'), { name }));
    document.body.append(...markup);
    const errors: string[] = [];
    try {
      const el = document.createElement('rc-call-logger');
      Object.assign(el, { adapterSrc: `${ADAPTER_SRC}&markup=1`, serviceName: 'Acme CRM' });
      el.addEventListener('error', (event) => errors.push(event.message));
      document.body.append(el);
      try {
        await until(() => el.ready || errors.length > 0, 'ready or an error');
        expect(errors).to.deep.equal([]);
      } finally {
        el.remove();
      }
    } finally {
      for (const img of markup) img.remove();
    }
  });
});
