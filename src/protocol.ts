/**
 * The wire protocol of RingCentral Embeddable's third-party service, as far as call logging needs it:
 * message shapes, guards for what arrives, and builders for what we send. Pure data: no DOM, no globals.
 */

export const DEFAULT_ADAPTER_SRC = 'https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/adapter.js';

/** Message types the widget sends when it has booted (`pushAdapterState`) or the login changed. */
export const ADAPTER_STATE = 'rc-adapter-pushAdapterState';
export const LOGIN_STATUS = 'rc-login-status-notify';
export const REGISTER_SERVICE = 'rc-adapter-register-third-party-service';
export const REQUEST = 'rc-post-message-request';
export const RESPONSE = 'rc-post-message-response';
export const AUTO_LOG_STATUS = 'rc-callLogger-auto-log-notify';
export const HISTORY_SYNCED = 'rc-call-history-synced-notify';
export const TRIGGER_MATCH = 'rc-adapter-trigger-call-logger-match';
export const UPDATE_AUTO_LOG = 'rc-adapter-update-auto-log-settings';
export const UPDATE_LOG_PAGE = 'rc-adapter-update-call-log-page';
export const NAVIGATE = 'rc-adapter-navigate-to';
/** Page-to-widget request API (protocol.md §4), answered with `rc-adapter-message-response`. */
export const ADAPTER_REQUEST = 'rc-adapter-message-request';
export const ADAPTER_RESPONSE = 'rc-adapter-message-response';

/** How long the widget itself waits for our reply before it gives up (protocol.md §3.1). */
export const WIDGET_TIMEOUT = { callLog: 15_000, callMatch: 30_000 } as const;

/** Triggers the widget sends when it logs on its own (auto log). */
export type AutomaticTriggerType = 'presenceUpdate' | 'callLogSync';

/**
 * Why a `call-log` event fired (protocol.md §3.4). `backfill` is ours: a call the widget reports as never logged,
 * fetched when `backfill` is on.
 */
export type TriggerType =
  'createLog' | 'editLog' | 'viewLog' | 'contactUpdated' | 'logForm' | AutomaticTriggerType | 'manual' | 'backfill';

export const AUTOMATIC_TRIGGERS: readonly TriggerType[] = ['presenceUpdate', 'callLogSync'];

export interface CallParty {
  /** Normalised E.164 number. */
  phoneNumber?: string;
  extensionNumber?: string;
  extensionId?: string;
  name?: string;
}

export interface CallRecording {
  id: string;
  uri?: string;
  type?: 'Automatic' | 'OnDemand';
  /** Media URL; carries `?access_token=…` when `recording-with-token` is set. Never log it. */
  contentUri?: string;
  /** Player link built by the widget. */
  link?: string;
}

/** A status line the widget shows on a call; it does not mark the call as logged. */
export interface StatusEntry {
  type: 'status';
  status: 'pending' | 'failed' | 'success';
  message?: string;
}

/** One of *your* log records for a call, as your `call-match` answer describes it. */
export interface LogEntry {
  id: string;
  /** Pre-fills the widget's log form. */
  note?: string;
  contactId?: string;
  contact?: { id?: string; [key: string]: unknown };
  type?: string;
  [key: string]: unknown;
}

export type MatchEntry = LogEntry | StatusEntry;

/** The call as the widget describes it (protocol.md §3.3). Unlisted fields pass through untouched. */
export interface Call {
  /** The key to upsert by: several requests arrive per call. */
  sessionId: string;
  telephonySessionId?: string;
  partyId?: string;
  id?: string;
  direction?: 'Inbound' | 'Outbound';
  from?: CallParty;
  to?: CallParty;
  fromName?: string;
  toName?: string;
  /** Epoch milliseconds. */
  startTime?: number;
  /** Seconds. */
  duration?: number;
  result?: string;
  telephonyStatus?: string;
  recording?: CallRecording;
  /** Your own `call-match` entries for this call, echoed back by the widget. */
  activityMatches?: MatchEntry[];
  [key: string]: unknown;
}

