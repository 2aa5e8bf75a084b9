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

/** Injects the adapter `<script>` once per URL; a failed load is forgotten so that a later call retries. */
export function loadAdapter(src: string): Promise<Adapter> {
  // Must be set before the script runs, or it initialises itself from its own query string.
  window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      const fail = (error: Error) => {
        scripts.delete(src);
        script.remove();
        reject(error);
      };
      script.src = src;
      // `load` fires in the task that ran the script, so the globals are still the ones it defined.
      script.addEventListener('load', () => {
        const { RCAdapterInit: init, RCAdapterDispose: dispose } = window;
        if (typeof init !== 'function' || typeof dispose !== 'function') {
          fail(new Error(`rc-call-logger: ${src} defined no RCAdapterInit; is it the RingCentral Embeddable adapter?`));
        } else {
          resolve(adapterFrom(src, init, dispose));
        }
      });
      script.addEventListener('error', () => fail(new Error(`rc-call-logger: could not load the adapter script ${src}`)));
      document.head.append(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}

const runningAdapter = () => window.RCAdapter;

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
