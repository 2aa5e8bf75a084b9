import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adapterInit, checkAdapterInit, checkedRegistration } from '../../src/config.js';
import { settingsWith } from './stub-page.js';

const config = settingsWith;

describe('adapter options', () => {
  it('become strings; auto-log is sent only when on', () => {
    assert.deepEqual(adapterInit(config({ clientId: 'abc', appServer: 'https://platform.devtest.ringcentral.com' })), {
      appUrl: undefined,
      options: { clientId: 'abc', appServer: 'https://platform.devtest.ringcentral.com' },
    });
    assert.deepEqual(adapterInit(config({ autoLog: true })).options, { defaultAutoLogCallEnabled: 'true' });
  });

  it('a flag meant off is left out whatever its spelling: false, 0, "0", "false", "", null', () => {
    const adapterOptions = { a: false, b: 0, c: '0', d: 'false', e: '', f: null, g: undefined, zIndex: 5 };
    assert.deepEqual(adapterInit(config({ adapterOptions })).options, { zIndex: '5' });
  });

  it('three-state options send "false" when false; disableGlip and disableConferenceInvite leave their default out', () => {
    const adapterOptions = { disableGlip: false, disableConferenceInvite: true, mainTab: false };
    assert.deepEqual(adapterInit(config({ adapterOptions })).options, { disableGlip: 'false', mainTab: 'false' });
    assert.deepEqual(adapterInit(config({ adapterOptions: { mainTab: true } })).options, { mainTab: 'true' });
  });

  it('adapterOptions win over the attributes', () => {
    assert.deepEqual(adapterInit(config({ clientId: 'attr', adapterOptions: { clientId: 'prop' } })).options, {
      clientId: 'prop',
    });
  });

  it('an app-server the widget would silently ignore is refused', () => {
    for (const appServer of ['http://platform.ringcentral.com', 'https://x.example?x=1', 'https://javascript.example'])
      assert.throws(() => checkAdapterInit({ options: { appServer } }), /app-server must be an https:\/\/ URL/);
    assert.doesNotThrow(() => checkAdapterInit({ options: { appServer: 'https://platform.ringcentral.com' } }));
  });
});

describe('registration', () => {
  it('maps the attributes, leaving false flags and unset texts out', () => {
    assert.deepEqual(checkedRegistration(config({ loggerTitle: 'Log it', showLogModal: true })), {
      name: 'Acme CRM',
      callLoggerPath: '/callLogger',
      callLogEntityMatcherPath: '/callLogger/match',
      callLoggerTitle: 'Log it',
      showLogModal: true,
    });
  });

  it('an empty matcher path means no matcher', () => {
    assert.equal('callLogEntityMatcherPath' in checkedRegistration(config({ matcherPath: '' })), false);
  });

  it('auto-log-read-only-value is sent as a real boolean, false included', () => {
    assert.equal(
      checkedRegistration(config({ autoLogReadOnlyValue: false })).callLoggerAutoSettingReadOnlyValue,
      false,
    );
    assert.equal('callLoggerAutoSettingReadOnlyValue' in checkedRegistration(config()), false);
  });

  it('`service` is merged last', () => {
    const service = checkedRegistration(config({ service: { name: 'From service', info: 'x' } }));
    assert.equal(service.name, 'From service');
    assert.equal(service.info, 'x');
  });

  it('refuses a service without a name, and paths that are the same, as invalid-config', () => {
    const invalid = (message: RegExp) => ({ name: 'RcCallLoggerError', code: 'invalid-config', message });
    assert.throws(() => checkedRegistration(config({ serviceName: undefined })), invalid(/set service-name/));
    assert.throws(() => checkedRegistration(config({ serviceName: '' })), invalid(/set service-name/));
    assert.throws(() => checkedRegistration(config({ matcherPath: '/callLogger' })), invalid(/must differ/));
  });

  it('every flag and text the widget reads is mapped to its registration field', () => {
    const service = checkedRegistration(
      config({
        displayName: 'Acme',
        info: 'CRM',
        logPageInputPath: '/input',
        recordingWithToken: true,
        hideEditLogButton: true,
        autoLogLabel: 'Label',
        autoLogDescription: 'Description',
        autoLogWarning: 'Warning',
        autoLogReadOnly: true,
        autoLogReadOnlyReason: 'Reason',
        autoLogReadOnlyValue: true,
        autoLogHidden: true,
      }),
    );
    assert.deepEqual(service, {
      name: 'Acme CRM',
      displayName: 'Acme',
      info: 'CRM',
      callLoggerPath: '/callLogger',
      callLogEntityMatcherPath: '/callLogger/match',
      callLogPageInputChangedEventPath: '/input',
      recordingWithToken: true,
      callLoggerHideEditLogButton: true,
      callLoggerAutoSettingLabel: 'Label',
      callLoggerAutoSettingDescription: 'Description',
      callLoggerAutoSettingWarning: 'Warning',
      callLoggerAutoSettingReadOnly: true,
      callLoggerAutoSettingReadOnlyReason: 'Reason',
      callLoggerAutoSettingReadOnlyValue: true,
      callLoggerAutoLogSettingHidden: true,
    });
  });
});
