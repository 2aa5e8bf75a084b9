/**
 * The outbox: failed call logs kept in IndexedDB, one entry per session, so they survive a reload and every tab of
 * the origin sees them. Only storage here; when and how entries are sent again is log-retry.ts.
 */
import type { CallLogRequestBody } from './call-model.js';

/** A call log waiting to be sent again. */
export interface OutboxEntry {
  sessionId: string;
  /** The request body to send again (access tokens removed). */
  body: CallLogRequestBody;
  /** How many times it was sent and failed. */
  attempts: number;
  /** Epoch ms: when it was first queued (`retry-for` counts from here) and when its next attempt is due. */
  queuedAt: number;
  nextAttemptAt: number;
  /** Why the last attempt failed. */
  lastError: string;
  /** Changes with every write: a sender removes or updates the entry only if nobody replaced it meanwhile. */
  version: string;
}

const STORE = 'outbox';
let database: Promise<IDBDatabase> | undefined;

const settle = <T>(request: IDBRequest<T> | IDBTransaction) =>
  new Promise<T>((resolve, reject) => {
    const failed = () => reject(request.error ?? new DOMException('IndexedDB failed', 'UnknownError'));
    // A transaction that fails as it commits (a full disk) only aborts.
    if (request instanceof IDBTransaction)
      [request.oncomplete, request.onabort] = [() => resolve(undefined as T), failed];
    else request.onsuccess = () => resolve(request.result);
    request.onerror = failed;
  });

function open(): Promise<IDBDatabase> {
  database ??= (() => {
    const request = indexedDB.open('rc-call-logger', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'sessionId' });
    // Closed by the browser (site data cleared) or for a newer version elsewhere: open again on next use.
    return settle(request).then((db) => {
      db.onclose = db.onversionchange = () => {
        db.close();
        database = undefined;
      };
      return db;
    });
  })();
  database.catch(() => (database = undefined)); // try again next time (a private window may refuse it for good)
  return database;
}

/** Runs `work` in one transaction on the store and resolves with its result once the transaction has committed. */
async function transaction<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => T | Promise<T>): Promise<T> {
  const tx = (await open()).transaction(STORE, mode);
  const [result] = await Promise.all([work(tx.objectStore(STORE)), settle(tx)]);
  return result;
}

/** Every entry, oldest first. */
export const readEntries = () =>
  transaction('readonly', async (store) =>
    (await settle(store.getAll() as IDBRequest<OutboxEntry[]>)).sort((a, b) => a.queuedAt - b.queuedAt),
  );

export const readEntry = (sessionId: string) =>
  transaction('readonly', (store) => settle(store.get(sessionId) as IDBRequest<OutboxEntry | undefined>));

/**
 * Stores the entry `make` gives from the session's stored one (if any), then removes the oldest entries beyond
 * `limit`, and resolves with them. One transaction: two failures of one call cannot both build on the same older
 * entry, and tabs writing at once cannot both see room for one more.
 */
export const upsertEntry = (sessionId: string, make: (older?: OutboxEntry) => OutboxEntry, limit: number) =>
  transaction('readwrite', async (store) => {
    store.put(make(await settle(store.get(sessionId) as IDBRequest<OutboxEntry | undefined>)));
    const all = await settle(store.getAll() as IDBRequest<OutboxEntry[]>);
    const dropped = all.sort((a, b) => a.queuedAt - b.queuedAt).slice(0, Math.max(all.length - limit, 0));
    for (const old of dropped) store.delete(old.sessionId);
    return dropped;
  });

/** Applies `change` to the session's entry if it is still at `version`: false when it is gone or was replaced. */
export const changeEntry = (sessionId: string, version: string, change: (entry: OutboxEntry) => OutboxEntry | null) =>
  transaction('readwrite', async (store) => {
    const entry = await settle(store.get(sessionId) as IDBRequest<OutboxEntry | undefined>);
    if (entry?.version !== version) return false;
    const next = change(entry);
    // A changed entry is a new version: a send of the old one in flight must not remove it.
    if (next) store.put({ ...next, version: newVersion() });
    else store.delete(sessionId);
    return true;
  });

export const newVersion = () => crypto.getRandomValues(new Uint32Array(2)).join('.');

/** Removes every entry and resolves with them: one transaction, so none queued meanwhile goes unmentioned. */
export const clearEntries = () =>
  transaction('readwrite', async (store) => {
    const entries = await settle(store.getAll() as IDBRequest<OutboxEntry[]>);
    store.clear();
    return entries;
  });
