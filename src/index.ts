import './define.js';

export { RcCallLoggerElement } from './rc-call-logger-element.js';
export {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LogPageInputEvent,
  LoginChangeEvent,
  OutboxChangeEvent,
  WidgetRequestEvent,
  type RcCallLoggerEventMap,
} from './events.js';
export { RcCallLoggerError, type RcCallLoggerErrorCode } from './errors.js';
export { DEFAULT_RESPONSE_TIMEOUT, READY_TIMEOUT } from './limits.js';
export { DEFAULT_ADAPTER_SRC } from './adapter-loader.js';
export type { AdapterOptionValue } from './settings.js';
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
} from './call-model.js';
