import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import { RcCallLoggerError, type RcCallLoggerElement } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, THIRD_ORIGIN, WIDGET_ORIGIN, frame, until } from './helpers/simulator.js';

describe('registration', () => {
  let widget: SimulatorControl;
  beforeEach(() => {
    widget = new SimulatorControl();
  });
  afterEach(() => widget.stop());

  it('registers the service from attributes once the widget has booted', async () => {
    await fixture(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="Acme CRM"
        logger-title="Log to Acme"
        recording-with-token
        show-log-modal
      ></rc-call-logger>`,
    );
    const [service] = await widget.waitForRegistrations(1);
    expect(service).to.deep.equal({
      name: 'Acme CRM',
      callLoggerPath: '/callLogger',
      callLogEntityMatcherPath: '/callLogger/match',
      callLoggerTitle: 'Log to Acme',
      recordingWithToken: true,
      showLogModal: true,
    });
    const registration = widget.received.find((r) => r.data?.type === 'rc-adapter-register-third-party-service')!;
    expect(registration.origin, 'sender as the widget saw it').to.equal(location.origin);
  });

  it('registers from properties, merging `service`, and leaves false flags and unset fields out', async () => {
    const el = document.createElement('rc-call-logger');
    el.adapterSrc = ADAPTER_SRC;
    el.serviceName = 'Props CRM';
    el.loggerPath = '/log';
    el.matcherPath = '/match';
    el.service = { displayName: 'Props', info: 'from a property' };
    await fixture(el);
    const [service] = await widget.waitForRegistrations(1);
    expect(service).to.deep.equal({
      name: 'Props CRM',
      callLoggerPath: '/log',
      callLogEntityMatcherPath: '/match',
      displayName: 'Props',
      info: 'from a property',
    });
  });

  it('sends adapter options from attributes, with auto-log present only when on', async () => {
    await fixture(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="Acme CRM"
        client-id="abc123"
        app-server="https://platform.devtest.ringcentral.com"
        redirect-uri="https://example.com/redirect.html"
        auto-log
        .adapterOptions=${{ prefix: 'acme', enableSmartNote: 'true' }}
      ></rc-call-logger>`,
    );
    const widgetFrame = await until(
      () => document.getElementById('acme-adapter-frame') as HTMLIFrameElement | null,
      'the frame',
    );
    const query = new URL(widgetFrame.src).searchParams;
    expect(query.get('clientId')).to.equal('abc123');
    expect(query.get('appServer')).to.equal('https://platform.devtest.ringcentral.com');
    expect(query.get('redirectUri')).to.equal('https://example.com/redirect.html');
    expect(query.get('defaultAutoLogCallEnabled')).to.equal('true');
    expect(query.get('enableSmartNote')).to.equal('true');
  });

  it('leaves auto-log out entirely when it is off', async () => {
    await fixture(html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`);
    await widget.waitForRegistrations(1);
    expect([...new URL(frame()!.src).searchParams.keys()]).not.to.include('defaultAutoLogCallEnabled');
  });

  it('registers again on every widget reload and every login change', async () => {
    await fixture(html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`);
    // boot: pushAdapterState + login status
    await widget.waitForRegistrations(2);
    widget.command('login', { loggedIn: true });
    await widget.waitForRegistrations(3);
    widget.command('reload');
    await until(() => widget.boots >= 2, 'the widget to boot again');
    const services = await widget.waitForRegistrations(5);
    expect(services.every((s) => s.name === 'Acme CRM')).to.equal(true);
  });

  it('sends one registration per burst of configuration changes', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    await widget.flush(); // nothing else on its way from the start
    el.setAttribute('service-name', 'Renamed CRM');
    el.setAttribute('logger-title', 'Log it');
    el.loggerPath = '/log2';
    el.showLogModal = true;
    const services = await widget.waitForRegistrations(3);
    await el.updateComplete;
    await widget.flush();
    expect(widget.registrations).to.have.length(3);
    expect(services[2]).to.include({
      name: 'Renamed CRM',
      callLoggerTitle: 'Log it',
      callLoggerPath: '/log2',
      showLogModal: true,
    });
  });

  it('does not register again when a new but equal `service` object is assigned', async () => {
    const el = await fixture<RcCallLoggerElement>(
      html`<rc-call-logger
        adapter-src=${ADAPTER_SRC}
        service-name="Acme CRM"
        .service=${{ info: 'x' }}
      ></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    el.service = { info: 'x' };
    await el.updateComplete;
    await widget.flush();
    expect(widget.registrations).to.have.length(2);
  });

  it('without service-name: an error event, no registration, and registration once it is set', async () => {
    const errors: ErrorEvent[] = [];
    const el = document.createElement('rc-call-logger');
    el.adapterSrc = ADAPTER_SRC;
    el.addEventListener('error', (e) => errors.push(e));
    await fixture(el);
    await until(() => widget.boots >= 1, 'the widget to boot');
    await widget.flush(); // the element has heard the widget announce itself, and anything it posted has arrived
    expect(widget.registrations).to.have.length(0);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(ErrorEvent);
    expect(errors[0].message).to.match(/service-name/);
    el.serviceName = 'Late CRM';
    const [service] = await widget.waitForRegistrations(1);
    expect(service.name).to.equal('Late CRM');
  });

  it('an invalid response-timeout gives an error event', async () => {
    const errors: ErrorEvent[] = [];
    const el = document.createElement('rc-call-logger');
    el.addEventListener('error', (e) => errors.push(e));
    el.setAttribute('adapter-src', ADAPTER_SRC);
    el.setAttribute('service-name', 'Acme CRM');
    el.setAttribute('response-timeout', 'soon');
    await fixture(el);
    expect(errors).to.have.length(1);
    expect(errors[0].message).to.match(/response-timeout must be a positive number/);
  });

  it('each error carries a code to branch on: invalid-config, adapter-load-failed, widget-in-use', async () => {
    const codeOf = async (setup: (el: RcCallLoggerElement) => void) => {
      const el = document.createElement('rc-call-logger');
      setup(el);
      const reported = new Promise<ErrorEvent>((resolve) => el.addEventListener('error', resolve, { once: true }));
      document.body.append(el);
      const error: unknown = (await reported).error;
      el.remove();
      expect(error).to.be.instanceOf(RcCallLoggerError);
      return (error as RcCallLoggerError).code;
    };
    expect(await codeOf((el) => Object.assign(el, { adapterSrc: ADAPTER_SRC }))).to.equal('invalid-config');
    expect(
      await codeOf((el) => Object.assign(el, { adapterSrc: 'ftp://example.com/adapter.js', serviceName: 'A' })),
    ).to.equal('adapter-load-failed');
    const first = await fixture(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} service-name="First"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(1);
    expect(await codeOf((el) => Object.assign(el, { adapterSrc: ADAPTER_SRC, serviceName: 'Second' }))).to.equal(
      'widget-in-use',
    );
    first.remove();
  });

  it('uses the frame origin, not the adapter script origin, when the widget is hosted elsewhere', async () => {
    const appUrl = `${THIRD_ORIGIN}/src/simulator/app.html`;
    await fixture(
      html`<rc-call-logger adapter-src=${ADAPTER_SRC} app-url=${appUrl} service-name="Acme CRM"></rc-call-logger>`,
    );
    await widget.waitForRegistrations(2);
    expect(new URL(frame()!.src).origin).to.equal(THIRD_ORIGIN);
    expect(THIRD_ORIGIN).not.to.equal(WIDGET_ORIGIN);
  });
});
