// A Vue 3 app renders the element from a template compiled at run time (`vue` is Vue's development browser build
// here, see web-test-runner.config.mjs); the simulated widget, on another origin, reports what it received back.
import { expect } from '@open-wc/testing';
import { createApp, type App } from 'vue';
import '../src/index.js';
import type { CallLogEvent } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, callBody } from './helpers/simulator.js';

describe('Vue 3', () => {
  let widget: SimulatorControl;
  let app: App;
  let container: HTMLElement;

  beforeEach(() => {
    widget = new SimulatorControl();
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    app.unmount();
    container.remove();
    widget.stop();
  });

  it('binds attributes, a property and @call-log; the handler answers the widget with respondWith()', async () => {
    const seen: CallLogEvent[] = [];
    app = createApp({
      template: `
        <rc-call-logger service-name="Acme Vue" :display-name="displayName" :adapter-src="adapterSrc" @call-log="onCallLog">
        </rc-call-logger>`,
      setup: () => ({
        adapterSrc: ADAPTER_SRC,
        displayName: 'Acme, from Vue',
        onCallLog(event: CallLogEvent) {
          seen.push(event);
          event.respondWith(Promise.resolve({ id: `vue-${event.call.sessionId}` }));
        },
      }),
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'rc-call-logger';
    const warnings: string[] = [];
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(container);

    const [registration] = await widget.waitForRegistrations(2);
    expect(registration).to.include({ name: 'Acme Vue', displayName: 'Acme, from Vue' });
    expect(await widget.request('/callLogger', callBody('s-vue'))).to.deep.equal({ data: { id: 'vue-s-vue' } });
    expect(seen.map((event) => event.call.sessionId)).to.deep.equal(['s-vue']);
    expect(warnings).to.deep.equal([]); // no Vue warning, such as "Failed to resolve component"
  });
});
