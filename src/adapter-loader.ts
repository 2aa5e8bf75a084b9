/** The RingCentral Embeddable adapter script: loaded once per page, initialised and disposed by hand. */
import { createElement, fromDocument } from './dom.js';
import { RcCallLoggerError } from './errors.js';
import { DEFAULT_ADAPTER_TIMEOUT } from './limits.js';

/** RingCentral's hosted adapter, the element's default `adapter-src`. */
export const DEFAULT_ADAPTER_SRC = 'https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/adapter.js';

export interface AdapterInit {
  /** Where the widget (`app.html`) lives; the adapter's own default when undefined. */
  appUrl?: string;
  /** Adapter options; they replace the adapter script's query string. */
  options: Record<string, string>;
}

/** The functions one adapter script defined, captured when it ran. */
export interface Adapter {
  src: string;
  /** Starts the widget and returns its iframe. */
  init(init: AdapterInit): HTMLIFrameElement;
  dispose(): void;
}

declare global {
  interface Window {
    RC_EMBEDDABLE_ADAPTER_MANUAL_INIT?: boolean;
    RCAdapterInit?: (init?: AdapterInit) => void;
    RCAdapterDispose?: () => void;
    RCAdapter?: { contentFrameEl?: HTMLIFrameElement | null } | null;
  }
}

const scripts = new Map<string, Promise<Adapter>>();

/**
 * Loads the adapter script once per URL: the page's own `<script>` for that URL when it has one, else one we inject.
 * A failed or timed-out load is forgotten, so that a later call retries.
 */
export function loadAdapter(src: string, timeout = DEFAULT_ADAPTER_TIMEOUT): Promise<Adapter> {
  // Must be set before the script runs, or it initialises itself from its own query string.
  window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const url = new URL(src, fromDocument('baseURI'));
      if (!isHttp(url)) {
        throw new RcCallLoggerError('adapter-load-failed', `adapter-src must be an http(s) URL, not ${url.protocol}`);
      }
      const pageScript = [...fromDocument('scripts')].some((script) => script.src === url.href);
      const { RCAdapterInit: loadedInit, RCAdapterDispose: loadedDispose } = window;
      // The page has run this adapter itself: use it rather than running a second copy. (A page script that has
      // not run, or failed, proves nothing: then we load our own.)
      if (pageScript && typeof loadedInit === 'function' && typeof loadedDispose === 'function') {
        return resolve(adapterFrom(src, loadedInit, loadedDispose));
      }
      const script = createElement('script');
      const timer = setTimeout(
        () =>
          fail(
            new RcCallLoggerError('adapter-load-failed', `the adapter script ${src} did not load within ${timeout} ms`),
          ),
        timeout,
      );
      const fail = (error: RcCallLoggerError) => {
        clearTimeout(timer);
        scripts.delete(src);
        script.remove();
        reject(error);
      };
      // `load` fires in the task that ran the script, so the globals are still the ones it defined.
      script.addEventListener('load', () => {
        clearTimeout(timer);
        const { RCAdapterInit: init, RCAdapterDispose: dispose } = window;
        if (typeof init !== 'function' || typeof dispose !== 'function') {
          fail(
            new RcCallLoggerError(
              'adapter-load-failed',
              `${src} defined no RCAdapterInit; is it the RingCentral Embeddable adapter?`,
            ),
          );
        } else {
          resolve(adapterFrom(src, init, dispose));
        }
      });
      script.addEventListener('error', () =>
        fail(new RcCallLoggerError('adapter-load-failed', `could not load the adapter script ${src}`)),
      );
      script.src = scriptUrl(url) as string;
      fromDocument('head').append(script);
    });
    scripts.set(src, loading);
    // A start that failed before loading anything (Trusted Types, a page script in the way) is tried again.
    const failed = loading;
    failed.catch(() => scripts.get(src) === failed && scripts.delete(src));
  }
  return loading;
}

const isHttp = ({ protocol }: URL) => protocol === 'https:' || protocol === 'http:';

/**
 * Throws unless `appUrl`, where the widget frame goes (and so every answer, and under Trusted Types the page's trust),
 * is http(s) and, when the page enforces Trusted Types, at an origin trusted like the adapter's.
 */
