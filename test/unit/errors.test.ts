import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RcCallLoggerError, messageOf, redact } from '../../src/errors.js';

describe('errors', () => {
  it('an element error carries a stable code and says it comes from the element', () => {
    const error = new RcCallLoggerError('widget-in-use', 'another <rc-call-logger> already runs the widget');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'RcCallLoggerError');
    assert.equal(error.code, 'widget-in-use');
    assert.equal(error.message, 'rc-call-logger: another <rc-call-logger> already runs the widget');
  });

  it('messageOf gives a readable message for anything thrown, and never throws itself', () => {
    assert.equal(messageOf(new Error('boom')), 'boom');
    assert.equal(messageOf(new DOMException('', 'AbortError')), 'AbortError');
    assert.equal(messageOf(undefined), 'rejected without a reason');
    assert.equal(messageOf('text'), 'text');
    assert.equal(messageOf(Object.create(null)), 'rejected with a value that has no message');
  });

  it('redact hides access tokens in plain and percent-encoded URLs, keeping the rest', () => {
    assert.equal(redact('x?access_token=abc&y=1'), 'x?access_token=[redacted]&y=1');
    assert.equal(redact('media%3Faccess_token%3Dabc%26y'), 'media%3Faccess_token%3D[redacted]');
    assert.equal(redact('no token here'), 'no token here');
  });

  it('redact hides tokens in every spelling: encoded twice, JSON, headers, camel case, spaces, other parameters', () => {
    const cases: Array<[string, string]> = [
      ['u%3Faccess_token%253DSECRET%2526y', 'u%3Faccess_token%253D[redacted]'],
      ['{"access_token":"SECRET","expires_in":3600}', '{"access_token":"[redacted]","expires_in":3600}'],
      ['Authorization: Bearer SECRET', 'Authorization: Bearer [redacted]'],
      ['{"authorization":"Bearer SECRET"}', '{"authorization":"Bearer [redacted]"}'],
      ['accessToken=SECRET', 'accessToken=[redacted]'],
      ['access_token = SECRET', 'access_token = [redacted]'],
      ['x?access%5Ftoken=SECRET', 'x?access%5Ftoken=[redacted]'],
      ['refresh_token=SECRET&a=1', 'refresh_token=[redacted]&a=1'],
      ['id_token=SECRET', 'id_token=[redacted]'],
      ["{'client_secret': 'SECRET'}", "{'client_secret': '[redacted]'}"],
      ['%22access_token%22%3A%22SECRET%22', '%22access_token%22%3A%22[redacted]'],
      ['jwt=SECRET', 'jwt=[redacted]'],
    ];
    for (const [text, expected] of cases) {
      assert.equal(redact(text), expected);
      assert.ok(!redact(text).includes('SECRET'), text);
    }
  });
});
