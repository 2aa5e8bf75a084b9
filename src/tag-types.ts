/**
 * What `<rc-call-logger>` takes in a template, for every framework's typings (types only, nothing at run time):
 * its settable properties, its attributes (kebab case, with their values' types) and its events as listener props.
 */
import type { RcCallLoggerEventMap } from './events.js';
import type { RcCallLoggerElement } from './rc-call-logger-element.js';
import type { Settings } from './settings.js';

/** The element's settable properties. */
export type RcCallLoggerProperties = Partial<Settings>;

/** `autoLogLabel` → `auto-log-label`. */
type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/** The settings that have an attribute (`attribute: false` in the settings table: objects). */
type AttributeSetting = Exclude<keyof Settings, 'service' | 'adapterOptions'>;

/**
 * The attributes as HTML names them, each with its property's type. `Boolean` narrows what a boolean attribute
 * takes, for frameworks that write `false` as the string `"false"` (which an HTML boolean attribute reads as on).
 */
export type RcCallLoggerAttributes<Boolean = boolean> = {
  [K in AttributeSetting as Kebab<K>]?: Settings[K] extends boolean | undefined ? Boolean : Settings[K];
};

/** The element's events as `<prefix><event-name>` listener props: `oncall-log` (Svelte 5, Preact, React 19). */
export type RcCallLoggerEventProps<Prefix extends string = 'on'> = {
  [K in keyof RcCallLoggerEventMap as `${Prefix}${K}`]?: (
    event: RcCallLoggerEventMap[K] & { currentTarget: RcCallLoggerElement },
  ) => void;
};
