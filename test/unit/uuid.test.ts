import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuid } from '../../src/simulator/uuid.js';

test('uuid(): version 4 UUIDs, as crypto.randomUUID() makes, without needing a secure context', () => {
  const ids = Array.from({ length: 200 }, () => uuid());
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});
