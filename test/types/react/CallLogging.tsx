import { RcCallLogger } from 'rc-call-logger/react';
import { crm } from './crm';

export function CallLogging() {
  return (
    <RcCallLogger
      serviceName="Acme CRM"
      clientId="YOUR_RINGCENTRAL_CLIENT_ID"
      responseTimeout={8000}
      onCallLog={(event) => event.respondWith(crm.saveCall(event.call))}
      onCallMatch={(event) => event.respondWith(crm.findLogs(event.sessionIds))}
    />
  );
}
