import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutTokens } from '../../src/tokens.js';

describe('tokens', () => {
  it('removes the access_token parameter from URLs anywhere in call data, keeping the token-free URL', () => {
    const body = {
      call: {
        sessionId: 's',
        recording: { id: 'r', contentUri: 'https://media.example/r/content?access_token=T1' },
        other: ['x?a=1&access_token=T2&b=2', 'y?access_token=T3&c=3#f', 'z?c=3&ACCESS_TOKEN=T4'],
      },
    };
    assert.deepEqual(withoutTokens(body), {
      call: {
        sessionId: 's',
        recording: { id: 'r', contentUri: 'https://media.example/r/content' },
        other: ['x?a=1&b=2', 'y?c=3#f', 'z?c=3'],
      },
    });
    assert.match(body.call.recording.contentUri, /T1/, 'the original is not changed');
  });

  it('returns data without tokens as it is, and survives cycles', () => {
    const body = { call: { sessionId: 's', recording: { contentUri: 'https://media.example/r/content' } } };
    assert.equal(withoutTokens(body), body);
    const cyclic: Record<string, unknown> = { url: 'u?access_token=T' };
    cyclic.self = cyclic;
    assert.equal((withoutTokens(cyclic) as { url: string }).url, 'u');
  });
});
