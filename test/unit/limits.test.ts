import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgetOldest, isValidTimeout } from '../../src/limits.js';

describe('memory bounds', () => {
  it('forgetOldest leaves a set or map within its limit alone', () => {
    const set = new Set(['a', 'b']);
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    forgetOldest(set, 2);
    forgetOldest(map, 2);
    assert.deepEqual([...set], ['a', 'b']);
    assert.deepEqual([...map.keys()], ['a', 'b']);
  });

  it('forgetOldest forgets the entry added first once a set or map goes over its limit', () => {
    const set = new Set(['a', 'b']);
    set.delete('a');
    set.add('a'); // added again: now the newest
    set.add('c');
    forgetOldest(set, 2);
    assert.deepEqual([...set], ['a', 'c']);
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    forgetOldest(map, 2);
    assert.deepEqual(
      [...map],
      [
        ['b', 2],
        ['c', 3],
      ],
    );
  });
});

describe('timeouts', () => {
  it('a valid timeout is a positive, finite number of milliseconds', () => {
    for (const ms of [1, 0.5, 10_000, Number.MAX_SAFE_INTEGER]) assert.equal(isValidTimeout(ms), true, String(ms));
    for (const ms of [0, -0, -1, Number.NaN, Infinity, -Infinity]) assert.equal(isValidTimeout(ms), false, String(ms));
  });
});
