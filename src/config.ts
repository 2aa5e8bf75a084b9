import type { AdapterInit } from './adapter-loader.js';
import type { ServiceRegistration } from './protocol.js';

/** A value for `adapterOptions`: strings pass as they are, booleans follow one rule (see `adapterInit`). */
export type AdapterOptionValue = string | number | boolean | null | undefined;

/** The element's configuration, as its properties hold it. */
export interface LoggerConfig {
  appUrl?: string;
  clientId?: string;
  appServer?: string;
  redirectUri?: string;
  autoLog: boolean;
  adapterOptions: Record<string, AdapterOptionValue>;
  serviceName?: string;
  displayName?: string;
  info?: string;
  loggerTitle?: string;
  loggerPath: string;
  matcherPath: string;
  logPageInputPath?: string;
  recordingWithToken: boolean;
  showLogModal: boolean;
  hideEditLogButton: boolean;
  autoLogLabel?: string;
  autoLogDescription?: string;
  autoLogWarning?: string;
  autoLogReadOnly: boolean;
  autoLogReadOnlyReason?: string;
  autoLogReadOnlyValue?: boolean;
  autoLogHidden: boolean;
  service: Record<string, unknown>;
}

/**
 * Options the widget reads as three states, so `false` must be sent, as "false" (protocol.md §1.2): `disableGlip` and
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
  if (
    value === false ||
    value === null ||
    value === undefined ||
    value === '' ||
    value === 0 ||
    value === '0' ||
    value === 'false'
  ) {
    return undefined;
  }
  return String(value);
}

/** What `RCAdapterInit` gets: every option a string, false flags left out. */
export function adapterInit(config: LoggerConfig): AdapterInit {
  const given: Record<string, AdapterOptionValue> = {
    clientId: config.clientId,
    appServer: config.appServer,
    redirectUri: config.redirectUri,
    defaultAutoLogCallEnabled: config.autoLog,
    ...config.adapterOptions,
  };
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    const wire = optionValue(key, value);
    if (wire !== undefined) options[key] = wire;
  }
  return { appUrl: config.appUrl || undefined, options };
}

/** Throws when the widget would reject or silently ignore an adapter option. */
export function checkAdapterInit({ options }: AdapterInit): void {
  const { appServer } = options;
  // The widget falls back to production for any other value, without a word (protocol.md §1.2).
  if (appServer !== undefined && (!appServer.startsWith('https://') || /\?|javascript/i.test(appServer))) {
    throw new Error(
      `rc-call-logger: app-server must be an https:// URL without a query; the widget would ignore "${appServer}"`,
    );
  }
}

/** The registration the configuration describes, `service` merged last. Does not validate. */
function serviceRegistration(config: LoggerConfig): ServiceRegistration {
  const fields: Record<string, unknown> = {
    name: config.serviceName,
    displayName: config.displayName,
    info: config.info,
    // An empty path is left out, so `matcher-path=""` means "no matcher".
    callLoggerPath: config.loggerPath,
    callLogEntityMatcherPath: config.matcherPath,
    callLogPageInputChangedEventPath: config.logPageInputPath,
    // Texts overwrite only when non-empty; the widget keeps the last one otherwise.
    callLoggerTitle: config.loggerTitle,
    callLoggerAutoSettingLabel: config.autoLogLabel,
    callLoggerAutoSettingDescription: config.autoLogDescription,
    callLoggerAutoSettingWarning: config.autoLogWarning,
    callLoggerAutoSettingReadOnlyReason: config.autoLogReadOnlyReason,
    // Flags are reset by the widget when absent, so a false flag is simply left out.
    recordingWithToken: config.recordingWithToken,
    showLogModal: config.showLogModal,
    callLoggerHideEditLogButton: config.hideEditLogButton,
    callLoggerAutoSettingReadOnly: config.autoLogReadOnly,
    callLoggerAutoLogSettingHidden: config.autoLogHidden,
  };
  const service: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== '' && value !== false) service[key] = value;
  }
  // A real boolean, false included: the widget applies it only with the read-only flag.
  if (config.autoLogReadOnlyValue !== undefined)
    service.callLoggerAutoSettingReadOnlyValue = config.autoLogReadOnlyValue;
  return { ...service, ...config.service } as ServiceRegistration;
}

/** The registration, or an Error saying why the widget could not use it. */
export function checkedRegistration(config: LoggerConfig): ServiceRegistration {
  const service = serviceRegistration(config);
  if (typeof service.name !== 'string' || service.name === '') {
    throw new Error('rc-call-logger: set service-name (or serviceName): the widget ignores a service without a name');
  }
  const paths = [
    service.callLoggerPath,
    service.callLogEntityMatcherPath,
    service.callLogPageInputChangedEventPath,
  ].filter(Boolean);
  if (new Set(paths).size !== paths.length) {
    throw new Error(
      `rc-call-logger: logger-path, matcher-path and log-page-input-path must differ (${paths.join(', ')})`,
    );
  }
  return service;
}
