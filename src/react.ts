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
import type { Settings } from './settings.js';

export type {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LogPageInputEvent,
  LoginChangeEvent,
  RcCallLoggerEventMap,
} from './events.js';
export type { RcCallLoggerElement };

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

/** The element's settable properties. */
export type RcCallLoggerProperties = Partial<Settings>;

/** `autoLogLabel` → `auto-log-label`. */
type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/**
 * What `<rc-call-logger>` takes in React 19's JSX, used without the wrapper: properties (React 19 sets a property
 * when the element has it), attributes, and `on<event-name>` listeners (React 19 adds those with addEventListener).
 */
export type RcCallLoggerJSXProps = React.DetailedHTMLProps<
  React.HTMLAttributes<RcCallLoggerElement>,
  RcCallLoggerElement
> &
  RcCallLoggerProperties & {
    [
      K in keyof RcCallLoggerProperties as K extends 'service' | 'adapterOptions' ? never : Kebab<K>
    ]?: RcCallLoggerProperties[K];
  } & {
    [K in keyof RcCallLoggerEventMap as `on${K}`]?: (event: RcCallLoggerEventMap[K]) => void;
  };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX typings are a namespace
  namespace JSX {
    interface IntrinsicElements {
      'rc-call-logger': RcCallLoggerJSXProps;
    }
  }
}
