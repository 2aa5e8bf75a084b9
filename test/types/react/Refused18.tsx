// With React 18's typings, the bare tag takes attributes only: what React 18 would ignore or misread is refused.
import 'rc-call-logger/react';

export const accepted = <rc-call-logger service-name="Acme CRM" response-timeout={8000} auto-log />;

export const refused = [
  // @ts-expect-error: React 18 adds no listener for oncall-log
  <rc-call-logger oncall-log={(event: Event) => void event} />,
  // @ts-expect-error: React 18 sets serviceName as an attribute, which HTML lower-cases to servicename
  <rc-call-logger serviceName="Acme CRM" />,
  // @ts-expect-error: React 18 writes false as "false", which the attribute reads as on
  <rc-call-logger auto-log={false} />,
];
