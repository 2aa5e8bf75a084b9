import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  autoLogMessage,
  errorResponse,
  isCallLogBody,
  isCallMatchAnswer,
  isCallMatchBody,
  isLogPageInputBody,
  isStartupLoginStatus,
  isUnloggedCallsPage,
  isWidgetMessage,
  isWidgetRequest,
  logPageMessage,
  navigateMessage,
  pageRequestMessage,
  registerMessage,
  rematchMessage,
  replyMessage,
} from '../../src/protocol.js';

const request = { type: 'rc-post-message-request', requestId: 'r-1', path: '/callLogger', body: {} };

describe('protocol guards', () => {
  it('a widget message is an object with a string type', () => {
    assert.equal(isWidgetMessage({ type: 'x' }), true);
    for (const value of [null, undefined, 'x', ['x'], { type: 1 }, {}]) assert.equal(isWidgetMessage(value), false);
  });

  it("the start-up login status is a bare {loggedIn: false}; a real logout carries the user's fields", () => {
    const type = 'rc-login-status-notify';
    assert.equal(isStartupLoginStatus({ type, loggedIn: false }), true);
    const logout = { type, loggedIn: false, admin: false, features: {}, isFreshLogin: false };
    assert.equal(isStartupLoginStatus(logout), false);
    assert.equal(isStartupLoginStatus({ type, loggedIn: true }), false);
  });

  it('a widget request has the request type, a non-empty string requestId and a string path', () => {
    assert.equal(isWidgetRequest(request), true);
    for (const broken of [
      { ...request, type: 'rc-post-message-response' },
      { ...request, requestId: '' },
      { ...request, requestId: 7 },
      { ...request, path: ['/callLogger'] },
      { type: request.type, path: request.path },
    ])
      assert.equal(isWidgetRequest(broken), false, JSON.stringify(broken));
  });

  it('a call-log body has a call with a string sessionId', () => {
    assert.equal(isCallLogBody({ call: { sessionId: 's-1' } }), true);
    for (const body of [null, {}, { call: null }, { call: [] }, { call: {} }, { call: { sessionId: 42 } }])
      assert.equal(isCallLogBody(body), false, JSON.stringify(body));
  });

  it('a log-page input body adds formData and string keys', () => {
    const body = { call: { sessionId: 's-1' }, formData: { note: 'x' }, keys: ['note'] };
    assert.equal(isLogPageInputBody(body), true);
    assert.equal(isLogPageInputBody({ ...body, keys: [1] }), false);
    assert.equal(isLogPageInputBody({ ...body, formData: null }), false);
  });

  it('a call-match body has string sessionIds and, if any, string activeSessionIds', () => {
    assert.equal(isCallMatchBody({ sessionIds: ['a'] }), true);
    assert.equal(isCallMatchBody({ sessionIds: ['a'], activeSessionIds: ['a'] }), true);
    for (const body of [{ sessionIds: 'a' }, { sessionIds: [1] }, { sessionIds: ['a'], activeSessionIds: 'a' }])
      assert.equal(isCallMatchBody(body), false, JSON.stringify(body));
  });

  it('a call-match answer is checked at the asked IDs only: arrays of objects, or absent', () => {
    assert.equal(isCallMatchAnswer({ a: [{ id: '1' }] }, ['a', 'b']), true);
    assert.equal(isCallMatchAnswer({ a: [{ id: '1' }], unasked: 'anything' }, ['a']), true);
    assert.equal(isCallMatchAnswer({}, ['a']), true);
    for (const answer of [null, [], { a: 'logged' }, { a: ['1'] }, { a: [null] }])
      assert.equal(isCallMatchAnswer(answer, ['a']), false, JSON.stringify(answer));
  });

  it("a call-match answer reads only its own keys: an asked 'constructor' is not Object.prototype's", () => {
    assert.equal(isCallMatchAnswer({}, ['constructor', 'toString']), true);
    assert.equal(isCallMatchAnswer({ constructor: 'x' }, ['constructor']), false);
  });

  it('an unlogged-calls page lists calls with session IDs', () => {
    assert.equal(isUnloggedCallsPage({ calls: [{ sessionId: 's' }], hasMore: false }), true);
    assert.equal(isUnloggedCallsPage({ calls: [{}], hasMore: false }), false);
    assert.equal(isUnloggedCallsPage({ calls: 'none' }), false);
  });
});

describe('messages the page sends', () => {
  it('each has the shape the widget reads', () => {
    assert.deepEqual(registerMessage({ name: 'Acme' }), {
      type: 'rc-adapter-register-third-party-service',
      service: { name: 'Acme' },
    });
    assert.deepEqual(replyMessage('r-1', { data: 'ok' }), {
      type: 'rc-post-message-response',
      responseId: 'r-1',
      response: { data: 'ok' },
    });
    assert.deepEqual(rematchMessage(['s-1']), { type: 'rc-adapter-trigger-call-logger-match', sessionIds: ['s-1'] });
    assert.deepEqual(autoLogMessage(false), { type: 'rc-adapter-update-auto-log-settings', call: false });
    assert.deepEqual(logPageMessage({ schema: {} }), { type: 'rc-adapter-update-call-log-page', page: { schema: {} } });
    assert.deepEqual(navigateMessage('/log/call/s-1'), { type: 'rc-adapter-navigate-to', path: '/log/call/s-1' });
    assert.deepEqual(pageRequestMessage('q-1', '/unlogged-calls', { page: 1 }), {
      type: 'rc-adapter-message-request',
      requestId: 'q-1',
      path: '/unlogged-calls',
      body: { page: 1 },
    });
  });

  it('an error reply never carries data, so it cannot pass for success', () => {
    assert.deepEqual(errorResponse('down'), { error: { message: 'down' } });
    assert.equal('data' in errorResponse('down'), false);
  });
});
