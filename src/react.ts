'use client';
/**
 * `rc-call-logger/react`: `<RcCallLogger>`, the element as a React component, made with `@lit/react`.
 * Props set the element's properties; `onCallLog`, `onCallMatch`, … listen to its events. Importing this module
 * defines `<rc-call-logger>` (once; see `RcCallLoggerElement.define`), and declares the tag for React's JSX.
 * A client component (`'use client'`): a Server Component tree may render it, and its server HTML carries the
 * settings as attributes, so the element starts with them before hydration.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import './define.js';
import { EVENT_NAMES, type RcCallLoggerEventMap } from './events.js';
import { RcCallLoggerElement } from './rc-call-logger-element.js';
import type { RcCallLoggerAttributes, RcCallLoggerEventProps, RcCallLoggerProperties } from './tag-types.js';

export type {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LogPageInputEvent,
  LoginChangeEvent,
  RcCallLoggerEventMap,
} from './events.js';
export type { RcCallLoggerElement, RcCallLoggerProperties };

/** `call-log` → `CallLog`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/** The wrapper's event props: `onCallLog` for `call-log`, and so on for every event of the element. */
type EventProps = { [K in keyof RcCallLoggerEventMap as `on${Pascal<K>}`]: EventName<RcCallLoggerEventMap[K]> };

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase());
const events = Object.fromEntries(EVENT_NAMES.map((name) => [`on${pascal(name)}`, name])) as EventProps;

const LitComponent = createComponent({
  react: React,
  tagName: 'rc-call-logger',
  elementClass: RcCallLoggerElement,
  events,
  displayName: 'RcCallLogger',
});

/** The settings an attribute can carry: prop name, attribute name, and whether it is a presence-only boolean. */
const attributeSettings = Object.entries(RcCallLoggerElement.properties).flatMap(([name, { attribute, type }]) =>
  typeof attribute === 'string' ? [[name, attribute, type === Boolean] as const] : [],
);

/**
 * The element's props plus their attributes (`serviceName` as `service-name`): `@lit/react` sets properties only
 * once React has committed, which server HTML never sees. With the attributes, an element upgraded from server
 * HTML starts with its settings rather than the defaults, before hydration sets the properties (to the same values).
 */
export const RcCallLogger = React.forwardRef<RcCallLoggerElement, Record<string, unknown>>((props, ref) => {
  const withAttributes: Record<string, unknown> = { ...props, ref };
  for (const [name, attribute, presence] of attributeSettings) {
    const value = props[name] as string | number | boolean | null | undefined;
    if (value === undefined || value === null || (presence && !value)) continue;
    withAttributes[attribute] = presence ? '' : String(value);
  }
  return React.createElement(LitComponent, withAttributes);
}) as unknown as typeof LitComponent;
RcCallLogger.displayName = 'RcCallLogger';

/** The props of `<RcCallLogger>`. */
export type RcCallLoggerProps = React.ComponentProps<typeof RcCallLogger>;

/** React 17 and 18's typings still declare `createFactory`, which React 19 removed. */
type BeforeReact19 = typeof React extends { createFactory: unknown } ? true : false;

/** What a prop React 18 ignores on a custom element takes: nothing (its name is the error message). */
interface IgnoredByReact18 {
  'React 18 sets only string attributes on <rc-call-logger>: use <RcCallLogger> from rc-call-logger/react': never;
}

/**
 * What `<rc-call-logger>` takes in React's JSX, used without the wrapper. React 19 sets a property when the element
 * has it and adds `on<event-name>` listeners with addEventListener: properties, attributes and listeners. React 18
 * sets everything as a string attribute and adds no listeners: attributes only (a boolean one only as `true`, since
 * it writes `false` as `"false"`), and listener props are refused.
 */
export type RcCallLoggerJSXProps = React.DetailedHTMLProps<
  React.HTMLAttributes<RcCallLoggerElement>,
  RcCallLoggerElement
> &
  (BeforeReact19 extends true
    ? RcCallLoggerAttributes<true> & { [K in keyof RcCallLoggerEventProps]?: IgnoredByReact18 }
    : RcCallLoggerProperties & RcCallLoggerAttributes & RcCallLoggerEventProps);

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX typings are a namespace
  namespace JSX {
    interface IntrinsicElements {
      'rc-call-logger': RcCallLoggerJSXProps;
    }
  }
}
