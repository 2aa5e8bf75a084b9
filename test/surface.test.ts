import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { LogPageInputEvent, type RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, callBody, frame, nextTask, until } from './helpers/simulator.js';

describe('registration fields and adapter options', () => {
  let widget: SimulatorControl;
  beforeEach(() => {
    widget = new SimulatorControl();
  });
  afterEach(() => widget.stop());

  it('sends every call-logging field of the registration from attributes', async () => {
    await fixture(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        display-name="Acme CRM"
        info="Logs calls into Acme"
        logger-title="Log to Acme"
        log-page-input-path="/callLogger/input"
        hide-edit-log-button
        auto-log-label="Log calls to Acme"
        auto-log-description="Every call is logged"
        auto-log-warning="Uses Acme quota"
        auto-log-read-only
        auto-log-read-only-reason="Set by your admin"
        auto-log-read-only-value="false"
        auto-log-hidden
      ></rc-call-logger>`,
    );
    const [service] = await widget.waitForRegistrations(1);
    expect(service).to.deep.equal({
      name: 'acme',
      displayName: 'Acme CRM',
      info: 'Logs calls into Acme',
      callLoggerPath: '/callLogger',
      callLogEntityMatcherPath: '/callLogger/match',
      callLogPageInputChangedEventPath: '/callLogger/input',
      callLoggerTitle: 'Log to Acme',
      callLoggerAutoSettingLabel: 'Log calls to Acme',
      callLoggerAutoSettingDescription: 'Every call is logged',
      callLoggerAutoSettingWarning: 'Uses Acme quota',
      callLoggerAutoSettingReadOnlyReason: 'Set by your admin',
      callLoggerHideEditLogButton: true,
      callLoggerAutoSettingReadOnly: true,
      callLoggerAutoLogSettingHidden: true,
      callLoggerAutoSettingReadOnlyValue: false,
    });
  });

  it('leaves out empty texts and false flags, and re-registers without a flag once it is removed', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        auto-log-label=""
        auto-log-read-only
        show-log-modal
      ></rc-call-logger>`,
    );
    const [first] = await widget.waitForRegistrations(2);
    expect(first).not.to.have.property('callLoggerAutoSettingLabel');
    expect(first).not.to.have.property('callLoggerAutoSettingReadOnlyValue');
    expect(first).to.include({ callLoggerAutoSettingReadOnly: true, showLogModal: true });
    el.removeAttribute('auto-log-read-only');
    el.showLogModal = false;
    const services = await widget.waitForRegistrations(3);
    // The widget resets a flag that is absent, so leaving it out is how it is turned off.
    expect(services[2]).not.to.have.property('callLoggerAutoSettingReadOnly');
    expect(services[2]).not.to.have.property('showLogModal');
  });

  it('fires log-page-input for the log form path and answers the widget at once', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        log-page-input-path="/input"
      ></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    let seen: LogPageInputEvent | undefined;
    el.addEventListener('log-page-input', (event) => (seen = event));
    const body = {
      call: callBody('s-7').call,
      formData: { note: 'hi', contact: 'c-1' },
      keys: ['note'],
      page: { schema: {} },
    };
    expect(await widget.request('/input', body)).to.deep.equal({ data: 'ok' });
    expect(seen).to.be.instanceOf(LogPageInputEvent);
    expect(seen!.call.sessionId).to.equal('s-7');
    expect(seen!.formData).to.deep.equal({ note: 'hi', contact: 'c-1' });
    expect(seen!.keys).to.deep.equal(['note']);
  });

  it('maps adapterOptions with one boolean rule, and disableGlip/disableConferenceInvite the other way round', async () => {
    await fixture(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        .adapterOptions=${{
          prefix: 'acme',
          disableCall: true,
          disableMessages: false,
          disableGlip: false,
          disableConferenceInvite: true,
          multipleTabsSupport: true,
          mainTab: 'false',
          enableSmartNote: null,
        }}
      ></rc-call-logger>`,
    );
    const widgetFrame = await until(
      () => document.getElementById('acme-adapter-frame') as HTMLIFrameElement | null,
      'the frame',
    );
    const query = Object.fromEntries(new URL(widgetFrame.src).searchParams);
    expect(query).to.include({
      prefix: 'acme',
      disableCall: 'true',
      disableGlip: 'false',
      multipleTabsSupport: 'true',
      mainTab: 'false',
    });
    expect(query).not.to.have.any.keys('disableMessages', 'disableConferenceInvite', 'enableSmartNote');
  });

  for (const appServer of [
    'http://platform.devtest.ringcentral.com',
    'https://platform.ringcentral.com?x=1',
    'https://javascript.example.com',
  ]) {
    it(`an app-server the widget would ignore is an error, and no widget starts: ${appServer}`, async () => {
      await until(() => !frame(), 'the previous widget to go');
      const errors: ErrorEvent[] = [];
      const el = document.createElement('rc-call-logger');
      el.adapterSrc = ADAPTER_SRC;
      el.serviceName = 'acme';
      el.appServer = appServer;
      el.addEventListener('error', (event) => errors.push(event));
      await fixture(el);
      await until(() => errors.length === 1, 'an error event');
      expect(errors[0].message).to.match(/app-server must be an https:\/\/ URL/);
      await nextTask(); // an adapter already loaded would have made its frame by now
      expect(frame()).to.equal(null);
    });
  }

  it('never sends a value the widget would read as "on" for a flag meant off: 0, "0", "false"', async () => {
    await fixture(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="acme"
        .adapterOptions=${{ defaultAutoLogCallEnabled: 0, disableCall: 'false', disableMessages: '0', mainTab: false, zIndex: 5 }}
      ></rc-call-logger>`,
    );
    const query = Object.fromEntries(new URL((await until(() => frame(), 'the frame')).src).searchParams);
    expect(query).not.to.have.any.keys('defaultAutoLogCallEnabled', 'disableCall', 'disableMessages');
    // mainTab is three-state: "false" means this tab never becomes the main (auto-logging) tab.
    expect(query.mainTab).to.equal('false');
  });
});
