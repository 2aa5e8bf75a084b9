// The demo CRM's storage: call logs in IndexedDB, one record per call, upserted by sessionId, because the widget
// sends several requests for one call (ringing, connected, ended, synced, recording).
const DB = 'acme-crm-demo';
const STORE = 'callLogs';

const settled = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** CRM ids never repeat, not even after "Clear the CRM": the widget caches matches for two hours. */
function nextId() {
  const next = Number(localStorage.getItem('acme-crm-demo-next-id') ?? 1001);
  localStorage.setItem('acme-crm-demo-next-id', String(next + 1));
  return `ACME-${next}`;
}

export class CallLogStore extends EventTarget {
  /** When true, the next write fails once: to see a CRM failure reach the widget. */
  failNext = false;

  /**
   * This page load: a live call stored by an earlier load will never get its result from this widget. Not
   * crypto.randomUUID(), which a page on plain http (an intranet host, a phone on the LAN) lacks.
   */
  page = crypto.getRandomValues(new Uint32Array(2)).join('-');

  static async open() {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'sessionId' });
    return new CallLogStore(await settled(request));
  }

  constructor(db) {
    super();
    this.db = db;
  }

  /** Creates or updates the log of `call`; resolves with the stored record. */
  async upsert(call, { triggerType, note }) {
    if (this.failNext) {
      this.failNext = false;
      this.dispatchEvent(new Event('change'));
      throw new Error('Acme CRM could not save the call log');
    }
    const store = this.db.transaction(STORE, 'readwrite').objectStore(STORE);
    const existing = await settled(store.get(call.sessionId));
    const party = call.direction === 'Outbound' ? call.to : call.from;
    const record = {
      sessionId: call.sessionId,
      id: existing?.id ?? nextId(),
      direction: call.direction,
      contact: party?.name ?? (call.direction === 'Outbound' ? call.toName : call.fromName) ?? '',
      phoneNumber: party?.phoneNumber ?? '',
      // A call record (final) has no telephonyStatus; a live call's description has one ('NoCall' once it ended).
      result: call.telephonyStatus === undefined ? (call.result ?? '') : (existing?.result ?? ''),
      live: call.telephonyStatus === 'NoCall' ? 'ended' : (call.telephonyStatus ?? null),
      page: this.page,
      duration: call.duration ?? 0,
      startTime: call.startTime ?? Date.now(),
      // `link` opens the recording; `contentUri` may carry an access token and is never stored.
      recording: call.recording?.link ?? existing?.recording ?? null,
      note: note ?? existing?.note ?? '',
      lastTrigger: triggerType,
      requests: (existing?.requests ?? 0) + 1,
    };
    await settled(store.put(record));
    this.dispatchEvent(new Event('change'));
    return record;
  }

  /** The stored logs of these calls, by sessionId. */
  async find(sessionIds) {
    const store = this.db.transaction(STORE).objectStore(STORE);
    const found = await Promise.all(sessionIds.map((id) => settled(store.get(id))));
    return new Map(found.filter(Boolean).map((record) => [record.sessionId, record]));
  }

  async all() {
    const records = await settled(this.db.transaction(STORE).objectStore(STORE).getAll());
    return records.sort((a, b) => b.startTime - a.startTime);
  }

  /** Deletes every log; resolves with the session IDs it deleted. */
  async clear() {
    const store = this.db.transaction(STORE, 'readwrite').objectStore(STORE);
    const sessionIds = await settled(store.getAllKeys());
    await settled(store.clear());
    this.dispatchEvent(new Event('change'));
    return sessionIds;
  }
}
