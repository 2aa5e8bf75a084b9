import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { DISPOSE_GRACE, HANDOVER_GRACE } from '../../src/limits.js';
import { widgetSlot, type SlotHolder } from '../../src/widget-slot.js';

/** An element's connection as the slot sees it: whether its element is in the document, and its starts and stops. */
interface StubHolder extends SlotHolder {
  readonly element: Element & { isConnected: boolean };
  starts: number;
  stops: number;
  running: boolean;
  /** The holders it took the widget over from. */
  takenFrom: SlotHolder[];
}

/** Every holder a test made: afterwards none waits in line and the slot is free, whatever order the tests run in. */
const made: StubHolder[] = [];

function holder(): StubHolder {
  const stub = {
    element: { isConnected: true } as Element & { isConnected: boolean },
    starts: 0,
    stops: 0,
    start: () => (stub.starts++, Promise.resolve()),
    stop: () => (stub.stops++, Promise.resolve()),
    running: false,
    takenFrom: [] as SlotHolder[],
    takeOver: (previous: SlotHolder) => void stub.takenFrom.push(previous),
  };
  made.push(stub);
  return stub;
}

/** Releases the slot for `from`, the widget having read its last replies; resolves once the slot has been let go. */
async function releaseNow(from: SlotHolder, dispose?: () => void): Promise<void> {
  await widgetSlot.release(from, dispose, Promise.resolve());
}

/** A marker: after it, every promise reaction already due has run (setImmediate is not mocked). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Console output the module printed during a test. */
const printed: string[] = [];
const consoleError = console.error;

