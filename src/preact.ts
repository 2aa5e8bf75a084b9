/**
 * `rc-call-logger/preact`: defines `<rc-call-logger>` (as `rc-call-logger` does) and declares it in Preact's JSX.
 * Preact sets a property when the element has one by that name and an attribute otherwise (removing it for
 * `false`), and `oncall-log` adds a `call-log` listener.
 */
import type { HTMLAttributes } from 'preact';
import type { RcCallLoggerElement } from './rc-call-logger-element.js';
import type { RcCallLoggerAttributes, RcCallLoggerEventProps, RcCallLoggerProperties } from './tag-types.js';

export * from './index.js';

/** What `<rc-call-logger>` takes in Preact's JSX. */
export type RcCallLoggerPreactProps = HTMLAttributes<RcCallLoggerElement> &
  RcCallLoggerProperties &
  RcCallLoggerAttributes &
  RcCallLoggerEventProps;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact's JSX typings are a namespace
  namespace JSX {
    interface IntrinsicElements {
      'rc-call-logger': RcCallLoggerPreactProps;
    }
  }
}
