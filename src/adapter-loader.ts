/** The RingCentral Embeddable adapter script: loaded once per page, initialised and disposed by hand. */

export interface AdapterInit {
  /** Where the widget (`app.html`) lives; the adapter's own default when undefined. */
  appUrl?: string;
  /** Adapter options; they replace the adapter script's query string. */
  options: Record<string, string>;
}

declare global {
  interface Window {
    RC_EMBEDDABLE_ADAPTER_MANUAL_INIT?: boolean;
    RCAdapterInit?: (init?: AdapterInit) => void;
    RCAdapterDispose?: () => void;
    RCAdapter?: { contentFrameEl?: HTMLIFrameElement | null } | null;
  }
}

const scripts = new Map<string, Promise<void>>();

/** Injects the adapter `<script>` once per URL; a failed load is forgotten so that a later call retries. */
export function loadAdapterScript(src: string): Promise<void> {
  // Must be set before the script runs, or it initialises itself from its own query string.
  window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => {
        scripts.delete(src);
        script.remove();
        reject(new Error(`rc-call-logger: could not load the adapter script ${src}`));
      });
      document.head.append(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}

/** Starts the widget and returns its iframe. */
export function initAdapter(src: string, init: AdapterInit): HTMLIFrameElement {
  if (typeof window.RCAdapterInit !== 'function') {
    throw new Error(`rc-call-logger: ${src} did not define RCAdapterInit; is it the RingCentral Embeddable adapter?`);
  }
  window.RCAdapterInit(init);
  const frame = window.RCAdapter?.contentFrameEl;
  if (!(frame instanceof HTMLIFrameElement)) {
    throw new Error(`rc-call-logger: the adapter from ${src} created no widget frame`);
  }
  return frame;
}

export function disposeAdapter(): void {
  window.RCAdapterDispose?.();
}
