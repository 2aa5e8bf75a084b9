import 'rc-call-logger/preact';
import { crm } from './crm';

export function CallLogging() {
  return (
    <rc-call-logger
      service-name="Acme CRM"
      client-id="YOUR_RINGCENTRAL_CLIENT_ID"
      response-timeout={8000}
      oncall-log={(event) => event.respondWith(crm.saveCall(event.call))}
      oncall-match={(event) => event.respondWith(crm.findLogs(event.sessionIds))}
    />
  );
}
