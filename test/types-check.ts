// Compile-only (run by `tsc --noEmit`, never in the browser): the typings an integrator relies on.
import {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LoginChangeEvent,
  RcCallLoggerElement,
  type CallMatchAnswer,
  type LogEntry,
  type StatusEntry,
  type TriggerType,
} from '../src/index.js';

declare function saveCall(sessionId: string, trigger: TriggerType | undefined): Promise<{ id: string }>;

export function integrate(): void {
  const logger = document.querySelector('rc-call-logger');
  if (!logger) return;
  const element: RcCallLoggerElement = logger;
  element.serviceName = 'Acme CRM';
  element.responseTimeout = 8000;
  // @ts-expect-error: a boolean attribute's property is a boolean
  element.autoLog = 'yes';

  logger.addEventListener('call-log', (event) => {
    const typed: CallLogEvent = event;
    const sessionId: string = event.call.sessionId;
    event.respondWith(saveCall(sessionId, typed.triggerType));
    void event.signal.aborted;
    void event.body.call.recording?.contentUri;
  });

  document.addEventListener('call-match', (event) => {
    const typed: CallMatchEvent = event;
    const answer: CallMatchAnswer = Object.fromEntries(typed.sessionIds.map((id) => [id, [{ id: `crm-${id}` }]]));
    event.respondWith(Promise.resolve(answer));
    // @ts-expect-error: a call-match answer is a map of entry arrays, not a list
    event.respondWith(['crm-1']);
    // @ts-expect-error: status entries have a closed set of statuses
    event.respondWith({ s: [{ type: 'status', status: 'maybe' }] });
  });

  logger.addEventListener('login-change', (event) => {
    const typed: LoginChangeEvent = event;
    void (typed.loggedIn satisfies boolean);
  });
  logger.addEventListener('auto-log-change', (event) => {
    const typed: AutoLogChangeEvent = event;
    void (typed.autoLog satisfies boolean);
  });
  logger.addEventListener('log-page-input', (event) => void event.formData);
  logger.addEventListener('call-log', (event) => {
    if (event.automatic && event.logEntries.length > 0)
      event.respondWith(saveCall(event.logEntries[0].id, event.triggerType));
    const direction: 'Inbound' | 'Outbound' | undefined = event.call.direction;
    const seconds: number | undefined = event.call.duration;
    void [direction, seconds, event.call.from?.phoneNumber, event.call.recording?.type];
    // @ts-expect-error: triggers are a closed union
    void (event.triggerType === 'autoLog');
  });
  const failed: StatusEntry = { type: 'status', status: 'failed', message: 'CRM is down' };
  const logged: LogEntry = { id: 'crm-1', note: 'Called back' };
  const answer: CallMatchAnswer = { 's-1': [logged, failed] };
  void answer;
  void (logger.ready satisfies boolean);
  void (logger.autoLogEnabled satisfies boolean | undefined);
  // @ts-expect-error: state is read-only
  logger.loggedIn = true;
  void logger.setAutoLog(true);
  void logger.refreshMatches(['s-1']);
  void logger.setLogPage({ title: 'Log', schema: { type: 'object' } });
  logger.adapterOptions = { prefix: 'acme', disableCall: true, zIndex: 1000 };

  // @ts-expect-error: responded is read-only
  new CallLogEvent({ call: { sessionId: 's' } }, new AbortController().signal).responded = true;
  RcCallLoggerElement.define('acme-call-logger');
}

// React: the wrapper's props (src/react.ts), and `<rc-call-logger>` in React's JSX, which a .tsx file checks against.
import { createElement, type JSX } from 'react';
import { RcCallLogger, type RcCallLoggerProps } from '../src/react.js';

type LoggerJSX = JSX.IntrinsicElements['rc-call-logger'];

export function integrateReact(): void {
  const props: RcCallLoggerProps = {
    serviceName: 'Acme CRM',
    responseTimeout: 8000,
    adapterOptions: { prefix: 'acme' },
    onCallLog: (event) => event.respondWith(saveCall(event.call.sessionId, event.triggerType)),
    onCallMatch: (event) => event.respondWith({ [event.sessionIds[0]]: [{ id: 'crm-1' }] }),
    onLogPageInput: (event) => void event.formData,
    onReady: (event) => void event.type,
    onLoginChange: (event) => void (event.loggedIn satisfies boolean),
    onAutoLogChange: (event) => void (event.autoLog satisfies boolean),
    onError: (event) => void (event.message satisfies string),
  };
  void createElement(RcCallLogger, props);
  // @ts-expect-error: a boolean property takes a boolean
  void ({ autoLog: 'yes' } satisfies RcCallLoggerProps);
  // @ts-expect-error: onCallMatch gets a CallMatchEvent, answered with a map
  void ({ onCallMatch: (event) => event.respondWith(['crm-1']) } satisfies RcCallLoggerProps);

  const jsx: LoggerJSX = {
    serviceName: 'Acme CRM',
    'display-name': 'Acme',
    'auto-log': true,
    'response-timeout': 8000,
    service: { info: 'Logs calls' },
    className: 'docked',
    'oncall-log': (event) => event.respondWith(saveCall(event.call.sessionId, event.triggerType)),
    'oncall-match': (event) => event.respondWith({}),
    'onlogin-change': (event) => void (event.loggedIn satisfies boolean),
    onerror: (event) => void (event.message satisfies string),
  };
  void jsx;
  // @ts-expect-error: no such attribute
  void ({ 'service-nam': 'Acme' } satisfies LoggerJSX);
  // @ts-expect-error: read-only state is not a prop
  void ({ loggedIn: true } satisfies LoggerJSX);
  // @ts-expect-error: methods are not props
  void ({ setAutoLog: () => Promise.resolve() } satisfies LoggerJSX);
  // @ts-expect-error: a number attribute takes a number
  void ({ 'response-timeout': [8000] } satisfies LoggerJSX);
  // @ts-expect-error: oncall-match gets a CallMatchEvent
  void ({ 'oncall-match': (event) => void event.call } satisfies LoggerJSX);
}
