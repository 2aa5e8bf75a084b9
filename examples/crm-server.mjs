#!/usr/bin/env node
// A reference server for <rc-call-logger>'s `log-url` and `match-url` (docs/endpoints.md): plain Node, no
// dependencies, calls kept in memory. Read it as a checklist for your own framework; every rule below is one your
// server needs too.
//
//   PUT  /calls/{sessionId}  stores the log of a call: an upsert, since one call arrives many times
//   POST /calls/match        answers which of these calls are logged
//   GET  /calls              lists what is stored (to look at; the element never asks for it)
//
// `node examples/crm-server.mjs --help` for the command line; `createCallStore()` to mount the API in another server.
import { timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** A call log is a few kilobytes; anything near this is a mistake or an attack, and is refused unread. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The calls API over an in-memory `records` Map (sessionId → record). `handle(req, res, pathname)` answers a request
 * whose path, below wherever you mount the API, is `/calls` or starts with `/calls/`, and resolves to `false` for any
 * other path, which it leaves alone.
 *
 * - `csrfToken`: PUT and POST must carry it in `X-CSRF-Token` (403 otherwise). The element sends the content of the
 *   page's `<meta name="csrf-token">` there, to a same-origin URL only. Settable later: `store.csrfToken = …`.
 * - `allowOrigin`: the one other origin whose pages may call the API (CORS), e.g. `https://app.example.com`.
 */
export function createCallStore({ csrfToken = '', allowOrigin = '' } = {}) {
  const records = new Map();
  const store = { records, csrfToken, allowOrigin, handle };

  async function handle(req, res, pathname) {
    if (pathname !== '/calls' && !pathname.startsWith('/calls/')) return false;
    allowCrossOrigin(req, res, store.allowOrigin);
    // The path is split before it is decoded: the element encodes the sessionId, so a `/` in it arrives as %2F.
    const [, , encodedId, ...rest] = pathname.split('/');
    const { method } = req;

    if (method === 'OPTIONS') return answerPreflight(req, res, store.allowOrigin);
    if (rest.length > 0 || encodedId === '') return send(res, 404, { error: 'no such resource' });
    if (encodedId === undefined) {
      if (method !== 'GET') return send(res, 405, { error: 'use GET' }, { Allow: 'GET' });
      return send(res, 200, [...records.values()]);
    }
    const isMatch = encodedId === 'match' && method === 'POST';
    if (method !== 'PUT' && !isMatch) {
      return send(res, 405, { error: 'use PUT to log a call' }, { Allow: encodedId === 'match' ? 'PUT, POST' : 'PUT' });
    }

    // Every request below changes state or may be sent by a logged-in user's browser: the usual CSRF rules apply.
    if (store.csrfToken && !sameSecret(req.headers['x-csrf-token'], store.csrfToken)) {
      return send(res, 403, { error: 'missing or wrong X-CSRF-Token' });
    }
    // Only JSON: a cross-origin page can send a form or text/plain body without asking, but a JSON one only after
    // a CORS preflight, which this server grants to `allowOrigin` alone. Refusing the rest is CSRF defence too.
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, { error: 'send Content-Type: application/json' });
    }
    const body = await readJson(req);
    if (body.error) return send(res, body.status, { error: body.error }, body.headers);

    if (isMatch) return answerMatch(res, body.value);
    let sessionId;
    try {
      sessionId = decodeURIComponent(encodedId);
    } catch {
      return send(res, 400, { error: 'the sessionId in the path is not valid percent-encoding' });
    }
    return storeLog(res, sessionId, body.value);
  }

  /** The upsert: one record per sessionId, created by the first write and overwritten by each later one. */
  function storeLog(res, sessionId, body) {
    if (!isObject(body) || !isObject(body.call)) return send(res, 400, { error: 'the body must be {call: {…}, …}' });
    if (body.call.sessionId !== sessionId) {
      return send(res, 400, { error: 'call.sessionId must equal the sessionId in the path' });
    }
    const previous = records.get(sessionId);
    const now = new Date().toISOString();
    records.set(sessionId, {
      id: `log-${sessionId}`,
      sessionId,
      call: body.call,
      triggerType: body.triggerType,
      // The widget repeats the call on every change (ringing, ended, recording ready…) but sends the user's note
      // and form only from the log form: a later automatic write must not erase them.
      note: body.note ?? previous?.note,
      formData: body.formData ?? previous?.formData,
      writes: (previous?.writes ?? 0) + 1,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    });
    return send(res, 200, { id: `log-${sessionId}` });
  }

  /** `{sessionId: [entry]}` for the stored calls; a sessionId left out means "not logged". */
  function answerMatch(res, body) {
    const ids = body?.sessionIds;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return send(res, 400, { error: 'the body must be {sessionIds: string[]}' });
    }
    const logged = ids.filter((id) => records.has(id)).map((id) => records.get(id));
    // fromEntries, not `answer[id] = …`: a sessionId such as "__proto__" stays a plain key.
    return send(res, 200, Object.fromEntries(logged.map(({ sessionId, id, note }) => [sessionId, [{ id, note }]])));
  }

  return store;
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compares in constant time, so the answer's timing does not reveal how much of a guess was right. */
function sameSecret(given, expected) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * CORS for `allowOrigin` only, echoed exactly. Never `*`: browsers refuse `*` for requests with cookies
 * (`endpoint-credentials="include"`), and a wildcard would let any site write call logs.
 */
