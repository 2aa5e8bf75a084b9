import { ReactiveElement, type PropertyDeclaration } from '@lit/reactive-element';
import { DEFAULT_ADAPTER_SRC } from './adapter-loader.js';
import type { ServiceRegistration } from './call-model.js';
import {
  DEFAULT_ADAPTER_TIMEOUT,
  DEFAULT_BOOT_TIMEOUT,
  DEFAULT_RESPONSE_TIMEOUT,
  DEFAULT_RETRY_FOR,
} from './limits.js';

/** A value for `adapterOptions`: strings pass as they are, booleans follow one rule (see config.ts). */
export type AdapterOptionValue = string | number | boolean | null | undefined;

/** A setting's Lit options, and where its value goes: a field of the registration, or an adapter option. */
export interface SettingDeclaration extends PropertyDeclaration {
  /** Set by the class for every entry that does not say: its name in kebab case. */
  attribute?: boolean | string;
  registers?: keyof ServiceRegistration;
  adapterOption?: string;
}

/** `auto-log-read-only-value`: "true"/"false" (or present/absent) to a boolean, unset when absent. */
const optionalBoolean = {
  fromAttribute: (value: string | null) => (value === null ? undefined : value !== 'false'),
};

/** A setting's attribute: its name in kebab case. */
export const attributeName = (setting: string) => setting.replace(/[A-Z]/g, (capital) => `-${capital.toLowerCase()}`);

/**
 * The element's settings: each is a property (typed, with its default and doc), an attribute named after it in
 * kebab case (`serviceName`: `service-name`) unless the table says `attribute: false`, and, where the table says so,
 * a registration field or an adapter option. Nothing is reflected back to attributes.
 */
export class RcCallLoggerSettings extends ReactiveElement {
  static override properties: Record<string, SettingDeclaration> = {
    adapterSrc: {},
    appUrl: {},
    clientId: { adapterOption: 'clientId' },
    appServer: { adapterOption: 'appServer' },
    redirectUri: { adapterOption: 'redirectUri' },
    autoLog: { type: Boolean, adapterOption: 'defaultAutoLogCallEnabled' },
    serviceName: { registers: 'name' },
    displayName: { registers: 'displayName' },
    info: { registers: 'info' },
    loggerTitle: { registers: 'callLoggerTitle' },
    loggerPath: { registers: 'callLoggerPath' },
    matcherPath: { registers: 'callLogEntityMatcherPath' },
    logPageInputPath: { registers: 'callLogPageInputChangedEventPath' },
    recordingWithToken: { type: Boolean, registers: 'recordingWithToken' },
    showLogModal: { type: Boolean, registers: 'showLogModal' },
    hideEditLogButton: { type: Boolean, registers: 'callLoggerHideEditLogButton' },
    autoLogLabel: { registers: 'callLoggerAutoSettingLabel' },
    autoLogDescription: { registers: 'callLoggerAutoSettingDescription' },
    autoLogWarning: { registers: 'callLoggerAutoSettingWarning' },
    autoLogReadOnly: { type: Boolean, registers: 'callLoggerAutoSettingReadOnly' },
    autoLogReadOnlyReason: { registers: 'callLoggerAutoSettingReadOnlyReason' },
    autoLogReadOnlyValue: {
      converter: optionalBoolean,
      registers: 'callLoggerAutoSettingReadOnlyValue',
    },
    autoLogHidden: { type: Boolean, registers: 'callLoggerAutoLogSettingHidden' },
    backfill: { type: Boolean },
    logUrl: {},
    matchUrl: {},
    endpointCredentials: {},
    outbox: { type: Boolean },
    retryFor: { type: Number },
    responseTimeout: { type: Number },
    adapterTimeout: { type: Number },
    bootTimeout: { type: Number },
    service: { attribute: false },
    adapterOptions: { attribute: false },
  };

  static {
    for (const [name, options] of Object.entries(this.properties)) options.attribute ??= attributeName(name);
  }

