import { printFailure } from './errors.js';
import { HANDOVER_GRACE } from './limits.js';

/** An element's connection, as the slot sees it. */
export interface SlotHolder {
  /** The element it belongs to. */
  readonly element: Element;
  /** Starts the widget; called when the slot is handed over to a holder that waited. */
  start(): Promise<void>;
  /** Answers what is pending and lets the widget go. */
  stop(): Promise<void>;
  /** Whether it runs a widget that another element can take over. */
  readonly running: boolean;
  /** Takes over, alive, the widget `previous` ran: its element left. */
  takeOver(previous: SlotHolder): void;
}

/**
 * The page's one widget: RingCentral's adapter runs a single widget per page, so one element at a time holds it.
 * Another element waits in line. When the holder's element leaves, as in a route change, the widget is handed over
 * alive to an element in line, or to one that connects within HANDOVER_GRACE; only then does the holder stop.
 */
class WidgetSlot {
  #holder: SlotHolder | undefined;
  #released: Promise<void> = Promise.resolve();
  readonly #waiting = new Set<SlotHolder>();
  #grace: ReturnType<typeof setTimeout> | undefined;

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

  /** The holder's element left: hands the widget to the next element in line, or waits for one; then `stop`. */
  leave(stop: () => void): void {
    const next = [...this.#waiting].find((waiting) => waiting.element.isConnected);
    if (next) this.handOver(next);
    else this.#grace = setTimeout(stop, HANDOVER_GRACE);
  }

  /** The holder's element came back before the grace ran out. */
  stay(): void {
    clearTimeout(this.#grace);
  }

  /** Hands the widget to `taker` when its holder's element has left; false when there is none to take over. */
  handOver(taker: SlotHolder): boolean {
    const holder = this.#holder;
    if (!holder?.running || holder === taker || holder.element.isConnected) return false;
    clearTimeout(this.#grace);
    this.#waiting.delete(taker);
    this.#holder = taker;
    taker.takeOver(holder);
    return true;
  }

  /** Stops the holder at once, whatever it is doing (for the element's `disposeWidget()`). */
  stopHolder(): Promise<void> {
    return this.#holder?.stop() ?? this.#released;
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
   * Lets the widget go: once it has `read` the last replies, `dispose` removes it; then the first connected element
   * in line starts.
   */
  release(holder: SlotHolder, dispose: (() => void) | undefined, read: Promise<void>): Promise<void> {
    clearTimeout(this.#grace);
    this.#released = read
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
