/**
 * `rc-call-logger/react`: `<RcCallLogger>`, the element as a React component, made with `@lit/react`.
 * Props set the element's properties; `onCallLog`, `onCallMatch`, … listen to its events. Importing this module
 * defines `<rc-call-logger>` (once; see `RcCallLoggerElement.define`), and declares the tag for React's JSX.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { ReactiveElement } from '@lit/reactive-element';
import './define.js';
import { RcCallLoggerElement } from './rc-call-logger-element.js';
import type {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LogPageInputEvent,
  LoginChangeEvent,
} from './events.js';

export type {
  AutoLogChangeEvent,
  CallLogEvent,
  CallMatchEvent,
  LogPageInputEvent,
  LoginChangeEvent,
  RcCallLoggerElement,
};

/** Every event the element dispatches, by name. */
export interface RcCallLoggerEventMap {
  'call-log': CallLogEvent;
  'call-match': CallMatchEvent;
  'log-page-input': LogPageInputEvent;
  ready: Event;
  'login-change': LoginChangeEvent;
  'auto-log-change': AutoLogChangeEvent;
  error: ErrorEvent;
}

const event = <K extends keyof RcCallLoggerEventMap>(name: K) => name as EventName<RcCallLoggerEventMap[K]>;

export const RcCallLogger = createComponent({
  react: React,
  tagName: 'rc-call-logger',
  elementClass: RcCallLoggerElement,
  events: {
    onCallLog: event('call-log'),
    onCallMatch: event('call-match'),
    onLogPageInput: event('log-page-input'),
    onReady: event('ready'),
    onLoginChange: event('login-change'),
    onAutoLogChange: event('auto-log-change'),
    onError: event('error'),
  },
  displayName: 'RcCallLogger',
});

/** The props of `<RcCallLogger>`. */
export type RcCallLoggerProps = React.ComponentProps<typeof RcCallLogger>;

/** The element's settable properties: its own fields, less methods and read-only state. */
export type RcCallLoggerProperties = {
  [
    K in Exclude<
      keyof RcCallLoggerElement,
      keyof ReactiveElement | 'ready' | 'loggedIn' | 'autoLogEnabled'
    > as RcCallLoggerElement[K] extends (...args: never[]) => unknown ? never : K
  ]?: RcCallLoggerElement[K];
};

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
