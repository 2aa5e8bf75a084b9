import { printFailure } from './errors.js';
import { DISPOSE_GRACE } from './limits.js';

/** An element's connection, as the slot sees it. */
export interface SlotHolder {
  /** The element it belongs to. */
  readonly element: Element;
  /** Starts the widget; called when the slot is handed over to a holder that waited. */
  start(): Promise<void>;
  /** Answers what is pending and lets the widget go. */
  stop(): Promise<void>;
}

/**
 * The page's one widget: RingCentral's adapter runs a single widget per page, so one element at a time holds it.
 * Another element waits in line and takes over when the holder leaves, as in a route change.
 */
class WidgetSlot {
  #holder: SlotHolder | undefined;
  #released: Promise<void> = Promise.resolve();
  readonly #waiting = new Set<SlotHolder>();

  /** Resolves once the last holder has let the widget go. */
  released(): Promise<void> {
    return this.#released;
  }

  /** Whether no element holds the widget (an adapter the page started itself may still run). */
  get free(): boolean {
    return !this.#holder;
  }

  /** Whether another element, still in the document, holds the widget: then `holder` waits in line for it. */
  heldByAnother(holder: SlotHolder): boolean {
    if (!this.#holder || this.#holder === holder || !this.#holder.element.isConnected) return false;
    this.#waiting.add(holder);
    return true;
  }

  /** Stops a holder other than `holder` that has left the document but has not stopped yet. */
  async vacate(holder: SlotHolder): Promise<void> {
    if (this.#holder && this.#holder !== holder) await this.#holder.stop();
  }

  /** `holder` runs the widget now. */
  hold(holder: SlotHolder): void {
    this.#holder = holder;
  }

  /** `holder` no longer waits in line. */
  leaveLine(holder: SlotHolder): void {
    this.#waiting.delete(holder);
  }

  /**
   * Lets the widget go: after a grace that lets the widget take the last replies, `dispose` removes it; then the
   * first connected element in line starts.
   */
  release(holder: SlotHolder, dispose: (() => void) | undefined): Promise<void> {
    this.#released = new Promise((resolve) => setTimeout(resolve, DISPOSE_GRACE))
      .then(dispose)
      // Whatever the adapter does on dispose, the page's one widget must be released.
      .catch((error: unknown) => printFailure('disposing the widget failed', error))
      .finally(() => {
        if (this.#holder === holder) this.#holder = undefined;
        const next = [...this.#waiting].find((waiting) => waiting.element.isConnected);
        if (!next) return;
        this.#waiting.delete(next);
        void next.start();
      });
    return this.#released;
  }
}

/** The page's one widget slot. */
export const widgetSlot = new WidgetSlot();
