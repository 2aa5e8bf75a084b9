// The simulator's widget page (app.html): a stand-in for RingCentral Embeddable that speaks the call-logging
// protocol of protocol.md, with simulated calls instead of a RingCentral account.
// - Boots after `bootDelay`, then sends `rc-adapter-pushAdapterState` and `rc-login-status-notify`. Registrations
//   posted earlier are lost; paths live in memory only (§1.5, §2.2).
// - Calls go Ringing → CallConnected → ended → `callLogSync` record → a later `callLogSync` with a recording (§3.4, §5).
// - Log requests for one call are sent one at a time; the matcher runs when calls appear, after every answered log
//   request, on triggers and on registration (§3.6). Its own timeouts: 15 s log, 30 s match, 3 s otherwise (§3.1).
// - Like the real widget it posts everything to its parent with '*' and checks no origin on what it receives.
// For automation it reports what it receives and how each request ended to its parent's exact origin, as
// `rc-simulator:*` messages, and obeys `rc-simulator:*` commands from its parent (see control.ts).
import type { CallRecording, LogPage, MatchEntry } from '../protocol.js';

type Json = Record<string, unknown>;
type Direction = 'Inbound' | 'Outbound';
type Phase = 'Ringing' | 'CallConnected' | 'Ended';

interface SimulatedCall {
  sessionId: string;
  telephonySessionId: string;
  partyId: string;
  direction: Direction;
  /** The other party. */
  contact: { phoneNumber: string; name: string };
  startTime: number;
  connectedAt?: number;
  endTime?: number;
  phase: Phase;
  /** The call-log record, once "synced" (§3.3). */
  record?: Json;
  recording?: CallRecording;
}

const params = new URLSearchParams(location.search);
const speed = Math.max(Number(params.get('speed')) || 1, 0.01);
const bootDelay = Number(params.get('bootDelay') ?? 200);
const SELF = { phoneNumber: '+16505550100', name: 'You (ext. 101)', extensionNumber: '101' };
const TIMEOUT = { log: 15_000, match: 30_000, other: 3_000 };
/** How long each step of an autoplayed call takes, in ms at speed 1. */
const STEP = { ring: 2500, talk: 3500, sync: 1500, recording: 2500 };
const MATCH_TTL = 2 * 60 * 60 * 1000; // the widget asks again about a call only after 2 hours (§3.6)

// ---- state ----------------------------------------------------------------------------------------------------
let booted = false;
let loggedIn = params.get('loggedIn') !== 'false';
let service: Json | null = null;
let recordingWithToken = false;
let autoLog: boolean | null = null; // null until the call logger is ready (logged in and registered)
let logPage: LogPage | null = null;
let openLog: { sessionId: string; formData: Json } | null = null;
let alert: { id: string; message: string; level: string } | null = null;
const calls: SimulatedCall[] = []; // newest first
const matches = new Map<string, { entries: MatchEntry[]; at: number }>();
const pending = new Map<
  string,
  { timer: ReturnType<typeof setTimeout>; path: string; done: (answer: Answer) => void }
>();
const logQueues = new Map<string, Promise<unknown>>();
const logsRunning = new Map<string, number>();
/** Sessions the widget knows only from raw requests sent by command: triggers for them are honoured. */
const knownFromRequests = new Set<string>();
const wire: Array<{ way: 'in' | 'out'; summary: string; json: string; at: number }> = [];
const token = `SIMULATED-${crypto.randomUUID()}`;

// ---- wire -----------------------------------------------------------------------------------------------------
const reportTo = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : null);
function report(kind: string, detail: Json): void {
  if (reportTo && parent !== window) parent.postMessage({ type: `rc-simulator:${kind}`, ...detail }, reportTo);
}
function post(message: Json): void {
  inspect('out', message);
  parent.postMessage(message, '*'); // as the real widget does (protocol.md §1.4)
}

function timeoutFor(path: string): number {
  if (path === service?.callLoggerPath) return TIMEOUT.log;
  if (path === service?.callLogEntityMatcherPath) return TIMEOUT.match;
  return TIMEOUT.other;
}

/** How a request ended: any reply counts as answered, whatever its `response` (§3.5). */
interface Answer {
  answered: boolean;
  response?: unknown;
}

