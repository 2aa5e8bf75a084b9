/**
 * `rc-call-logger/vue`: defines `<rc-call-logger>` (as `rc-call-logger` does) and declares it among Vue's
 * `GlobalComponents`, so `vue-tsc` checks its attributes and properties and types `@call-log` and the other listeners.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { RcCallLoggerEventMap } from './events.js';
import type { RcCallLoggerElement } from './rc-call-logger-element.js';
import type { RcCallLoggerAttributes, RcCallLoggerProperties } from './tag-types.js';

export * from './index.js';

/** The element as Vue's template type-checking sees a component: its props, and its events as emits. */
export type RcCallLoggerVueComponent = new () => RcCallLoggerElement & {
  /** For template type-checking only: not a property of the element. */
  $props: HTMLAttributes & RcCallLoggerProperties & RcCallLoggerAttributes & PublicProps;
  /** For template type-checking only: not a method of the element. */
  $emit: EmitFn<{ [K in keyof RcCallLoggerEventMap]: (event: RcCallLoggerEventMap[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'rc-call-logger': RcCallLoggerVueComponent;
  }
}