export function checkAppUrl(appUrl: string): void {
  const url = new URL(appUrl, fromDocument('baseURI'));
  if (!isHttp(url))
    throw new RcCallLoggerError('invalid-config', `app-url must be an http(s) URL, not ${url.protocol}`);
  if (!trustedAdapterOrigins.has(url.origin) && trustedTypesEnforced()) {
    throw new RcCallLoggerError(
      'invalid-config',
      `under Trusted Types, app-url must be at a trusted origin; allow ${url.origin} with RcCallLoggerElement.trustAdapterOrigin()`,
    );
  }
}

const runningAdapter = () => window.RCAdapter;

/**
 * The widget frame of an adapter the page started itself, if one runs: the element then uses that widget as it is
 * (its options are the page's) and leaves it running when it goes.
 */
export function pageStartedWidget(widgetOrigin: string): HTMLIFrameElement | undefined {
  const adapter = runningAdapter() as { contentFrameEl?: unknown; dispose?: unknown } | null | undefined;
  // Markup can put an element or a collection at window.RCAdapter (named access); a real adapter is neither.
  if (!adapter || adapter instanceof Node || adapter instanceof HTMLCollection || typeof adapter.dispose !== 'function')
    return undefined;
  const frame = adapter.contentFrameEl;
  if (!(frame instanceof HTMLIFrameElement) || !frame.isConnected || !frame.src) return undefined;
  // Only a widget at the origin the element expects: the page's own adapter, not any frame someone names so.
  return new URL(frame.src).origin === widgetOrigin ? frame : undefined;
}

/** The name of our Trusted Types policy: a page that enforces Trusted Types allows it with `trusted-types rc-call-logger`. */
export const TRUSTED_TYPES_POLICY = 'rc-call-logger';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
type TrustedTypesFactory = {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
};

/**
 * Origins our Trusted Types policy lets the adapter come from: RingCentral's hosted builds, plus those the page adds
 * from script (`RcCallLoggerElement.trustAdapterOrigin()`). An attribute alone cannot widen it, so markup injected into
 * the page cannot turn `adapter-src` into a way to run script.
 */
export const trustedAdapterOrigins = new Set(['https://apps.ringcentral.com', 'https://ringcentral.github.io']);

let policy: ScriptUrlPolicy | undefined;

/**
 * The value to put in `script.src`. Under Trusted Types a string is refused, so it goes through our policy, which
 * passes https adapter URLs at trusted origins (see `trustedAdapterOrigins`) and nothing else.
 */
function scriptUrl(url: URL): unknown {
  const src = url.href;
  const factory = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  // Chromium has trustedTypes on every page; only a page that enforces them needs (and gets) the policy.
  if (!factory || !trustedTypesEnforced()) return src;
  try {
    policy ??= factory.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL: (candidate) => {
        const { origin } = new URL(candidate);
        if (!trustedAdapterOrigins.has(origin)) {
          throw new RcCallLoggerError(
            'adapter-load-failed',
            `under Trusted Types the adapter may come only from ${[...trustedAdapterOrigins].join(', ')}; allow ${origin} with RcCallLoggerElement.trustAdapterOrigin()`,
          );
        }
        return candidate;
      },
    });
  } catch {
    // The page's CSP does not list our policy.
    throw new RcCallLoggerError(
      'adapter-load-failed',
      `this page enforces Trusted Types and does not allow the "${TRUSTED_TYPES_POLICY}" policy; add it to your CSP: trusted-types ${TRUSTED_TYPES_POLICY}`,
    );
  }
  return policy.createScriptURL(src);
}

let enforced: boolean | undefined;

/** Whether the page refuses plain strings as script URLs; asked once (under enforcement, asking logs a violation). */
function trustedTypesEnforced(): boolean {
  if (enforced === undefined) {
    try {
      createElement('script').src = 'about:blank';
      enforced = false;
    } catch {
      enforced = true;
    }
  }
  return enforced;
}

function adapterFrom(src: string, init: NonNullable<Window['RCAdapterInit']>, dispose: () => void): Adapter {
  return {
    src,
    init(options) {
      // The adapter silently keeps an adapter that is already running, with that one's options.
      if (runningAdapter()) {
        throw new RcCallLoggerError(
          'widget-in-use',
          'a RingCentral adapter already runs on this page (window.RCAdapter); let <rc-call-logger> start it',
        );
      }
      init(options);
      const frame = runningAdapter()?.contentFrameEl;
      if (!(frame instanceof HTMLIFrameElement)) {
        throw new RcCallLoggerError('adapter-load-failed', `the adapter from ${src} created no widget frame`);
      }
      return frame;
    },
    dispose,
  };
}
