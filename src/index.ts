import './define.js';

export { RcCallLoggerElement, DEFAULT_RESPONSE_TIMEOUT } from './rc-call-logger-element.js';
export { CallLogEvent, CallMatchEvent, WidgetRequestEvent } from './events.js';
export { DEFAULT_ADAPTER_SRC } from './protocol.js';
export type {
  Call,
  CallLogRequestBody,
  CallMatchAnswer,
  CallMatchRequestBody,
  CallParty,
  CallRecording,
  LogEntry,
  MatchEntry,
  ServiceRegistration,
  StatusEntry,
  TriggerType,
} from './protocol.js';
