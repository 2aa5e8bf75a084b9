// The reference server in examples/crm-server.mjs, over HTTP: what docs/endpoints.md and
// docs/crm-endpoints.openapi.yaml promise an integrator's server does.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startCrmServer } from '../../examples/crm-server.mjs';

const ORIGIN = 'http://localhost:8000';
let server;
let base;

before(async () => {
  server = await startCrmServer({ port: 0, host: '127.0.0.1', staticDir: 'demo', allowOrigin: ORIGIN });
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
const log = (sessionId, body, headers = json) =>
  fetch(`${base}/calls/${encodeURIComponent(sessionId)}`, { method: 'PUT', headers, body: JSON.stringify(body) });
const match = (sessionIds, headers = json) =>
  fetch(`${base}/calls/match`, { method: 'POST', headers, body: JSON.stringify({ sessionIds }) });
const callBody = (sessionId, triggerType = 'createLog', extra = {}) => ({
  call: { sessionId, direction: 'Inbound', from: { phoneNumber: '+16505550111' }, result: 'Accepted' },
  triggerType,
  ...extra,
});

/** A request exactly as written: fetch() would normalise `..` out of the path before sending it. */
const rawGet = (path) =>
  new Promise((resolve, reject) => {
    request(`${base}${path}`, (res) => resolve(res.statusCode) || res.resume())
      .on('error', reject)
      .end();
  });

describe('the reference CRM server', () => {
  it('upserts by sessionId: two PUTs make one record with writes 2, the last write winning', async () => {
    const first = await log('up/1', callBody('up/1', 'createLog', { note: 'Asked for a quote' }));
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { id: 'log-up/1' });
    const second = await log('up/1', callBody('up/1', 'presenceUpdate', { call: { sessionId: 'up/1', duration: 42 } }));
    assert.equal(second.status, 200);

    const record = server.store.records.get('up/1');
    assert.equal(record.writes, 2);
    assert.equal(record.id, 'log-up/1');
    assert.equal(record.triggerType, 'presenceUpdate');
    assert.equal(record.call.duration, 42);
    assert.equal(record.note, 'Asked for a quote', 'a write without a note keeps the note');
    const listed = await (await fetch(`${base}/calls`)).json();
    assert.equal(listed.filter((r) => r.sessionId === 'up/1').length, 1);
  });

  it('answers match with the logged sessionIds only, each with its entry', async () => {
    await log('m-1', callBody('m-1', 'logForm', { note: 'Renewal' }));
    await log('m-2', callBody('m-2'));
    const response = await match(['m-1', 'm-2', 'never-logged', '__proto__']);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      'm-1': [{ id: 'log-m-1', note: 'Renewal' }],
      'm-2': [{ id: 'log-m-2' }],
    });
  });

  it('refuses what breaks the contract with 400, 404, 405, 413 and 415, storing nothing', async () => {
    const before = server.store.records.size;
    const cases = [
      [await log('a', callBody('b')), 400, /call.sessionId/],
      [await log('a', ['not', 'an', 'object']), 400, /body must be/],
      [await log('a', { triggerType: 'createLog' }), 400, /body must be/],
      [await fetch(`${base}/calls/a`, { method: 'PUT', headers: json, body: '{"call":' }), 400, /not JSON/],
      [await match('m-1'), 400, /sessionIds/],
      [await fetch(`${base}/calls/a/b`, { method: 'PUT', headers: json, body: '{}' }), 404, /no such/],
      [await fetch(`${base}/calls/a`, { method: 'DELETE' }), 405, /PUT/],
      [await fetch(`${base}/calls/match`, { method: 'GET' }), 405, /PUT/],
      [await fetch(`${base}/calls`, { method: 'POST', headers: json, body: '{}' }), 405, /GET/],
      [await log('a', callBody('a'), { 'Content-Type': 'text/plain' }), 415, /application\/json/],
      [await log('a', callBody('a', 'createLog', { note: 'x'.repeat(1024 * 1024) })), 413, /over/],
    ];
    for (const [response, status, message] of cases) {
      assert.equal(response.status, status, `${response.url}: ${status}`);
      assert.match((await response.json()).error, message);
    }
    assert.equal((await fetch(`${base}/calls/a`, { method: 'DELETE' })).headers.get('allow'), 'PUT');
    assert.equal(server.store.records.size, before);
  });

  it('with a CSRF token, refuses PUT and POST without the matching X-CSRF-Token (403)', async () => {
    server.store.csrfToken = 'token-123';
    try {
      assert.equal((await log('csrf-1', callBody('csrf-1'))).status, 403);
      assert.equal((await log('csrf-1', callBody('csrf-1'), { ...json, 'X-CSRF-Token': 'token-12' })).status, 403);
      assert.equal((await match(['csrf-1'])).status, 403);
      assert.equal(server.store.records.has('csrf-1'), false);
      assert.equal((await log('csrf-1', callBody('csrf-1'), { ...json, 'X-CSRF-Token': 'token-123' })).status, 200);
      assert.equal((await match(['csrf-1'], { ...json, 'X-CSRF-Token': 'token-123' })).status, 200);
      assert.equal((await fetch(`${base}/calls`)).status, 200, 'reading needs no token');
    } finally {
      server.store.csrfToken = '';
    }
  });

  it('answers CORS for the allowed origin only, exactly and with credentials', async () => {
    const preflight = (origin) =>
      fetch(`${base}/calls/x`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const allowed = await preflight(ORIGIN);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    assert.match(allowed.headers.get('access-control-allow-methods'), /PUT/);
    assert.match(allowed.headers.get('access-control-allow-headers'), /Content-Type/);
    assert.match(allowed.headers.get('access-control-allow-headers'), /X-CSRF-Token/);

    const foreign = await preflight('http://evil.example');
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal(foreign.headers.get('access-control-allow-methods'), null);

    const put = await log('cors-1', callBody('cors-1'), { ...json, Origin: ORIGIN });
    assert.equal(put.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(put.headers.get('vary'), /Origin/);
  });

  it('serves static files with their types, and nothing outside the folder', async () => {
    const page = await fetch(`${base}/index.html`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.equal(await rawGet('/call-log-store.js'), 200);
    assert.equal(
      (await fetch(`${base}/call-log-store.js`)).headers.get('content-type'),
      'text/javascript; charset=utf-8',
    );
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/x%2F..%2F..%2Fpackage.json',
      '/..%5Cpackage.json',
    ]) {
      assert.ok([403, 404].includes(await rawGet(path)), `${path} is refused`);
    }
    assert.equal(await rawGet('/x%2F..%2F..%2Fpackage.json'), 403);
  });
});

describe('docs/crm-endpoints.openapi.yaml', () => {
  it('parses, and documents the two operations and their answers', () => {
    // js-yaml comes with ESLint; the file is plain YAML any parser reads.
    const yaml = createRequire(import.meta.url)('js-yaml');
    const spec = yaml.load(readFileSync('docs/crm-endpoints.openapi.yaml', 'utf8'));
    assert.match(spec.openapi, /^3\.1\./);
    const log = spec.paths['/calls/{sessionId}']?.put;
    const matchOp = spec.paths['/calls/match']?.post;
    assert.ok(log && matchOp, 'PUT /calls/{sessionId} and POST /calls/match');
    for (const status of ['200', '400', '403', '413', '429', '503']) assert.ok(log.responses[status], `PUT ${status}`);
    assert.ok(matchOp.responses['200']);
    for (const [, ref] of JSON.stringify(spec).matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref.split('/').reduce((node, key) => node?.[key], spec);
      assert.ok(target, `#/${ref} resolves`);
    }
  });
});