/** Sends a request; resolves with the first reply, or `answered: false` on the widget's own timeout. */
function request(
  path: string,
  body: unknown,
  { timeout = timeoutFor(path), tag }: { timeout?: number; tag?: unknown } = {},
) {
  const requestId = crypto.randomUUID();
  return new Promise<Answer>((done) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      report('timeout', { requestId, path });
      inspect('note', `timed out after ${timeout} ms: ${path}`);
      done({ answered: false });
    }, timeout);
    pending.set(requestId, { timer, path, done });
    post({ type: 'rc-post-message-request', requestId, path, body });
    // After the request: once the page reads this report, its own listeners have handled the request.
    report('sent', { requestId, path, tag });
  });
}

// ---- calls ----------------------------------------------------------------------------------------------------
const find = (sessionId: unknown) => calls.find((call) => call.sessionId === sessionId);
const entriesOf = (sessionId: string) => matches.get(sessionId)?.entries ?? [];
const isLogged = (sessionId: string) => entriesOf(sessionId).some((entry) => entry?.type !== 'status');
const statusOf = (sessionId: string) =>
  entriesOf(sessionId).find((entry) => entry?.type === 'status') as { status?: string; message?: string } | undefined;
const seconds = (from: number, to = Date.now()) => Math.max(0, Math.round((to - from) / 1000));
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
];

function parties(call: SimulatedCall, full: boolean) {
  const self = full ? SELF : { phoneNumber: SELF.phoneNumber };
  const other = full ? call.contact : { phoneNumber: call.contact.phoneNumber };
  return call.direction === 'Inbound'
    ? { from: other, to: self, fromName: call.contact.name, toName: SELF.name }
    : { from: self, to: other, fromName: SELF.name, toName: call.contact.name };
}

/** `body.call` as the widget sends it: the call-log record once synced, else the active call (§3.3). */
function describe(call: SimulatedCall): Json {
  const echoed = { activityMatches: entriesOf(call.sessionId), fromMatches: [], toMatches: [] };
  if (call.record)
    return { ...call.record, ...(call.recording ? { recording: shareRecording(call.recording) } : {}), ...echoed };
  const ended = call.phase === 'Ended';
  const telephonyStatus = ended ? 'NoCall' : call.phase;
  return {
    id: call.sessionId,
    sessionId: call.sessionId,
    telephonySessionId: call.telephonySessionId,
    partyId: call.partyId,
    direction: call.direction,
    ...parties(call, false),
    startTime: call.startTime,
    duration: seconds(call.connectedAt ?? call.startTime, call.endTime),
    telephonyStatus,
    result: ended ? 'Disconnected' : telephonyStatus,
    ...(ended ? { isRecording: false } : {}),
    ...echoed,
  };
}

/** The widget's rewrite of a recording before it leaves the frame (§5). */
function shareRecording(recording: CallRecording): CallRecording {
  const media = recording.contentUri ?? '';
  const bare = media.split('?')[0];
  return {
    ...recording,
    link: `https://ringcentral.github.io/ringcentral-media-reader/?media=${encodeURIComponent(media)}`,
    contentUri: recordingWithToken ? `${bare}?access_token=${token}` : bare,
  };
}

function syncRecord(call: SimulatedCall): void {
  const missed = !call.connectedAt;
  call.record = {
    id: `record-${call.sessionId}`,
    sessionId: call.sessionId,
    telephonySessionId: call.telephonySessionId,
    partyId: call.partyId,
    startTime: call.startTime,
    duration: missed ? 0 : seconds(call.connectedAt!, call.endTime),
    type: 'Voice',
    direction: call.direction,
    action: call.direction === 'Inbound' ? 'Phone Call' : 'VoIP Call',
    result: missed ? 'Missed' : 'Call connected',
    ...parties(call, true),
    internalType: 'Local',
    transport: 'PSTN',
    lastModifiedTime: new Date().toISOString(),
  };
}

function addRecording(call: SimulatedCall): void {
  const id = randomDigits(10);
  call.recording = {
    id,
    uri: `https://platform.ringcentral.com/restapi/v1.0/account/~/recording/${id}`,
    type: 'Automatic',
    contentUri: `https://media.ringcentral.com/restapi/v1.0/account/~/recording/${id}/content`,
  };
}

interface NewCall {
  direction?: Direction;
  missed?: boolean;
  /** Plays the whole call by itself (default); otherwise answer/hang up/sync by command or button. */
  autoplay?: boolean;
  /** An ended call that synced while the widget was closed: never auto-logged. */
  past?: boolean;
  name?: string;
  phoneNumber?: string;
}

