/** The RingCentral Embeddable adapter script: loaded once per page, initialised and disposed by hand. */

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

/** How long a script may take to load before it counts as failed, unless the element says otherwise. */
export const DEFAULT_ADAPTER_TIMEOUT = 30_000;

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
      const pageScript = [...document.scripts].find((script) => script.src === new URL(src, document.baseURI).href);
      const { RCAdapterInit: loadedInit, RCAdapterDispose: loadedDispose } = window;
      // The page loaded this adapter itself: use it rather than running a second copy.
      if (pageScript && typeof loadedInit === 'function' && typeof loadedDispose === 'function') {
        return resolve(adapterFrom(src, loadedInit, loadedDispose));
      }
      const script = pageScript ?? document.createElement('script');
      const timer = setTimeout(() => fail(new Error(`rc-call-logger: the adapter script ${src} did not load within ${timeout} ms`)), timeout);
      const fail = (error: Error) => {
        clearTimeout(timer);
        scripts.delete(src);
        if (script !== pageScript) script.remove();
        reject(error);
      };
      // `load` fires in the task that ran the script, so the globals are still the ones it defined.
      script.addEventListener('load', () => {
        clearTimeout(timer);
        const { RCAdapterInit: init, RCAdapterDispose: dispose } = window;
        if (typeof init !== 'function' || typeof dispose !== 'function') {
          fail(new Error(`rc-call-logger: ${src} defined no RCAdapterInit; is it the RingCentral Embeddable adapter?`));
        } else {
          resolve(adapterFrom(src, init, dispose));
        }
      });
      script.addEventListener('error', () => fail(new Error(`rc-call-logger: could not load the adapter script ${src}`)));
      if (script === pageScript) return;
      script.src = scriptUrl(src) as string;
      document.head.append(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}

const runningAdapter = () => window.RCAdapter;

/**
 * The widget frame of an adapter the page started itself, if one runs: the element then uses that widget as it is
 * (its options are the page's) and leaves it running when it goes.
 */
export function pageStartedWidget(): HTMLIFrameElement | undefined {
  const frame = runningAdapter()?.contentFrameEl;
  return frame instanceof HTMLIFrameElement && frame.isConnected && frame.src ? frame : undefined;
}

/** The name of our Trusted Types policy: a page that enforces Trusted Types allows it with `trusted-types rc-call-logger`. */
export const TRUSTED_TYPES_POLICY = 'rc-call-logger';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
type TrustedTypesFactory = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };

const adapterUrls = new Set<string>();
let policy: ScriptUrlPolicy | undefined;

/**
 * The value to put in `script.src`. Under Trusted Types a string is refused, so it goes through our policy, which
 * passes the adapter URLs the element was given and nothing else.
 */
function scriptUrl(src: string): unknown {
  const factory = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return src;
  adapterUrls.add(src);
  try {
    policy ??= factory.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL: (url) => {
        if (!adapterUrls.has(url)) throw new TypeError(`rc-call-logger: ${url} is not an adapter URL`);
        return url;
      },
    });
  } catch {
    // The page's CSP lists other policies only. Without enforcement a plain string still works; with it, say why.
    if (!trustedTypesEnforced()) return src;
    throw new Error(
      `rc-call-logger: this page enforces Trusted Types and does not allow the "${TRUSTED_TYPES_POLICY}" policy; add it to your CSP: trusted-types ${TRUSTED_TYPES_POLICY}`,
    );
  }
  return policy.createScriptURL(src);
}

function trustedTypesEnforced(): boolean {
  try {
    document.createElement('script').src = 'about:blank';
    return false;
  } catch {
    return true;
  }
}

function adapterFrom(src: string, init: NonNullable<Window['RCAdapterInit']>, dispose: () => void): Adapter {
  return {
    src,
    init(options) {
      // The adapter silently keeps an adapter that is already running, with that one's options.
      if (runningAdapter()) {
        throw new Error('rc-call-logger: a RingCentral adapter already runs on this page (window.RCAdapter); let <rc-call-logger> start it');
      }
      init(options);
      const frame = runningAdapter()?.contentFrameEl;
      if (!(frame instanceof HTMLIFrameElement)) {
        throw new Error(`rc-call-logger: the adapter from ${src} created no widget frame`);
      }
      return frame;
    },
    dispose,
  };
}
