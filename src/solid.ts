/**
 * `rc-call-logger/solid`: defines `<rc-call-logger>` (as `rc-call-logger` does) and declares it in Solid's JSX.
 * Solid sets a custom element's props as properties (`service-name` becomes `serviceName`), and `on:call-log`
 * adds a `call-log` listener.
 */
import type { JSX } from 'solid-js';
import type { RcCallLoggerElement } from './rc-call-logger-element.js';
import type { RcCallLoggerAttributes, RcCallLoggerEventProps, RcCallLoggerProperties } from './tag-types.js';

export * from './index.js';

/** What `<rc-call-logger>` takes in Solid's JSX. */
export type RcCallLoggerSolidProps = JSX.HTMLAttributes<RcCallLoggerElement> &
  RcCallLoggerProperties &
  RcCallLoggerAttributes &
  RcCallLoggerEventProps<'on:'>;

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Solid's JSX typings are a namespace
  namespace JSX {
    interface IntrinsicElements {
      'rc-call-logger': RcCallLoggerSolidProps;
    }
  }
}
