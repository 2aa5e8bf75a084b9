/**
 * `rc-call-logger/svelte`: defines `<rc-call-logger>` (as `rc-call-logger` does) and declares it to Svelte 5's
 * element typings, so `svelte-check` checks its attributes and properties and types `oncall-log` and the others.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { RcCallLoggerElement } from './rc-call-logger-element.js';
import type { RcCallLoggerAttributes, RcCallLoggerEventProps, RcCallLoggerProperties } from './tag-types.js';

export * from './index.js';

/**
 * What `<rc-call-logger>` takes in Svelte 5. Svelte sets a property when the element has one by that name (the
 * camelCase names) and a string attribute otherwise: a kebab-case boolean attribute takes `true` only, since
 * Svelte would write `false` as `"false"`; `autoLog={flag}` sets the property.
 */
export type RcCallLoggerSvelteProps = HTMLAttributes<RcCallLoggerElement> &
  RcCallLoggerProperties &
  RcCallLoggerAttributes<true> &
  RcCallLoggerEventProps;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'rc-call-logger': RcCallLoggerSvelteProps;
  }
}
