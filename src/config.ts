/**
 * From the element's settings to what the widget gets: the adapter's init options (they reach the widget through
 * its URL) and the service registration, each checked for what the widget would reject or silently ignore.
 */
import { checkAppUrl, type AdapterInit } from './adapter-loader.js';
import type { ServiceRegistration } from './call-model.js';
import { RcCallLoggerError } from './errors.js';
import { RcCallLoggerSettings, type AdapterOptionValue, type SettingDeclaration, type Settings } from './settings.js';

/** Each setting with its declaration: where its value goes. */
const declarations = () =>
  Object.entries(RcCallLoggerSettings.properties) as Array<[keyof Settings, SettingDeclaration]>;

/**
 * Options the widget reads as three states, so `false` must be sent, as "false": `disableGlip` and
 * `disableConferenceInvite` are off when absent or "true" and on for anything else; `mainTab` is automatic when
 * absent, and "false" means "never the main tab". For the first two, `true` is their default and is left out.
 */
const SENT_WHEN_FALSE: Record<string, boolean> = { disableGlip: false, disableConferenceInvite: false, mainTab: true };

/** One adapter option as the widget will read it, or undefined to leave it out. */
function optionValue(key: string, value: AdapterOptionValue): string | undefined {
  if (key in SENT_WHEN_FALSE) {
    if (typeof value === 'boolean') return value ? (SENT_WHEN_FALSE[key] ? 'true' : undefined) : 'false';
    return value === null || value === undefined || value === '' ? undefined : String(value);
  }
  // Every other flag is read by presence or truthiness, so "false", "0" or 0 would turn it on: leave it out.
  if ([false, null, undefined, '', 0, '0', 'false'].includes(value)) return undefined;
  return String(value);
}

/** What `RCAdapterInit` gets: every option a string, false flags left out; `adapterOptions` win. */
export function adapterInit(settings: Settings): AdapterInit {
  const given: Record<string, AdapterOptionValue> = {};
  for (const [name, { adapterOption }] of declarations())
    if (adapterOption) given[adapterOption] = settings[name] as AdapterOptionValue;
  Object.assign(given, settings.adapterOptions);
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    const wire = optionValue(key, value);
    if (wire !== undefined) options[key] = wire;
  }
  return { appUrl: settings.appUrl || undefined, options };
}

/** Throws when the widget would reject or silently ignore an adapter option, or for an app-url we refuse. */
export function checkAdapterInit({ appUrl, options }: AdapterInit): void {
  if (appUrl) checkAppUrl(appUrl);
  const { appServer } = options;
  // The widget falls back to production for any other value, without a word.
  if (appServer !== undefined && (!appServer.startsWith('https://') || /\?|javascript/i.test(appServer))) {
    throw new RcCallLoggerError(
      'invalid-config',
      `app-server must be an https:// URL without a query; the widget would ignore "${appServer}"`,
    );
  }
}

/** The registration the settings describe, `service` merged last. Does not validate. */
function serviceRegistration(settings: Settings): ServiceRegistration {
  const service: Record<string, unknown> = {};
  for (const [name, { registers }] of declarations()) {
    const value = settings[name];
    // Empty texts and paths are left out (`matcher-path=""` means no matcher), and so are false flags: the widget
    // keeps the last text when a field is absent, and resets an absent flag.
    if (registers && value !== undefined && value !== '' && value !== false) service[registers] = value;
  }
  // A real boolean, false included: the widget applies it only with the read-only flag.
  if (settings.autoLogReadOnlyValue === false) service.callLoggerAutoSettingReadOnlyValue = false;
  return { ...service, ...settings.service } as ServiceRegistration;
}

/** The registration, or an error saying why the widget could not use it. */
export function checkedRegistration(settings: Settings): ServiceRegistration {
  const service = serviceRegistration(settings);
  if (typeof service.name !== 'string' || service.name === '') {
    throw new RcCallLoggerError(
      'invalid-config',
      'set service-name (or serviceName): the widget ignores a service without a name',
    );
  }
  const paths = [
    service.callLoggerPath,
    service.callLogEntityMatcherPath,
    service.callLogPageInputChangedEventPath,
  ].filter(Boolean);
  if (new Set(paths).size !== paths.length) {
    throw new RcCallLoggerError(
      'invalid-config',
      `logger-path, matcher-path and log-page-input-path must differ (${paths.join(', ')})`,
    );
  }
  return service;
}
