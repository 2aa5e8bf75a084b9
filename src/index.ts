import './define.js';

export { RcCallLoggerElement, DEFAULT_RESPONSE_TIMEOUT, READY_TIMEOUT } from './rc-call-logger-element.js';
export {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LogPageInputEvent,
  LoginChangeEvent,
  WidgetRequestEvent,
} from './events.js';
export { DEFAULT_ADAPTER_SRC } from './protocol.js';
export type { AdapterOptionValue } from './config.js';
export type {
  AutomaticTriggerType,
  Call,
  CallLogRequestBody,
  CallMatchAnswer,
  CallMatchRequestBody,
  CallParty,
  CallRecording,
  LogEntry,
  LogPage,
  LogPageInputBody,
  MatchEntry,
  ServiceRegistration,
  StatusEntry,
  TriggerType,
} from './protocol.js';
