/** Every timeout and memory bound, in one place. Times are in milliseconds. */

/** How long the widget itself waits for our reply to its requests before it gives up. */
export const WIDGET_CALL_LOG_TIMEOUT = 15_000;
export const WIDGET_CALL_MATCH_TIMEOUT = 30_000;
/**
 * Our reply must reach the widget before its own timer fires, so we wait at most two thirds of its limit: 10 s of
 * 15 s, 20 s of 30 s. Our deadline counts from when the page received the request, which a long task on the page
 * delays, and Firefox fires long timers late by a share of their delay (decision 120).
 */
export const replyTimeLimit = (widgetLimit: number) => (widgetLimit * 2) / 3;
/** Default `response-timeout`: how long a listener's answer may take. */
export const DEFAULT_RESPONSE_TIMEOUT = 10_000;
/** How long log-page input listeners may take: the widget waits 3 s for that reply, and ignores it. */
export const LOG_PAGE_INPUT_TIMEOUT = 2_000;
/** Default `adapter-timeout`: how long the adapter script may take to load. */
export const DEFAULT_ADAPTER_TIMEOUT = 30_000;
/**
 * Default `boot-timeout`: how long the widget may stay silent after its frame loaded. The real widget was seen to
 * need 8-13 s on a slow 2-core machine before its first request; 30 s leaves room for a slower one.
 */
export const DEFAULT_BOOT_TIMEOUT = 30_000;
/** How long methods called before the widget is ready wait for it. */
export const READY_TIMEOUT = 30_000;
/**
 * How long the page's widget waits, once its element has left, for another element to take it over alive (a route
 * change that shows a loading state or an "out-in" transition between the two pages).
 */
export const HANDOVER_GRACE = 3_000;
/**
 * Before removing the widget frame, the widget answers a request sent after the last replies, so it has read them
 * (one task was measured to lose 3 of 40): this long at most, for a widget that does not answer.
 */
export const DISPOSE_GRACE = 1_000;
/** Default `retry-for`: how long a failed call log stays in the outbox and is retried. */
export const DEFAULT_RETRY_FOR = 86_400_000; // 24 h, a literal: the manifest shows no computed default
/** The outbox's backoff: the first retry after 5 s, each next one twice as late, at most every 5 minutes. */
export const RETRY_FIRST_DELAY = 5_000;
export const RETRY_MAX_DELAY = 5 * 60 * 1000;
/** How many calls the outbox keeps; the oldest goes first. */
export const OUTBOX_MAX = 200;
/** Back-fill: calls per `/unlogged-calls` page, pages per run, and how long the widget may take per page. */
export const BACKFILL_PAGE_SIZE = 50;
export const BACKFILL_MAX_PAGES = 20;
export const BACKFILL_PAGE_TIMEOUT = 40_000;
/** How many answered request IDs the bridge remembers, to refuse a repeated request. */
export const ANSWERED_MEMORY = 500;
/** How many failed sessions keep their "Not logged" line; the oldest is forgotten first. */
export const FAILED_MEMORY = 200;
/** How many logged sessions back-fill remembers, to skip them. */
export const LOGGED_MEMORY = 1_000;

/** After an insertion: forgets the oldest entry of an insertion-ordered set or map that has grown past `limit`. */
export function forgetOldest<K>(memory: Set<K> | Map<K, unknown>, limit: number): void {
  if (memory.size > limit) memory.delete(memory.keys().next().value!);
}

export const isValidTimeout = (ms: number) => Number.isFinite(ms) && ms > 0;
