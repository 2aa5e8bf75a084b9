import type { AdapterInit } from './adapter-loader.js';
import type { ServiceRegistration } from './protocol.js';

/** The element's configuration, as its properties hold it. */
export interface LoggerConfig {
  appUrl?: string;
  clientId?: string;
  appServer?: string;
  redirectUri?: string;
  autoLog: boolean;
  adapterOptions: Record<string, string>;
  serviceName?: string;
  loggerTitle?: string;
  loggerPath: string;
  matcherPath: string;
  recordingWithToken: boolean;
  showLogModal: boolean;
  service: Record<string, unknown>;
}

/** What `RCAdapterInit` gets. Options are strings read by presence: a false flag is left out, never "false". */
export function adapterInit(config: LoggerConfig): AdapterInit {
  const options: Record<string, string> = {};
  if (config.clientId) options.clientId = config.clientId;
  if (config.appServer) options.appServer = config.appServer;
  if (config.redirectUri) options.redirectUri = config.redirectUri;
  if (config.autoLog) options.defaultAutoLogCallEnabled = 'true';
  return { appUrl: config.appUrl || undefined, options: { ...options, ...config.adapterOptions } };
}

/** The registration the configuration describes, `service` merged last. Does not validate. */
export function serviceRegistration(config: LoggerConfig): ServiceRegistration {
  const service: Record<string, unknown> = { name: config.serviceName };
  // An empty path is left out, so `matcher-path=""` means "no matcher".
  if (config.loggerPath) service.callLoggerPath = config.loggerPath;
  if (config.matcherPath) service.callLogEntityMatcherPath = config.matcherPath;
  if (config.loggerTitle) service.callLoggerTitle = config.loggerTitle;
  if (config.recordingWithToken) service.recordingWithToken = true;
  if (config.showLogModal) service.showLogModal = true;
  return { ...service, ...config.service } as ServiceRegistration;
}

/** The registration, or an Error saying why the widget could not use it. */
export function checkedRegistration(config: LoggerConfig): ServiceRegistration {
  const service = serviceRegistration(config);
  if (typeof service.name !== 'string' || service.name === '') {
    throw new Error('rc-call-logger: set service-name (or serviceName): the widget ignores a service without a name');
  }
  if (service.callLoggerPath && service.callLoggerPath === service.callLogEntityMatcherPath) {
    throw new Error(`rc-call-logger: logger-path and matcher-path must differ (both are "${service.callLoggerPath}")`);
  }
  return service;
}