function simulateCall({
  direction = 'Inbound',
  missed = false,
  autoplay = true,
  past = false,
  name,
  phoneNumber,
}: NewCall = {}) {
  const sessionId = randomDigits(11);
  const now = Date.now();
  const call: SimulatedCall = {
    sessionId,
    telephonySessionId: `s-a${randomDigits(8)}z${now.toString(16)}`,
    partyId: `p-${randomDigits(8)}`,
    direction,
    contact: {
      phoneNumber: phoneNumber ?? `+1650555${randomDigits(4)}`,
      name: name ?? PEOPLE[calls.length % PEOPLE.length],
    },
    startTime: past ? now - 60 * 60 * 1000 : now,
    phase: past ? 'Ended' : 'Ringing',
  };
  calls.unshift(call);
  if (past) {
    call.connectedAt = call.startTime + 5_000;
    call.endTime = call.connectedAt + 95_000;
    syncRecord(call);
    void match([sessionId]);
    if (booted) post({ type: 'rc-call-history-synced-notify' });
  } else {
    void callAppeared(call);
    if (autoplay) void play(call, missed);
  }
  render();
  return call;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms / speed));

async function play(call: SimulatedCall, missed: boolean): Promise<void> {
  await wait(STEP.ring);
  if (!missed) {
    advance(call, 'answer');
    await wait(STEP.talk);
  }
  advance(call, 'hangup');
  await wait(STEP.sync);
  advance(call, 'sync');
  if (missed) return;
  await wait(STEP.recording);
  advance(call, 'record');
}

/** One step of a call's life, as a button or command makes it. */
function advance(call: SimulatedCall, step: 'answer' | 'hangup' | 'sync' | 'record'): void {
  if (step === 'answer' && call.phase === 'Ringing') {
    call.phase = 'CallConnected';
    call.connectedAt = Date.now();
    autoUpdate(call, 'presenceUpdate');
  } else if (step === 'hangup' && call.phase !== 'Ended') {
    call.phase = 'Ended';
    call.endTime = Date.now();
    autoUpdate(call, 'presenceUpdate');
  } else if (step === 'sync' && call.phase === 'Ended' && !call.record) {
    syncRecord(call);
    autoUpdate(call, 'callLogSync');
    post({ type: 'rc-call-history-synced-notify' });
  } else if (step === 'record' && call.record && !call.recording && call.connectedAt) {
    addRecording(call);
    autoUpdate(call, 'callLogSync');
  }
  render();
}

/** A new call: match it, then auto-log it if auto log is on (§3.4 (a)). */
async function callAppeared(call: SimulatedCall): Promise<void> {
  await match([call.sessionId]);
  if (autoLog && loggedIn) void logCall(call, 'presenceUpdate', { fromEntity: null, toEntity: null });
}

/** Updates go out when auto log is on, or the call has matcher entries, or a log request for it is running. */
function autoUpdate(call: SimulatedCall, triggerType: 'presenceUpdate' | 'callLogSync'): void {
  const id = call.sessionId;
  if (autoLog || matches.get(id)?.entries.length || logsRunning.get(id)) void logCall(call, triggerType);
}

/** Sends a log request once the earlier ones for this call are answered; re-matches the call after an answer. */
function logCall(call: SimulatedCall, triggerType: string, extra: Json = {}): Promise<Answer> {
  const path = service?.callLoggerPath;
  if (typeof path !== 'string' || !loggedIn) return Promise.resolve({ answered: false }); // paths are lost on reload (§2.2)
  const id = call.sessionId;
  logsRunning.set(id, (logsRunning.get(id) ?? 0) + 1);
  render();
  const body = { call: describe(call), triggerType, ...extra }; // as the call was when the request was made
  const run = (logQueues.get(id) ?? Promise.resolve()).then(async () => {
    const answer = await request(path, body);
    if (answer.answered) void match([id], { bypassCache: true });
    return answer;
  });
  const settled = run.finally(() => {
    logsRunning.set(id, logsRunning.get(id)! - 1);
    render();
  });
  logQueues.set(
    id,
    settled.catch(() => undefined),
  );
  return settled;
}

// ---- matcher: one request in flight, plus one merged queue of new IDs (§3.6) -----------------------------------
let matchChain: Promise<void> = Promise.resolve();
let queued: { ids: Set<string>; done: Promise<void> } | null = null;

