// The test mount of the reference CRM server (web-test-runner.config.mjs, test/helpers/crm.ts), driven with plain
// fetch(): what the element's log-url and match-url tests rely on.
import { expect } from '@open-wc/testing';
import { CrmEndpoint } from './helpers/crm.js';
import { WIDGET_ORIGIN, callBody } from './helpers/simulator.js';

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

describe('CRM test mount', () => {
  let crm: CrmEndpoint;
  const log = (sessionId: string, extra: Record<string, unknown> = {}, headers: HeadersInit = json) =>
    fetch(`${crm.logUrl}/${encodeURIComponent(sessionId)}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ ...callBody(sessionId), ...extra }),
    });

  beforeEach(async () => {
    crm = await CrmEndpoint.create();
  });

  it('stores two PUTs of one call as one record, written twice', async () => {
    expect((await log('s/1')).status).to.equal(200);
    const second = await log('s/1', { triggerType: 'presenceUpdate' });
    expect(await second.json()).to.deep.equal({ id: 'log-s/1' });

    const records = await crm.records();
    expect(records.map(({ sessionId, writes, triggerType }) => ({ sessionId, writes, triggerType }))).to.deep.equal([
      { sessionId: 's/1', writes: 2, triggerType: 'presenceUpdate' },
    ]);
    expect(await crm.puts()).to.deep.equal([
      { sessionId: 's/1', triggerType: 'createLog', status: 200 },
      { sessionId: 's/1', triggerType: 'presenceUpdate', status: 200 },
    ]);
    const match = await fetch(crm.matchUrl, { method: 'POST', headers: json, body: '{"sessionIds":["s/1","s/2"]}' });
    expect(await match.json()).to.deep.equal({ 's/1': [{ id: 'log-s/1' }] });
  });

  it('fails the next PUTs as told (503, then a dropped connection), storing only what succeeds', async () => {
    await crm.failNext(2);
    expect((await log('s-1')).status).to.equal(503);
    expect((await log('s-1', { triggerType: 'retry', attempt: 2 })).status).to.equal(503);
    expect((await log('s-1', { triggerType: 'retry', attempt: 3 })).status).to.equal(200);
    await crm.failNext(1, 0);
    const dropped = await log('s-1', { triggerType: 'retry', attempt: 4 }).then(
      () => 'answered',
      (error: unknown) => (error instanceof TypeError ? 'network error' : error),
    );
    expect(dropped).to.equal('network error');

    expect((await crm.puts()).map(({ attempt, status }) => [attempt, status])).to.deep.equal([
      [undefined, 503],
      [2, 503],
      [3, 200],
      [4, 0],
    ]);
    expect((await crm.records()).map(({ writes }) => writes)).to.deep.equal([1]);
  });

  it('checks the CSRF token once a test turns it on', async () => {
    await crm.control({ csrfToken: 'token-1' });
    expect((await log('s-1')).status).to.equal(403);
    expect((await log('s-1', {}, { ...json, 'X-CSRF-Token': 'token-1' })).status).to.equal(200);
    expect((await crm.puts()).map(({ status }) => status)).to.deep.equal([403, 200]);
  });

  it('answers another origin only once a test allows it (CORS, with credentials)', async () => {
    const crossOrigin = () =>
      fetch(`${WIDGET_ORIGIN}${crm.logUrl}/s-1`, {
        method: 'PUT',
        credentials: 'include',
        headers: json,
        body: JSON.stringify(callBody('s-1')),
      }).then(
        (response) => response.status,
        (error: unknown) => (error instanceof TypeError ? 'refused' : error),
      );
    expect(await crossOrigin()).to.equal('refused');
    await crm.control({ allowOrigin: location.origin });
    expect(await crossOrigin()).to.equal(200);
    expect((await crm.records()).map(({ writes }) => writes)).to.deep.equal([1]);
  });

  it('keeps each namespace apart', async () => {
    await log('s-1');
    const other = await CrmEndpoint.create();
    expect(await other.records()).to.deep.equal([]);
    expect(await crm.records()).to.have.length(1);
  });
});
