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
});
