/**
 * Loads delivery.ts (the endpoints and the outbox) once, when an element first uses them: a page without
 * `log-url`, `match-url` or `outbox` never fetches it. Loaded as soon as a setting asks for it, not at a failure,
 * when the network may be down.
 */
export type Delivery = typeof import('./delivery.js');

let loading: Promise<Delivery> | undefined;

/** delivery.ts, loaded once; a failed load (the network) is tried again on next use. */
export const loadDelivery = (): Promise<Delivery> =>
  (loading ??= import('./delivery.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