function match(sessionIds: string[], { bypassCache = false } = {}): Promise<void> {
  if (typeof service?.callLogEntityMatcherPath !== 'string' || !loggedIn) return Promise.resolve();
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
  const path = service?.callLogEntityMatcherPath;
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

/** `/unlogged-calls`: history records that ended over 20 s ago and have no entry but `status` ones (§4). */
async function unloggedCalls({ perPage = 100, page = 1 }: { perPage?: number; page?: number } = {}) {
  const history = calls.filter((call) => call.record);
  await match(history.map((call) => call.sessionId));
  const unlogged = history.filter((call) => !isLogged(call.sessionId) && Date.now() - (call.endTime ?? 0) > 20_000);
  const start = (page - 1) * perPage;
  return { calls: unlogged.slice(start, start + perPage).map(describe), hasMore: unlogged.length > start + perPage };
}

// ---- registration and the call logger (§2) ----------------------------------------------------------------------
/** Overwritten only when the new registration has a truthy value; everything else is replaced or reset. */
const KEPT_UNLESS_GIVEN = [
  'callLoggerPath',
  'callLogEntityMatcherPath',
  'callLogPageInputChangedEventPath',
  'callLoggerTitle',
  'callLoggerAutoSettingLabel',
  'callLoggerAutoSettingDescription',
];

function register(given: Json): void {
  const first = service === null;
  const kept: Json = {};
  for (const key of KEPT_UNLESS_GIVEN) if (service?.[key] && !given[key]) kept[key] = service[key];
  if (given.callLoggerPath) recordingWithToken = Boolean(given.recordingWithToken);
  service = { ...given, ...kept };
  report('registered', { service: given });
  callLoggerMaybeReady();
  // The first registration runs a normal match; later ones re-match up to 30 known calls, cache bypassed (§2.2).
  const known = calls.map((call) => call.sessionId);
  void (first ? match(known) : match(known.slice(0, 30), { bypassCache: true }));
  render();
}

function callLoggerMaybeReady(): void {
  if (autoLog !== null || !loggedIn || !service?.callLoggerPath) return;
  const forced =
    service.callLoggerAutoSettingReadOnly && typeof service.callLoggerAutoSettingReadOnlyValue === 'boolean';
  // The user's own choice, stored by the real widget, wins over `defaultAutoLogCallEnabled` (§1.2).
  const chosen = params.get('autoLogChoice');
  autoLog = forced
    ? (service.callLoggerAutoSettingReadOnlyValue as boolean)
    : chosen !== null
      ? chosen === 'true'
      : params.has('defaultAutoLogCallEnabled');
  post({ type: 'rc-callLogger-auto-log-notify', autoLog });
}

function setAutoLog(value: boolean): void {
  if (autoLog === null || autoLog === value) return;
  autoLog = value;
  remember('autoLogChoice', String(value));
  post({ type: 'rc-callLogger-auto-log-notify', autoLog });
  render();
}

/** Keeps a setting across reloads of this frame, as the real widget keeps it in its storage. */
function remember(key: string, value: string): void {
  params.set(key, value);
  const url = new URL(location.href);
  url.searchParams.set(key, value);
  history.replaceState(null, '', url);
}

function setLoggedIn(value: boolean): void {
  loggedIn = value;
  remember('loggedIn', String(value));
  if (!value) autoLog = null;
  post(loginStatus());
  callLoggerMaybeReady();
  render();
}

const adapterState = () => ({
  type: 'rc-adapter-pushAdapterState',
  size: { width: 300, height: 500 },
  minimized: false,
  closed: false,
  position: { translateX: 0, translateY: 0, minTranslateX: 0, minTranslateY: 0 },
  telephonyStatus: loggedIn ? 'NoCall' : null,
  userStatus: loggedIn ? 'Available' : null,
  dndStatus: loggedIn ? 'TakeAllCalls' : null,
});

const loginStatus = () => ({
  type: 'rc-login-status-notify',
  loggedIn,
  loginNumber: loggedIn ? `${SELF.phoneNumber}*${SELF.extensionNumber}` : null,
  contractedCountryCode: 'US',
  admin: false,
  features: { sms: true, meeting: true, glip: false, smartNote: false, call: true, ringSenseInsights: false },
  isFreshLogin: false,
});

// ---- the log page (§3.7) ----------------------------------------------------------------------------------------
function clickLog(call: SimulatedCall): void {
  if (service?.showLogModal) return navigate(`/log/call/${call.sessionId}`);
  void logCall(call, isLogged(call.sessionId) ? 'editLog' : 'createLog', {
    fromEntity: null,
    toEntity: null,
    redirect: true,
  });
}

function navigate(path: string): void {
  const sessionId = /^\/log\/call\/(.+)$/.exec(path)?.[1];
  const call = find(sessionId);
  if (call) {
    const entry = entriesOf(call.sessionId).find((e) => e?.type !== 'status') as { note?: string } | undefined;
    openLog = {
      sessionId: call.sessionId,
      formData: { ...(logPage?.formData ?? {}), ...(entry?.note ? { note: entry.note } : {}) },
    };
    void match([call.sessionId], { bypassCache: true });
  } else openLog = null;
  post({ type: 'rc-route-changed-notify', path: call ? path : '/history' });
  render();
}

async function saveLog(): Promise<void> {
  const call = openLog && find(openLog.sessionId);
  if (!call || !openLog) return;
  const formData = { ...openLog.formData };
  await logCall(call, 'logForm', { note: String(formData.note ?? ''), formData, redirect: true });
  openLog = null; // closes after the reply or the timeout alike
  post({ type: 'rc-route-changed-notify', path: '/history' });
  render();
}

function changeField(key: string, value: unknown): void {
  const call = openLog && find(openLog.sessionId);
  if (!call || !openLog) return;
  openLog.formData[key] = value;
  const path = service?.callLogPageInputChangedEventPath;
  if (typeof path === 'string')
    void request(path, { call: describe(call), formData: openLog.formData, keys: [key], page: logPage });
}

// ---- messages from the page -------------------------------------------------------------------------------------
const handlers: Record<string, (data: Json) => void | Promise<void>> = {
  'rc-adapter-register-third-party-service': (data) => {
    const given = data.service as Json | undefined;
    if (given && typeof given === 'object' && given.name) register({ ...given });
  },
  'rc-post-message-response': ({ responseId, response }) => {
    const entry = pending.get(responseId as string);
    if (!entry) return; // late or duplicate: ignored
    clearTimeout(entry.timer);
    pending.delete(responseId as string);
    report('answered', { requestId: responseId, path: entry.path, response });
    entry.done({ answered: true, response });
  },
  'rc-adapter-trigger-call-logger-match': ({ sessionIds }) => {
    // IDs the widget does not know are silently ignored (§4).
    if (!Array.isArray(sessionIds)) return;
    const known = sessionIds.filter(
      (id): id is string => typeof id === 'string' && (find(id) !== undefined || knownFromRequests.has(id)),
    );
    void match(known, { bypassCache: true });
  },
  'rc-adapter-update-auto-log-settings': ({ call }) => {
    if (typeof call === 'boolean') setAutoLog(call); // ignored until the call logger is ready
  },
  'rc-adapter-update-call-log-page': ({ page }) => {
    if (page && typeof page === 'object') logPage = page as LogPage;
    render();
  },
  'rc-adapter-navigate-to': ({ path }) => {
    if (typeof path === 'string') navigate(path);
  },
  'rc-adapter-message-request': async ({ requestId, path, body }) => {
    const args = (body && typeof body === 'object' ? body : {}) as Json;
    let response: unknown = { data: 'no matched path' };
    if (path === '/unlogged-calls') response = await unloggedCalls(args);
    else if (path === '/get-call-log') {
      const call = calls.find(
        (c) => c.sessionId === args.sessionId || c.telephonySessionId === args.telephonySessionId,
      );
      response = { call: call ? describe(call) : null };
    } else if (path === '/custom-alert-message') {
      alert = { id: crypto.randomUUID(), message: String(args.message ?? ''), level: String(args.level ?? 'info') };
      response = alert.id;
      render();
    } else if (path === '/dismiss-alert-message') {
      alert = null;
      response = 'ok';
      render();
    }
    post({ type: 'rc-adapter-message-response', responseId: requestId, response });
    report('replied', { requestId }); // after the reply: the page has it once it reads this
  },
};

// ---- commands from the page's automation (control.ts) -----------------------------------------------------------
const commands: Record<string, (data: Json) => unknown> = {
  /** Sends a raw request now, outside the per-call queue. */
  request: ({ path, body, timeout, tag }) => {
    const sessionId = (body as { call?: { sessionId?: unknown } } | null)?.call?.sessionId;
    if (typeof sessionId === 'string') knownFromRequests.add(sessionId);
    return request(path as string, body, { timeout: timeout as number | undefined, tag }).then(({ answered }) => {
      if (answered && typeof sessionId === 'string' && path === service?.callLoggerPath)
        void match([sessionId], { bypassCache: true });
    });
  },
  send: ({ message }) => post(message as Json),
  login: ({ loggedIn: value = true }) => setLoggedIn(Boolean(value)),
  /** Replaces the call history with these call-log records. */
  history: ({ calls: records }) => {
    calls.length = 0;
    for (const { recording, ...record } of records as Json[]) {
      const startTime = Number(record.startTime) || Date.now() - 3_600_000;
      calls.push({
        sessionId: String(record.sessionId),
        telephonySessionId: String(record.telephonySessionId ?? ''),
        partyId: String(record.partyId ?? ''),
        direction: record.direction === 'Outbound' ? 'Outbound' : 'Inbound',
        contact: { phoneNumber: '', name: '' },
        startTime,
        connectedAt: startTime,
        endTime: startTime + (Number(record.duration) || 0) * 1000,
        phase: 'Ended',
        record,
        recording: recording as CallRecording | undefined,
      });
    }
    void match(calls.map((call) => call.sessionId));
    render();
  },
  call: ({ tag, ...options }) => report('call', { tag, sessionId: simulateCall(options).sessionId }),
  advance: ({ sessionId, step }) => {
    const call = find(sessionId);
    if (call) advance(call, step as 'answer' | 'hangup' | 'sync' | 'record');
  },
  /** Clicks a button only where the UI shows it enabled. */
  click: ({ sessionId, button }) => {
    const call = find(sessionId);
    if (!call) return;
    const buttons = buttonsFor(call);
    if (button === 'log' && buttons.log === 'enabled') clickLog(call);
    if (button === 'view' && buttons.view) void logCall(call, 'viewLog', { redirect: true });
  },
  autoLog: ({ value }) => {
    if (!service?.callLoggerAutoSettingReadOnly && !service?.callLoggerAutoLogSettingHidden) setAutoLog(Boolean(value));
  },
  /** Fills the open log page field by field (each change is reported like a user's), then saves it if asked. */
  logPage: ({ formData, save }) => {
    for (const [key, value] of Object.entries((formData ?? {}) as Json)) changeField(key, value);
    if (save) void saveLog();
  },
  state: ({ tag }) => report('state', { tag, state: snapshot() }),
  /** A marker: answered after everything the page posted before it, and after everything the widget posted. */
  ping: ({ tag }) => report('pong', { tag }),
  /** Puts a frame inside the widget page: for tests that a nested frame cannot pass for the widget. */
  nest: ({ url }) => {
    const next = new URL(String(url), location.href);
    if (next.protocol === 'http:' || next.protocol === 'https:')
      document.body.append(h('iframe', { src: next.href, hidden: true }));
  },
  reload: () => location.reload(),
  navigate: ({ url }) => {
    const next = new URL(String(url), location.href);
    if (next.protocol === 'http:' || next.protocol === 'https:') location.assign(next.href);
  },
};

/** What the simulator shows, as data: for tests that wait for a call to turn "logged". */
function snapshot() {
  return {
    loggedIn,
    autoLog,
    registered: Boolean(service?.callLoggerPath),
    logPageOpenFor: openLog?.sessionId ?? null,
    calls: calls.map((call) => ({
      sessionId: call.sessionId,
      direction: call.direction,
      phase: call.phase,
      synced: Boolean(call.record),
      recording: Boolean(call.recording),
      logged: isLogged(call.sessionId),
      status: statusOf(call.sessionId) ?? null,
      logging: (logsRunning.get(call.sessionId) ?? 0) > 0,
    })),
  };
}

window.addEventListener('message', (event: MessageEvent) => {
  try {
    onMessage(event);
  } catch (error) {
    console.error('rc-call-logger simulator: could not handle a message', error);
  }
});

function onMessage(event: MessageEvent): void {
  const data = event.data as Json | null;
  const type = typeof data?.type === 'string' ? data.type : '';
  if (type.startsWith('rc-simulator:')) {
    const command = type.slice('rc-simulator:'.length);
    if (event.source === parent && Object.hasOwn(commands, command)) void commands[command](data!);
    return;
  }
  inspect('in', data);
  report('received', { origin: event.origin, data, booted });
  if (booted && Object.hasOwn(handlers, type)) void handlers[type](data!);
}

setTimeout(() => {
  booted = true;
  post(adapterState());
  post(loginStatus());
  report('booted', { origin: location.origin });
  render();
}, bootDelay);

// ---- UI ---------------------------------------------------------------------------------------------------------
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Json = {},
  ...children: Array<Node | string | null | false>
) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children.filter((child): child is Node | string => child !== null && child !== false));
  return el;
}

