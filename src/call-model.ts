/**
 * The call data the widget sends and the answers it reads, as TypeScript types: what a `call-log` or `call-match`
 * listener works with. Types only, but for the list of automatic triggers.
 */

/** Triggers the widget sends when it logs on its own (auto log). */
export type AutomaticTriggerType = 'presenceUpdate' | 'callLogSync';

/**
 * Why a `call-log` event fired. `backfill` and `retry` are ours: a call the widget reports as never logged, fetched
 * when `backfill` is on; a failed log sent again from the outbox.
 */
export type TriggerType =
  | 'createLog'
  | 'editLog'
  | 'viewLog'
  | 'contactUpdated'
  | 'logForm'
  | AutomaticTriggerType
  | 'manual'
  | 'backfill'
  | 'retry';

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

export const isStatusEntry = (entry: MatchEntry): entry is StatusEntry => entry.type === 'status';

/** The call as the widget describes it. Unlisted fields pass through untouched. */
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

/** Body of a `call-log` request. */
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
  /** Ours, on a `retry`: the attempt number (the first send was 1). */
  attempt?: number;
  [key: string]: unknown;
}

/** Body of a request to `log-page-input-path`: a field of the widget's log form changed. */
export interface LogPageInputBody {
  call: Call;
  formData: Record<string, unknown>;
  /** Names of the fields that changed. */
  keys: string[];
  page?: LogPage;
}

/** A custom log form for `setLogPage()`: JSON Schema + uiSchema, as the widget's log page reads them. */
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

/** Body of a `call-match` request. */
export interface CallMatchRequestBody {
  sessionIds: string[];
  /** The subset still in progress (widget 2.3.0+). */
  activeSessionIds?: string[];
}

/** What a `call-match` listener answers: for each session ID, its log entries. Missing IDs mean "not logged". */
export type CallMatchAnswer = Record<string, MatchEntry[]>;

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