  /** URL of RingCentral Embeddable's `adapter.js`. */
  adapterSrc: string = DEFAULT_ADAPTER_SRC;
  /** Where a self-hosted widget's `app.html` lives; the adapter's own default when unset. */
  appUrl?: string;
  /** Adapter option `clientId`: your RingCentral app. */
  clientId?: string;
  /** Adapter option `appServer`, e.g. the sandbox `https://platform.devtest.ringcentral.com`. */
  appServer?: string;
  /** Adapter option `redirectUri`. */
  redirectUri?: string;
  /** Initial "Auto log calls" value (the user's stored choice wins afterwards). */
  autoLog: boolean = false;
  /** Your service's name in the widget. Required. */
  serviceName?: string;
  /** `service.displayName`: the name shown in the widget. */
  displayName?: string;
  /** `service.info`: the description shown in the widget. */
  info?: string;
  /** `service.callLoggerTitle`: the Log button's tooltip. */
  loggerTitle?: string;
  /** `service.callLoggerPath`: requests on it fire `call-log`. */
  loggerPath: string = '/callLogger';
  /** `service.callLogEntityMatcherPath`: requests on it fire `call-match`. Empty: no matcher. */
  matcherPath: string = '/callLogger/match';
  /** `service.callLogPageInputChangedEventPath`: requests on it fire `log-page-input`. */
  logPageInputPath?: string;
  /** `service.recordingWithToken`: recording URLs carry an `access_token`. */
  recordingWithToken: boolean = false;
  /** `service.showLogModal`: the widget opens its log form first and logs on Save. */
  showLogModal: boolean = false;
  /** `service.callLoggerHideEditLogButton`: no Log/Edit button on logged calls. */
  hideEditLogButton: boolean = false;
  /** `service.callLoggerAutoSettingLabel`: the label of "Auto log calls". */
  autoLogLabel?: string;
  /** `service.callLoggerAutoSettingDescription`. */
  autoLogDescription?: string;
  /** `service.callLoggerAutoSettingWarning`. */
  autoLogWarning?: string;
  /** `service.callLoggerAutoSettingReadOnly`: the user cannot change "Auto log calls". */
  autoLogReadOnly: boolean = false;
  /** `service.callLoggerAutoSettingReadOnlyReason`: the locked toggle's tooltip. */
  autoLogReadOnlyReason?: string;
  /** With `auto-log-read-only`: the value forced at the widget's next start or login. */
  autoLogReadOnlyValue?: boolean;
  /** `service.callLoggerAutoLogSettingHidden`: hides "Auto log calls". */
  autoLogHidden: boolean = false;
  /** Also log the calls the widget reports as never logged (after each call-history sync), as `backfill` calls. */
  backfill: boolean = false;
  /** Where calls are logged when no `call-log` listener answers: `PUT {log-url}/{sessionId}` (docs/endpoints.md). */
  logUrl?: string;
  /** Where the widget's matches are asked when no `call-match` listener answers: `POST {match-url}`. */
  matchUrl?: string;
  /** Credentials for log-url and match-url: `same-origin` (they must be on the page's origin), `include` or `omit`. */
  endpointCredentials: RequestCredentials = 'same-origin';
  /**
   * Keep failed call logs in an outbox (IndexedDB, this origin) and send them again with backoff, also after a
   * reload, for `retry-for`.
   */
  outbox: boolean = false;
  /** With `outbox`: milliseconds a failed call log is retried before it is given up. */
  retryFor: number = DEFAULT_RETRY_FOR;
  /** Milliseconds to wait for a `respondWith` promise before answering with an error. */
  responseTimeout: number = DEFAULT_RESPONSE_TIMEOUT;
  /** Milliseconds the adapter script may take to load before an `error` event; the next connect retries. */
  adapterTimeout: number = DEFAULT_ADAPTER_TIMEOUT;
  /**
   * Milliseconds the widget may stay silent once its frame has loaded before an `error` event (`widget-silent`)
   * says what to check; it still becomes ready if it speaks later.
   */
  bootTimeout: number = DEFAULT_BOOT_TIMEOUT;
  /** Further registration fields, merged over the ones the attributes give. Assign a new object to change it. */
  service: Record<string, unknown> = {};
  /** Further adapter options, merged over the ones the attributes give. Assign a new object to change it. */
  adapterOptions: Record<string, AdapterOptionValue> = {};
}

/** The names of the settings. */
export type SettingName = Exclude<keyof RcCallLoggerSettings, keyof ReactiveElement>;

/** The settings' values: what the mapping to the registration and the adapter options reads. */
export type Settings = Pick<RcCallLoggerSettings, SettingName>;