/** Body of a `call-log` request (protocol.md §3.2). */
export interface CallLogRequestBody {
  call: Call;
  triggerType?: TriggerType;
  fromEntity?: unknown;
  toEntity?: unknown;
  redirect?: boolean;
  note?: string;
  formData?: Record<string, unknown>;
  aiNote?: string;
  transcript?: string;
  [key: string]: unknown;
}

/** Body of a request to `log-page-input-path`: a field of the widget's log form changed (protocol.md §3.7). */
export interface LogPageInputBody {
  call: Call;
  formData: Record<string, unknown>;
  /** Names of the fields that changed. */
  keys: string[];
  page?: LogPage;
}

/** A custom log form for `setLogPage()`: JSON Schema + uiSchema, as the widget's log page reads them (§3.7). */
export interface LogPage {
  title?: string;
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
  formData?: Record<string, unknown>;
}

/** Reply of the widget's `/unlogged-calls` request. */
export interface UnloggedCallsPage {
  calls: Call[];
  hasMore: boolean;
}

/** Body of a `call-match` request (protocol.md §3.6). */
export interface CallMatchRequestBody {
  sessionIds: string[];
  /** The subset still in progress (widget 2.3.0+). */
  activeSessionIds?: string[];
}

/** What a `call-match` listener answers: for each session ID, its log entries. Missing IDs mean "not logged". */
export type CallMatchAnswer = Record<string, MatchEntry[]>;

export interface WidgetRequest {
  type: typeof REQUEST;
  requestId: string;
  path: string;
  body?: unknown;
}

export interface WidgetMessage {
  type: string;
  [key: string]: unknown;
}

/** Registration fields we send; `name` is required by the widget. */
export interface ServiceRegistration {
  name: string;
  callLoggerPath?: string;
  callLogEntityMatcherPath?: string;
  callLoggerTitle?: string;
  recordingWithToken?: boolean;
  showLogModal?: boolean;
  [key: string]: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

export function isWidgetMessage(data: unknown): data is WidgetMessage {
  return isObject(data) && typeof data.type === 'string';
}

export function isWidgetRequest(data: unknown): data is WidgetRequest {
  return (
    isWidgetMessage(data) &&
    data.type === REQUEST &&
    typeof data.requestId === 'string' &&
    data.requestId !== '' &&
    typeof data.path === 'string'
  );
}

export function isCallLogBody(body: unknown): body is CallLogRequestBody {
  return isObject(body) && isObject(body.call) && typeof body.call.sessionId === 'string';
}

export function isLogPageInputBody(body: unknown): body is LogPageInputBody {
  return isCallLogBody(body) && isObject(body.formData) && isStringArray(body.keys);
}

export function isUnloggedCallsPage(value: unknown): value is UnloggedCallsPage {
  return (
    isObject(value) &&
    Array.isArray(value.calls) &&
    value.calls.every((call) => isObject(call) && typeof call.sessionId === 'string')
  );
}

export const isStatusEntry = (entry: MatchEntry): entry is StatusEntry => entry.type === 'status';

export function isCallMatchBody(body: unknown): body is CallMatchRequestBody {
  return (
    isObject(body) &&
    isStringArray(body.sessionIds) &&
    (body.activeSessionIds === undefined || isStringArray(body.activeSessionIds))
  );
}

/**
 * A map whose asked session IDs are absent or hold arrays of entry objects. Only the asked IDs are read: the widget
 * stores `data[id]` for each ID it asked about and nothing else (protocol.md §3.6).
 */
export function isCallMatchAnswer(value: unknown, sessionIds: readonly string[]): value is CallMatchAnswer {
  return (
    isObject(value) &&
    sessionIds.every((id) => {
      const entries = value[id];
      if (Array.isArray(entries)) return entries.every(isObject);
      // Object.hasOwn() only off the common path: on a 10,000-key answer it doubled the garbage collector's work.
      return entries === undefined || !Object.hasOwn(value, id);
    })
  );
}

export const registrationMessage = (service: ServiceRegistration) => ({ type: REGISTER_SERVICE, service });

export const responseMessage = (responseId: string, response: unknown) => ({
  type: RESPONSE,
  responseId,
  response,
});

/** The reply for a request we could not answer properly; never `data`, so it cannot pass for success. */
export const errorResponse = (message: string) => ({ error: { message } });