/** JSON for the inspector; never throws (postMessage carries BigInts and cycles, JSON does not). */
function printable(data: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(
        data,
        (_key, value: unknown) => {
          if (typeof value === 'bigint') return `${value}n`;
          if (value && typeof value === 'object') {
            if (seen.has(value)) return '[circular]';
            seen.add(value);
          }
          return value;
        },
        2,
      ) ?? String(data)
    );
  } catch {
    return String(data);
  }
}

function inspect(way: 'in' | 'out' | 'note', data: unknown): void {
  const message = (way === 'note' ? { note: data } : data) as Json | null;
  const body = (message && typeof message === 'object' ? message.body : undefined) as Json | undefined;
  const service = (message && typeof message === 'object' ? message.service : undefined) as Json | undefined;
  const summary =
    message && typeof message === 'object'
      ? [message.type ?? message.note, message.path, body?.triggerType, service?.name]
          .filter((part) => typeof part === 'string')
          .join(' ')
      : typeof message;
  wire.unshift({ way: way === 'note' ? 'in' : way, summary, json: printable(data), at: Date.now() });
  wire.length = Math.min(wire.length, 300);
  // Drawn at most every 100 ms: a page can send thousands of messages in a burst.
  inspectorDrawn ??= setTimeout(() => {
    inspectorDrawn = undefined;
    renderInspector();
  }, 100);
}
let inspectorDrawn: ReturnType<typeof setTimeout> | undefined;

