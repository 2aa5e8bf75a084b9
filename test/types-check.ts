// Compile-only (run by `tsc --noEmit`, never in the browser): the typings an integrator relies on.
import { CallLogEvent, CallMatchEvent, RcCallLoggerElement, type CallMatchAnswer, type TriggerType } from '../src/index.js';

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

  // @ts-expect-error: responded is read-only
  new CallLogEvent({ call: { sessionId: 's' } }, new AbortController().signal).responded = true;
  RcCallLoggerElement.define('acme-call-logger');
}
