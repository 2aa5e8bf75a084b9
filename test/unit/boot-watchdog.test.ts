import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { watchBoot } from '../../src/boot-watchdog.js';
import { RcCallLoggerError } from '../../src/errors.js';
import { StubFrame, installPage } from './stub-page.js';

installPage();

describe('boot watchdog', () => {
  let frame: StubFrame;
  let reports: unknown[];
  const watches: (() => void)[] = [];
  const watch = () => {
    const spoke = watchBoot(frame as unknown as HTMLIFrameElement, 5_000, (error) => reports.push(error));
    watches.push(spoke);
    return spoke;
  };
  /** What the browser fires at the window when the page's CSP refuses (or, report-only, would refuse) a URL. */
  const violation = (effectiveDirective: string, blockedURI: string, disposition = 'enforce') =>
    window.dispatchEvent(
      Object.assign(new Event('securitypolicyviolation'), { effectiveDirective, blockedURI, disposition }),
    );

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    frame = new StubFrame('https://widget.example/app.html');
    reports = [];
  });
  afterEach(() => {
    for (const spoke of watches.splice(0)) spoke(); // as the session's end does
    mock.timers.reset();
  });

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

  it("a frame the page's CSP refuses: widget-silent at once, naming frame-src, and only for the widget's origin", () => {
    watch();
    violation('frame-src', 'https://other.example/ad.html');
    violation('frame-src', 'https://widget.example.evil.example/app.html');
    violation('frame-src', 'https://widget.example:8443/app.html');
    violation('frame-src', 'inline');
    violation('script-src', 'https://widget.example/app.js');
    violation('frame-src', 'https://widget.example/app.html', 'report'); // report-only: the frame loads
    assert.deepEqual(reports, []);
    violation('frame-src', 'https://widget.example'); // the origin alone, as after a redirect
    assert.equal(reports.length, 1);
    assert.equal((reports[0] as RcCallLoggerError).code, 'widget-silent');
    assert.match((reports[0] as Error).message, /CSP frame-src refuses the widget at https:\/\/widget\.example/);
    frame.dispatchEvent(new Event('load'));
    mock.timers.tick(60_000);
    assert.equal(reports.length, 1, 'reported once: the watch is disarmed');
  });

  it('a report-only violation leaves the boot watch armed', () => {
    watch();
    violation('frame-src', 'https://widget.example/app.html', 'report');
    frame.dispatchEvent(new Event('load'));
    mock.timers.tick(5_000);
    assert.equal(reports.length, 1);
    assert.match((reports[0] as Error).message, /said nothing within 5000 ms/);
  });
});