const view = (id: string) => document.getElementById(id)!;
const PHASE_TEXT: Record<Phase, string> = { Ringing: 'Ringing…', CallConnected: 'On call', Ended: 'Ended' };

function render(): void {
  try {
    draw();
  } catch (error) {
    console.error('rc-call-logger simulator: could not draw', error);
  }
}

function draw(): void {
  if (!document.getElementById('calls')) return;
  const ready = booted && loggedIn;
  view('status').textContent = !booted
    ? 'Starting…'
    : loggedIn
      ? `Logged in as ${SELF.phoneNumber}*${SELF.extensionNumber}`
      : 'Logged out';
  view('login').textContent = loggedIn ? 'Log out' : 'Log in';
  view('service').textContent = service?.callLoggerPath
    ? `Call logging: ${String(service.displayName ?? service.name)}`
    : 'No call logger registered yet';
  const toggle = view('auto-log') as HTMLInputElement;
  toggle.checked = Boolean(autoLog);
  toggle.disabled = autoLog === null || Boolean(service?.callLoggerAutoSettingReadOnly);
  toggle.title = String(service?.callLoggerAutoSettingReadOnlyReason ?? '');
  view('auto-log-label').textContent = String(service?.callLoggerAutoSettingLabel || 'Auto log calls');
  view('auto-log-row').hidden = Boolean(service?.callLoggerAutoLogSettingHidden) || autoLog === null;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-new-call]')) button.disabled = !ready;
  view('alert').replaceChildren(
    ...(alert ? [h('div', { className: `alert ${alert.level}`, textContent: alert.message })] : []),
  );
  view('calls').replaceChildren(
    ...(calls.length ? calls.map(renderCall) : [h('li', { className: 'empty', textContent: 'No calls yet.' })]),
  );
  renderLogPage();
}

