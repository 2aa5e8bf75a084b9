import 'rc-call-logger/solid';
import { crm } from './crm';

export function CallLogging() {
  return (
    <rc-call-logger
      service-name="Acme CRM"
      client-id="YOUR_RINGCENTRAL_CLIENT_ID"
      response-timeout={8000}
      on:call-log={(event) => event.respondWith(crm.saveCall(event.call))}
      on:call-match={(event) => event.respondWith(crm.findLogs(event.sessionIds))}
    />
  );
}
