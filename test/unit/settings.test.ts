import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RcCallLoggerSettings, attributeName } from '../../src/settings.js';

describe('setting attributes', () => {
  it("a setting's attribute is its name in kebab case", () => {
    assert.equal(attributeName('serviceName'), 'service-name');
    assert.equal(attributeName('autoLogReadOnlyValue'), 'auto-log-read-only-value');
    assert.equal(attributeName('backfill'), 'backfill');
  });

  it('the element observes each setting under its kebab-case attribute, and none for service and adapterOptions', () => {
    const observed = RcCallLoggerSettings.observedAttributes;
    const expected = Object.entries(RcCallLoggerSettings.properties)
      .filter(([, { attribute }]) => attribute !== false)
      .map(([name]) => attributeName(name));
    assert.deepEqual(observed, expected);
    assert.ok(observed.includes('log-page-input-path'));
    assert.ok(!observed.includes('service') && !observed.includes('adapter-options'));
  });
});
