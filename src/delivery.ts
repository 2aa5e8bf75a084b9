/**
 * What only `log-url`, `match-url` and `outbox` need, loaded on first use (load-delivery.ts): sending to the endpoints,
 * the outbox's storage and its retry. The CDN build ships it as a file of its own beside the main one. Nothing here
 * constructs an error or event class a page can test with `instanceof`: those exist once, in the main file.
 */
export { endpointUrl, postMatch, putLog } from './endpoints.js';
export { LogRetry } from './log-retry.js';
export { clearEntries, readEntries } from './outbox.js';