/** Which log buttons a call shows: Log / Edit log (hidden, disabled or enabled) and View log. */
function buttonsFor(call: SimulatedCall): { log: 'hidden' | 'disabled' | 'enabled'; view: boolean } {
  const id = call.sessionId;
  const logged = isLogged(id);
  if (!service?.callLoggerPath || !loggedIn) return { log: 'hidden', view: false };
  const busy = (logsRunning.get(id) ?? 0) > 0 || statusOf(id)?.status === 'pending';
  const log = logged && service.callLoggerHideEditLogButton ? 'hidden' : busy ? 'disabled' : 'enabled';
  return { log, view: logged };
}

function renderCall(call: SimulatedCall): HTMLElement {
  const id = call.sessionId;
  const logged = isLogged(id);
  const status = statusOf(id);
  const logging = (logsRunning.get(id) ?? 0) > 0;
  const buttons = buttonsFor(call);
  const missed = call.phase === 'Ended' && !call.connectedAt;
  const phase = missed ? 'Missed' : PHASE_TEXT[call.phase];
  const logButton =
    buttons.log !== 'hidden' &&
    h('button', {
      className: 'log',
      textContent: logged ? 'Edit log' : String(service?.callLoggerTitle || 'Log call'),
      disabled: buttons.log === 'disabled',
      onclick: () => clickLog(call),
    });
  const viewButton =
    buttons.view &&
    h('button', {
      className: 'view',
      textContent: 'View log',
      onclick: () => void logCall(call, 'viewLog', { redirect: true }),
    });
  const controls =
    call.phase === 'Ringing'
      ? [
          h('button', { textContent: 'Answer', onclick: () => advance(call, 'answer') }),
          h('button', { textContent: 'Decline', onclick: () => advance(call, 'hangup') }),
        ]
      : call.phase === 'CallConnected'
        ? [h('button', { textContent: 'Hang up', onclick: () => advance(call, 'hangup') })]
        : [];
  return h(
    'li',
    { className: `call ${call.phase}${logged ? ' logged' : ''}`, id: `call-${id}` },
    h('span', { className: 'dir', textContent: call.direction === 'Inbound' ? '↙' : '↗', title: call.direction }),
    h(
      'span',
      { className: 'who' },
      h('strong', { textContent: call.contact.name || call.contact.phoneNumber || id }),
      h('small', { textContent: ` ${call.contact.phoneNumber}` }),
    ),
    h('span', {
      className: 'phase',
      textContent: `${phase}${call.record ? ` · ${String(call.record.duration)} s` : ''}${call.recording ? ' · ● recording' : ''}`,
    }),
    h('span', { className: 'badge', textContent: logging ? 'logging…' : logged ? 'Logged' : 'Unlogged' }),
    status
      ? h('div', { className: `status ${status.status}`, textContent: status.message ?? status.status ?? '' })
      : null,
    h('span', { className: 'actions' }, ...controls, logButton, viewButton),
  );
}

