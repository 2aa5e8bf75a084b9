/**
 * `log-url` and `match-url` against the reference CRM server (examples/crm-server.mjs), which the test server mounts
 * under `/crm/{namespace}/` on the page's own origin: what the server stored and what the widget shows. With the
 * outbox: test/outbox.test.ts (the outbox is the origin's, so its tests share one file and never run side by side).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { RcCallLoggerElement } from '../src/index.js';
import { CrmEndpoint } from './helpers/crm.js';
import { fetchedScripts, heldPage } from './helpers/held-page.js';
import { ADAPTER_SRC, SimulatorControl, WIDGET_ORIGIN, callBody, until } from './helpers/simulator.js';

const LOG = '/callLogger';
const CDN_CHUNK = '/dist/cdn/rc-call-logger-delivery.js';

const MATCH = '/callLogger/match';

describe('log-url and match-url', () => {
  let widget: SimulatorControl;
  let crm: CrmEndpoint;
  beforeEach(async () => {
    widget = new SimulatorControl();
    crm = await CrmEndpoint.create();
  });
  afterEach(() => widget.stop());

  async function logger({ matchUrl = crm.matchUrl } = {}) {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="Acme CRM"
        log-url=${crm.logUrl}
        match-url=${matchUrl}
      ></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    return { el };
  }

  it('a static page with one tag and two attributes logs a call end to end, and the widget shows it logged', async () => {
    const iframe = document.createElement('iframe');
    iframe.src = `/test/frames/static-endpoints.html?adapter=${encodeURIComponent(ADAPTER_SRC)}`;
    document.body.append(iframe);
    try {
      const page = iframe.contentWindow as Window & { widget?: SimulatorControl };
      const pageWidget = await until(() => page.widget, 'the page to load');
      await pageWidget.waitForRegistrations(2);
      const sessionId = await pageWidget.call({ past: true });
      pageWidget.click(sessionId, 'log');
      await pageWidget.waitForCall(sessionId, (call) => call.logged);
      const record = (await CrmEndpoint.named('static-page').records()).find((r) => r.sessionId === sessionId);
      expect(record).to.include({ id: `log-${sessionId}`, triggerType: 'createLog', writes: 1 });
      expect(record!.call.sessionId).to.equal(sessionId);
      // log-url loaded the endpoints' file, beside the CDN file (a page without it does not: test/cdn.test.ts).
      expect(fetchedScripts(iframe)).to.include.members(['/dist/cdn/rc-call-logger.js', CDN_CHUNK]);
    } finally {
      iframe.remove();
    }
  });

  it('a call log that arrives while the endpoints are still loading waits for them and is answered from log-url', async () => {
    const { iframe, key, pageWidget, release } = await heldPage({ 'log-url': crm.logUrl });
    try {
      const id = await pageWidget.send(LOG, callBody('s-held'));
      await pageWidget.flush(); // the element has the request
      expect(fetchedScripts(iframe)).not.to.include(`/test/held/${key}/rc-call-logger-delivery.js`);
      await release();
      expect((await pageWidget.outcome(id)).response).to.deep.equal({ data: { id: 'log-s-held' } });
      expect(await crm.puts()).to.deep.equal([{ sessionId: 's-held', triggerType: 'createLog', status: 200 }]);
    } finally {
      iframe.remove();
    }
  });

  it('a log is a PUT by session: the server keeps one record, the widget gets its id through match-url', async () => {
    await logger();
    expect(await widget.request(LOG, callBody('s-put'))).to.deep.equal({ data: { id: 'log-s-put' } });
    await widget.request(LOG, callBody('s-put', 'callLogSync'));
    const [record] = await crm.records();
    expect(record).to.include({ sessionId: 's-put', triggerType: 'callLogSync', writes: 2 });
    expect(record.call).to.deep.equal(callBody('s-put').call);
    expect(await widget.request(MATCH, { sessionIds: ['s-put', 's-other'] })).to.deep.equal({
      data: { 's-put': [{ id: 'log-s-put' }] },
    });
  });

  it('a listener that answers comes first: nothing goes to log-url', async () => {
    const { el } = await logger();
    el.addEventListener('call-log', (event) => event.respondWith({ id: 'mine' }));
    expect(await widget.request(LOG, callBody('s-mine'))).to.deep.equal({ data: { id: 'mine' } });
    expect(await crm.puts()).to.deep.equal([]);
  });

  it("the page's csrf-token meta tag goes along as X-CSRF-Token", async () => {
    await crm.control({ csrfToken: 'csrf-123' });
    await logger();
    expect(await widget.request(LOG, callBody('s-csrf-missing'))).to.deep.equal({
      error: { message: 'log-url answered 403' },
    });
    const meta = Object.assign(document.createElement('meta'), { name: 'csrf-token', content: 'csrf-123' });
    document.head.append(meta);
    try {
      expect(await widget.request(LOG, callBody('s-csrf'))).to.deep.equal({ data: { id: 'log-s-csrf' } });
    } finally {
      meta.remove();
    }
  });

  it('another origin needs endpoint-credentials: refused with an error by default, sent with "include"', async () => {
    const elsewhere = `${WIDGET_ORIGIN}${crm.logUrl}`;
    const errors: string[] = [];
    const { el } = await logger();
    el.addEventListener('error', (event) => errors.push(event.message));
    el.logUrl = elsewhere;
    await el.updateComplete;
    expect(errors[0]).to.match(/log-url is on another origin .* set endpoint-credentials/);
    const reply = (await widget.request(LOG, callBody('s-away'))) as { error: { message: string } };
    expect(reply.error.message).to.match(/log-url is on another origin/);
    expect(await crm.puts()).to.deep.equal([]);

    await crm.control({ allowOrigin: location.origin });
    el.endpointCredentials = 'include';
    await el.updateComplete;
    expect(await widget.request(LOG, callBody('s-away'))).to.deep.equal({ data: { id: 'log-s-away' } });
  });

  it('a log-url that redirects is a failure: the body and the CSRF token do not follow it', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="Acme CRM"
        log-url=${`${crm.base}/moved`}
      ></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    expect(await widget.request(LOG, callBody('s-moved'))).to.deep.equal({
      error: { message: 'log-url redirected; point it at the endpoint itself' },
    });
    expect(await crm.puts()).to.deep.equal([]);
    el.remove();
  });

  it('a match-url that fails is an error reply, not "nothing logged"', async () => {
    await logger({ matchUrl: `${crm.base}/nowhere` });
    expect(await widget.request(MATCH, { sessionIds: ['s-1'] })).to.deep.equal({
      error: { message: 'match-url answered 404' },
    });
  });
});
