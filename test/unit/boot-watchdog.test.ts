import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { watchBoot } from '../../src/boot-watchdog.js';
import { RcCallLoggerError } from '../../src/errors.js';
import { StubFrame, installPage } from './stub-page.js';

installPage();

describe('boot watchdog', () => {
  let frame: StubFrame;
  let reports: unknown[];
  const watch = () => watchBoot(frame as unknown as HTMLIFrameElement, 5_000, (error) => reports.push(error));

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    frame = new StubFrame('https://widget.example/app.html');
    reports = [];
  });
  afterEach(() => mock.timers.reset());

  it('a frame that loaded and stays silent for boot-timeout: widget-silent, saying what to check', () => {
    watch();
    mock.timers.tick(60_000); // not loaded yet: the adapter may attach the frame late
    assert.deepEqual(reports, []);
    frame.dispatchEvent(new Event('load'));
    mock.timers.tick(4_999);
    assert.deepEqual(reports, []);
    mock.timers.tick(1);
    assert.equal(reports.length, 1);
    const error = reports[0] as RcCallLoggerError;
    assert.ok(error instanceof RcCallLoggerError);
    assert.equal(error.code, 'widget-silent');
    assert.match(error.message, /within 5000 ms of loading \(boot-timeout\)/);
    assert.match(error.message, /third-party storage for https:\/\/widget\.example/);
    assert.match(error.message, /frame-src/);
    assert.match(error.message, /network/);
  });

  it('a widget that speaks in time, before or after its frame load, is not reported', () => {
    const spoke = watch();
    frame.dispatchEvent(new Event('load'));
    spoke();
    const spokeEarly = ((frame = new StubFrame()), watch());
    spokeEarly();
    frame.dispatchEvent(new Event('load'));
    mock.timers.tick(60_000);
    assert.deepEqual(reports, []);
  });
});
