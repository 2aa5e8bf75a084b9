// The matcher: one request in flight, plus one merged queue of new IDs.
import type { MatchEntry } from '../../call-model.js';
import { find } from './calls.js';
import { inspect } from './inspector.js';
import { render } from './render.js';
import { MATCH_TTL, matches, state, type Json } from './state.js';
import { request } from './wire.js';

let matchChain: Promise<void> = Promise.resolve();
let queued: { ids: Set<string>; done: Promise<void> } | null = null;

export function match(sessionIds: string[], { bypassCache = false } = {}): Promise<void> {
  if (typeof state.service?.callLogEntityMatcherPath !== 'string' || !state.loggedIn) return Promise.resolve();
  const now = Date.now();
  const wanted = bypassCache
    ? sessionIds
    : sessionIds.filter((id) => !(now - (matches.get(id)?.at ?? -Infinity) < MATCH_TTL));
  if (!wanted.length) return Promise.resolve();
  if (!queued) {
    const batch = new Set<string>();
    const done = matchChain.then(() => {
      if (queued?.ids === batch) queued = null;
      return askMatcher([...batch]);
    });
    queued = { ids: batch, done };
    matchChain = done.catch((error: unknown) => console.error('rc-call-logger simulator: matcher', error));
  }
  for (const id of wanted) queued.ids.add(id);
  return queued.done;
}

async function askMatcher(sessionIds: string[]): Promise<void> {
  const path = state.service?.callLogEntityMatcherPath;
  if (typeof path !== 'string') return;
  const activeSessionIds = sessionIds.filter((id) => find(id) && find(id)!.phase !== 'Ended');
  const response = (await request(path, { sessionIds, activeSessionIds })).response as { data?: unknown } | undefined;
  const data = response && typeof response.data === 'object' && response.data ? (response.data as Json) : {};
  if (!response || typeof response !== 'object')
    inspect('note', 'Match call log error: no usable answer; every call counts as unlogged');
  for (const id of sessionIds)
    matches.set(id, { entries: Array.isArray(data[id]) ? (data[id] as MatchEntry[]) : [], at: Date.now() });
  render();
}