function renderLogPage(): void {
  const panel = view('log-page');
  const call = openLog && find(openLog.sessionId);
  panel.hidden = !call;
  if (!call || !openLog) return panel.replaceChildren();
  const form = openLog.formData;
  const schema = (logPage?.schema ?? { properties: { note: { type: 'string', title: 'Note' } } }) as {
    properties?: Record<string, Json>;
  };
  const ui = (logPage?.uiSchema ?? { note: { 'ui:widget': 'textarea' } }) as Record<string, Json>;
  const fields = Object.entries(schema.properties ?? {})
    .filter(([key, field]) => field && typeof field === 'object' && ui[key]?.['ui:widget'] !== 'hidden')
    .map(([key, field]) => {
      const label = String(field.title ?? key);
      const value = form[key];
      let input: HTMLElement;
      if (field.type === 'boolean') {
        input = h('input', {
          type: 'checkbox',
          name: key,
          checked: Boolean(value),
          onchange: (e: Event) => changeField(key, (e.target as HTMLInputElement).checked),
        });
      } else if (Array.isArray(field.enum)) {
        input = h(
          'select',
          { name: key, onchange: (e: Event) => changeField(key, (e.target as HTMLSelectElement).value) },
          ...field.enum.map((option) =>
            h('option', { value: String(option), textContent: String(option), selected: option === value }),
          ),
        );
      } else {
        const tag = ui[key]?.['ui:widget'] === 'textarea' ? 'textarea' : 'input';
        input = h(tag, {
          name: key,
          value: String(value ?? ''),
          onchange: (e: Event) => changeField(key, (e.target as HTMLInputElement).value),
        });
      }
      return h('label', {}, `${label} `, input);
    });
  panel.replaceChildren(
    h('h2', { textContent: `${logPage?.title ?? 'Log call'} · ${call.contact.name || call.sessionId}` }),
    ...fields,
    h(
      'p',
      {},
      h('button', { className: 'save', textContent: 'Save', onclick: () => void saveLog() }),
      h('button', { textContent: 'Cancel', onclick: () => navigate('/history') }),
    ),
  );
}

function renderInspector(): void {
  const list = document.getElementById('wire');
  if (!list) return;
  list.replaceChildren(
    ...wire.slice(0, 100).map(({ way, summary, json, at }) => {
      const line = `${new Date(at).toISOString().slice(11, 23)} ${way === 'out' ? '→ page' : '← page'} ${summary}`;
      return h(
        'li',
        { className: way },
        h('details', {}, h('summary', { textContent: line }), h('pre', { textContent: json })),
      );
    }),
  );
}

function wireUp(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-new-call]')) {
    const [direction, kind] = button.dataset.newCall!.split(' ');
    button.onclick = () =>
      simulateCall({ direction: direction as Direction, missed: kind === 'missed', past: kind === 'past' });
  }
  view('login').onclick = () => setLoggedIn(!loggedIn);
  (view('auto-log') as HTMLInputElement).onchange = (event) => setAutoLog((event.target as HTMLInputElement).checked);
  render();
  renderInspector();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireUp, { once: true });
else wireUp();
