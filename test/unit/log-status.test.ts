import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogStatus } from '../../src/log-status.js';

const pending = { type: 'status', status: 'pending', message: 'Logging…' };
const failed = (message: string) => ({ type: 'status', status: 'failed', message: `Not logged: ${message}` });

describe('status merge', () => {
  it('with nothing pending or failed, the answer goes out as it is', () => {
    const answer = { a: [{ id: '1' }] };
    assert.equal(new LogStatus().merge(['a', 'b'], answer), answer);
  });

  it('adds a pending line while logging, a failed line after a failure, and nothing after a success', () => {
    const status = new LogStatus();
    status.begin('a');
    assert.deepEqual(status.merge(['a', 'b'], {}), { a: [pending] });
    status.failed('a', 'CRM is down');
    assert.deepEqual(status.merge(['a'], {}), { a: [failed('CRM is down')] });
    status.succeeded('a');
    assert.deepEqual(status.merge(['a'], {}), {});
  });

  it("the page's own log entry wins over our line; its own status lines are kept after ours", () => {
    const status = new LogStatus();
    status.failed('a', 'down');
    status.failed('b', 'down');
    const theirs = { type: 'status', status: 'success', message: 'Synced' } as const;
    assert.deepEqual(status.merge(['a', 'b'], { a: [{ id: 'crm-1' }], b: [theirs] }), {
      a: [{ id: 'crm-1' }],
      b: [failed('down'), theirs],
    });
  });

  it('a long failure is cut to 60 characters, "Not logged" first', () => {
    const status = new LogStatus();
    status.failed('a', `CRM is down: ${'x'.repeat(500)}`);
    const line = (status.entryFor('a') as { message: string }).message;
    assert.equal(line.length, 60);
    assert.ok(line.startsWith('Not logged: CRM is down: xxx'));
    assert.ok(line.endsWith('…'));
  });

  it('a stop that ends a pending log shows nothing, not a failure', () => {
    const status = new LogStatus();
    status.begin('a');
    status.settled('a');
    assert.deepEqual(status.merge(['a'], {}), {});
  });

  it('merges only asked sessions, and sessions named like Object.prototype members are plain keys', () => {
    const status = new LogStatus();
    status.begin('constructor');
    status.begin('other');
    assert.deepEqual(status.merge(['constructor', 'toString'], {}), { constructor: [pending] });
  });

  it('remembers at most 200 failures, forgetting the oldest first', () => {
    const status = new LogStatus();
    for (let i = 0; i <= 200; i++) status.failed(`s-${i}`, 'down');
    assert.equal(status.entryFor('s-0'), undefined);
    assert.deepEqual(status.entryFor('s-1'), failed('down'));
    assert.deepEqual(status.entryFor('s-200'), failed('down'));
  });
});
