/**
 * The wire between the page and the widget frame: the names of the messages the widget posts, guards for what
 * arrives, and a builder for every message the page posts. Pure data: no DOM, no globals.
 */
import type {
  CallLogRequestBody,
  CallMatchAnswer,
  CallMatchRequestBody,
  LogPage,
  LogPageInputBody,
  ServiceRegistration,
  UnloggedCallsPage,
} from './call-model.js';

// ---- what the widget posts to the page ---------------------------------------------------------------------------
/** The widget (re)loaded: sent once per frame load, after which it has forgotten every registration. */
export const WIDGET_BOOTED = 'rc-adapter-pushAdapterState';
export const WIDGET_LOGIN_STATUS = 'rc-login-status-notify';
export const WIDGET_AUTO_LOG_STATUS = 'rc-callLogger-auto-log-notify';
export const WIDGET_HISTORY_SYNCED = 'rc-call-history-synced-notify';
/** The widget's web phone: a call rang, was dialled, connected, held or resumed; or it ended. Each carries `call.id`. */
export const WIDGET_CALL_LIVE = /^rc-call-(ring|init|start|hold|resume)-notify$/;
export const WIDGET_CALL_ENDED = 'rc-call-end-notify';
/** A request for the page to answer: log a call, match calls, a log form field changed. */
export const WIDGET_REQUEST = 'rc-post-message-request';
/** The widget's answer to one of the page's own requests. */
export const WIDGET_REPLY = 'rc-adapter-message-response';

export interface WidgetRequest {
  type: typeof WIDGET_REQUEST;
  requestId: string;
  path: string;
  body?: unknown;
}

export interface WidgetMessage {
  type: string;
  [key: string]: unknown;
}

// ---- guards for what arrives -------------------------------------------------------------------------------------
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

export function isWidgetMessage(data: unknown): data is WidgetMessage {
  return isObject(data) && typeof data.type === 'string';
}

/**
 * The login status the widget says first on every load, before it knows: `{loggedIn: false}` and nothing else. A
 * real status, a logout included, carries the user's fields (`isFreshLogin`, `features`, …) as well.
 */
export const isStartupLoginStatus = (message: WidgetMessage) =>
  message.loggedIn === false && Object.keys(message).length === 2;

export function isWidgetRequest(data: unknown): data is WidgetRequest {
  return (
    isWidgetMessage(data) &&
    data.type === WIDGET_REQUEST &&
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

export function isCallMatchBody(body: unknown): body is CallMatchRequestBody {
  return (
    isObject(body) &&
    isStringArray(body.sessionIds) &&
    (body.activeSessionIds === undefined || isStringArray(body.activeSessionIds))
  );
}

/**
 * A map whose asked session IDs are absent or hold arrays of entry objects. Only the asked IDs are read: the widget
 * stores `data[id]` for each ID it asked about and nothing else.
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

// ---- what the page posts to the widget ---------------------------------------------------------------------------
/** Registers (or re-registers) the page's service; the widget forgets it on every load. */
export const registerMessage = (service: ServiceRegistration) => ({
  type: 'rc-adapter-register-third-party-service',
  service,
});

/** The page's reply to the widget's request `requestId`. */
export const replyMessage = (requestId: string, response: unknown) => ({
  type: 'rc-post-message-response',
  responseId: requestId,
  response,
});

/** The reply body for a request we could not answer properly; never `data`, so it cannot pass for success. */
export const errorResponse = (message: string) => ({ error: { message } });

/** Asks the widget to match these calls again, bypassing its cache. */
export const rematchMessage = (sessionIds: string[]) => ({ type: 'rc-adapter-trigger-call-logger-match', sessionIds });

/** Turns "Auto log calls" on or off. */
export const autoLogMessage = (enabled: boolean) => ({ type: 'rc-adapter-update-auto-log-settings', call: enabled });

/** Replaces the widget's log form. */
export const logPageMessage = (page: LogPage) => ({ type: 'rc-adapter-update-call-log-page', page });

/** Opens a page of the widget, such as a call's log page. */
export const navigateMessage = (path: string) => ({ type: 'rc-adapter-navigate-to', path });

/** One of the page's own requests to the widget, answered with `WIDGET_REPLY`. */
export const pageRequestMessage = (requestId: string, path: string, body: unknown) => ({
  type: 'rc-adapter-message-request',
  requestId,
  path,
  body,
});