describe('widget slot', () => {
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    console.error = (...args: unknown[]) => printed.push(args.join(' '));
  });

  afterEach(async () => {
    for (const stub of made) widgetSlot.leaveLine(stub);
    for (const stub of made.splice(0)) if (!widgetSlot.free) await releaseNow(stub);
    mock.timers.reset();
    console.error = consoleError;
    printed.length = 0;
    assert.equal(widgetSlot.free, true, 'a test left the slot held');
  });

  it('a free slot: nobody holds it, nobody is told it is taken, and nothing is being released', async () => {
    const asker = holder();
    assert.equal(widgetSlot.free, true);
    assert.equal(widgetSlot.heldByAnother(asker), false);
    await widgetSlot.released();
    await releaseNow(holder()); // had it waited in line, it would start now
    assert.equal(asker.starts, 0);
  });

  it('heldByAnother: true only for another holder still in the document, and then the asker waits in line', async () => {
    const [current, asker, late] = [holder(), holder(), holder()];
    widgetSlot.hold(current);
    assert.equal(widgetSlot.free, false);
    assert.equal(widgetSlot.heldByAnother(current), false, 'the holder itself');
    assert.equal(widgetSlot.heldByAnother(asker), true);
    current.element.isConnected = false;
    assert.equal(widgetSlot.heldByAnother(late), false, 'a holder that left the document');
    await releaseNow(current);
    assert.equal(asker.starts, 1, 'the asker was in line');
    assert.equal(late.starts, 0, 'an element told the slot is free does not wait in line');
  });

  it('vacate stops a holder other than the asker, and nobody when the asker holds it or the slot is free', async () => {
    const [current, asker] = [holder(), holder()];
    await widgetSlot.vacate(asker);
    widgetSlot.hold(current);
    await widgetSlot.vacate(current);
    assert.equal(current.stops, 0);
    await widgetSlot.vacate(asker);
    assert.equal(current.stops, 1);
    assert.equal(asker.stops, 0);
    await releaseNow(current);
  });

  it('release disposes of the widget only once it has read the last replies, then frees the slot', async () => {
    const current = holder();
    let disposed = 0;
    let read = () => {};
    widgetSlot.hold(current);
    const releasing = widgetSlot.release(
      current,
      () => void disposed++,
      new Promise<void>((resolve) => (read = resolve)),
    );
    assert.equal(widgetSlot.released(), releasing, 'a start waits for this release');
    mock.timers.tick(DISPOSE_GRACE * 10);
    await settle();
    assert.equal(disposed, 0);
    assert.equal(widgetSlot.free, false);
    read();
    await releasing;
    assert.equal(disposed, 1);
    assert.equal(widgetSlot.free, true);
  });

  it('release starts the first element in line that is still in the document, and only that one', async () => {
    const [current, left, first, second] = [holder(), holder(), holder(), holder()];
    widgetSlot.hold(current);
    for (const asker of [left, first, second]) assert.equal(widgetSlot.heldByAnother(asker), true);
    left.element.isConnected = false;
    await releaseNow(current);
    assert.deepEqual(
      [left, first, second].map(({ starts }) => starts),
      [0, 1, 0],
    );
    // The started one left the line: the next release starts the one after it.
    widgetSlot.hold(first);
    await releaseNow(first);
    assert.deepEqual(
      [left, first, second].map(({ starts }) => starts),
      [0, 1, 1],
    );
  });

  it('a release by an element that no longer holds the slot leaves the new holder in place', async () => {
    const [old, current] = [holder(), holder()];
    widgetSlot.hold(old);
    let read = () => {};
    const releasing = widgetSlot.release(old, undefined, new Promise<void>((resolve) => (read = resolve)));
    widgetSlot.hold(current);
    read();
    await releasing;
    assert.equal(widgetSlot.free, false);
    await releaseNow(current);
  });

  it('leaveLine: an element that left the line is not started when the slot is released', async () => {
    const [current, asker] = [holder(), holder()];
    widgetSlot.hold(current);
    assert.equal(widgetSlot.heldByAnother(asker), true);
    widgetSlot.leaveLine(asker);
    await releaseNow(current);
    assert.equal(asker.starts, 0);
  });

  it('a dispose that throws still frees the slot and starts the next in line; the failure is printed', async () => {
    const [current, asker] = [holder(), holder()];
    widgetSlot.hold(current);
    widgetSlot.heldByAnother(asker);
    await releaseNow(current, () => {
      throw new Error('the adapter broke');
    });
    assert.equal(widgetSlot.free, true);
    assert.equal(asker.starts, 1);
    assert.deepEqual(printed, ['rc-call-logger: disposing the widget failed: the adapter broke']);
  });

  it('hand-over: a holder that left passes the widget to an element in line at once, without stopping', () => {
    const [current, next] = [holder(), holder()];
    current.running = true;
    widgetSlot.hold(current);
    assert.equal(widgetSlot.heldByAnother(next), true);
    current.element.isConnected = false;
    let stopped = 0;
    widgetSlot.leave(() => void stopped++);
    assert.deepEqual(next.takenFrom, [current]);
    mock.timers.tick(HANDOVER_GRACE);
    assert.equal(stopped, 0);
    assert.equal(next.starts, 0);
  });

  it('hand-over: with nobody in line, the holder stops only after the grace; one that connects before takes over', () => {
    const [current, late, later] = [holder(), holder(), holder()];
    current.running = true;
    widgetSlot.hold(current);
    current.element.isConnected = false;
    let stopped = 0;
    widgetSlot.leave(() => void stopped++);
    mock.timers.tick(HANDOVER_GRACE - 1);
    assert.equal(stopped, 0);
    assert.equal(widgetSlot.handOver(late), true);
    assert.deepEqual(late.takenFrom, [current]);
    mock.timers.tick(HANDOVER_GRACE);
    assert.equal(stopped, 0, 'the hand-over cancelled the stop');
    // `late` now holds it and is in the document: nothing to take over.
    late.running = true;
    assert.equal(widgetSlot.handOver(later), false);
  });

  it('hand-over: the grace runs out, or the holder comes back (stay)', () => {
    const current = holder();
    current.running = true;
    widgetSlot.hold(current);
    current.element.isConnected = false;
    let stopped = 0;
    widgetSlot.leave(() => void stopped++);
    mock.timers.tick(HANDOVER_GRACE);
    assert.equal(stopped, 1);
    widgetSlot.leave(() => void stopped++);
    widgetSlot.stay();
    mock.timers.tick(HANDOVER_GRACE);
    assert.equal(stopped, 1);
  });

  it('hand-over: nothing to take from a holder still starting (no widget yet) or still in the document', () => {
    const [current, taker] = [holder(), holder()];
    widgetSlot.hold(current);
    current.element.isConnected = false;
    assert.equal(widgetSlot.handOver(taker), false, 'not running yet');
    current.running = true;
    current.element.isConnected = true;
    assert.equal(widgetSlot.handOver(taker), false, 'still in the document');
    assert.deepEqual(taker.takenFrom, []);
  });
});
