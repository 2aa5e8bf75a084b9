/**
 * Access tokens in call data. With `recordingWithToken` registered, the widget appends the user's RingCentral access
 * token to recording URLs; any frame that can reach the widget can register that flag, so the element removes tokens
 * from what its listeners get unless the page set `recording-with-token` itself.
 */

/** An `access_token` query parameter, and the `&` after it when more parameters follow. */
const TOKEN_PARAM = /([?&])access_token=[^&#]*(&?)/gi;

/** `data` with every `access_token` URL parameter removed (the URLs otherwise kept); `data` itself when it has none. */
export const withoutTokens = <T>(data: T): T => clean(data, new Map()) as T;

function clean(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string')
    return value.replace(TOKEN_PARAM, (_, before: string, more: string) => (more ? before : ''));
  if (!value || typeof value !== 'object') return value;
  // Structured clone can make cycles and shared objects: each object is cleaned once.
  if (copies.has(value)) return copies.get(value);
  copies.set(value, value);
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const cleaned = clean(item, copies);
    changed ||= cleaned !== item;
    return [key, cleaned] as const;
  });
  if (!changed) return value;
  const copy = Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
  copies.set(value, copy);
  return copy;
}