function allowCrossOrigin(req, res, allowOrigin) {
  res.setHeader('Vary', 'Origin');
  if (!allowOrigin || req.headers.origin !== allowOrigin) return;
  res.setHeader('Access-Control-Allow-Origin', allowOrigin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
}

/** A browser asks before a cross-origin PUT or JSON POST; an origin other than `allowOrigin` gets no permission. */
function answerPreflight(req, res, allowOrigin) {
  if (allowOrigin && req.headers.origin === allowOrigin) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept, X-CSRF-Token');
    res.setHeader('Access-Control-Max-Age', '600');
  }
  res.writeHead(204, { Allow: 'GET, PUT, POST, OPTIONS' }).end();
  return true;
}

/** The body as JSON: `{value}`, or `{status, error}` for a body too large (413) or not JSON (400). */
function readJson(req) {
  return new Promise((resolvePromise) => {
    const tooLarge = () => {
      // Stop reading; the rest of the upload is thrown away, and the connection closed after the answer.
      req.removeAllListeners('data');
      req.resume();
      resolvePromise({
        status: 413,
        error: `the body is over ${MAX_BODY_BYTES} bytes`,
        headers: { Connection: 'close' },
      });
    };
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return tooLarge();
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolvePromise({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolvePromise({ status: 400, error: 'the body is not JSON' });
      }
    });
    req.on('error', () => resolvePromise({ status: 400, error: 'the body could not be read' }));
  });
}

/** Answers JSON; `true` tells the caller the request was handled. */
function send(res, status, json, headers = {}) {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(json));
  return true;
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Serves a file under `root`; a path that would leave it (`..`, encoded or not) is refused. */
async function serveStatic(res, root, pathname) {
  let file;
  try {
    file = resolve(join(root, decodeURIComponent(pathname)));
  } catch {
    return send(res, 400, { error: 'bad path' });
  }
  if (file !== root && !file.startsWith(root + sep)) return send(res, 403, { error: 'outside the served folder' });
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    send(res, 404, { error: 'not found' });
  }
  return true;
}

/**
 * An HTTP server with the calls API at `/calls…` and, when `staticDir` is given, that folder's files at every
 * other path. Resolves once it listens; `server.address().port` is the port (useful with `port: 0`).
 */
export async function startCrmServer({ port = 8001, host, staticDir, allowOrigin, csrfToken } = {}) {
  const store = createCallStore({ allowOrigin, csrfToken });
  const root = staticDir && resolve(staticDir);
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (await store.handle(req, res, pathname)) return;
    if (root && req.method === 'GET') return serveStatic(res, root, pathname);
    send(res, 404, { error: 'not found' });
  });
  await new Promise((done, fail) => server.once('error', fail).listen(port, host, done));
  return Object.assign(server, { store });
}

const USAGE = `Usage: node examples/crm-server.mjs [--port 8001] [--static DIR] [--allow-origin ORIGIN]

A reference server for <rc-call-logger log-url match-url>, calls kept in memory:
  PUT  /calls/{sessionId}  log a call (an upsert by sessionId)
  POST /calls/match        {sessionIds: [...]} -> {sessionId: [{id, note}]} for the logged ones
  GET  /calls              every stored record, as JSON

  --port N               port to listen on (default 8001)
  --static DIR           also serve the files in DIR at every other path
  --allow-origin ORIGIN  let pages of ORIGIN (exactly, e.g. http://localhost:8000) call the API (CORS)
  --help                 this text
`;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8001' },
      static: { type: 'string' },
      'allow-origin': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
  } else {
    const server = await startCrmServer({
      port: Number(values.port),
      staticDir: values.static,
      allowOrigin: values['allow-origin'],
    });
    console.log(`CRM reference server: http://localhost:${server.address().port}/calls  (Ctrl+C to stop)`);
  }
}
