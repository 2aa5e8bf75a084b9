// A Vue 3 app renders the element from a template compiled at run time (`vue` is Vue's development browser build
// here, see web-test-runner.config.mjs); the simulated widget, on another origin, reports what it received back.
import { expect } from '@open-wc/testing';
import { createApp, nextTick, ref, type App } from 'vue';
import '../src/index.js';
import type { CallLogEvent } from '../src/index.js';
import { ADAPTER_SRC, SimulatorControl, callBody, frame, until } from './helpers/simulator.js';

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

  it('a route change (v-if between two pages) hands the live widget over', async () => {
    let answerA: (value: string) => void = () => {};
    const route = ref<'a' | 'b'>('a');
    app = createApp({
      template: `
        <main v-if="route === 'a'"><rc-call-logger service-name="Page A" :adapter-src="adapterSrc" @call-log="onA"></rc-call-logger></main>
        <section v-else><rc-call-logger service-name="Page B" :adapter-src="adapterSrc" @call-log="onB"></rc-call-logger></section>`,
      setup: () => ({
        route,
        adapterSrc: ADAPTER_SRC,
        onA: (event: CallLogEvent) => event.respondWith(new Promise<string>((resolve) => (answerA = resolve))),
        onB: (event: CallLogEvent) => event.respondWith(`from B: ${event.call.sessionId}`),
      }),
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag === 'rc-call-logger';
    app.mount(container);
    await widget.waitForRegistrations(2);
    const first = frame();
    const sessionId = await widget.call({ autoplay: false });
    widget.advance(sessionId, 'answer');
    const inFlight = await widget.send('/callLogger', callBody('s-flight'));
    await widget.flush(); // the page has heard the call start and got the request
    route.value = 'b';
    await nextTick();
    await until(() => widget.registrations.at(-1)?.name === 'Page B', 'page B to register');
    answerA('from A');
    expect((await widget.outcome(inFlight)).response).to.deep.equal({ data: 'from A' });
    expect(await widget.request('/callLogger', callBody('s-b'))).to.deep.equal({ data: 'from B: s-b' });
    await widget.flush();
    expect(widget.responsesTo(inFlight)).to.have.length(1);
    expect(frame() === first, 'the same widget frame').to.equal(true);
    expect(widget.boots).to.equal(1);
    expect((await widget.state()).calls.find((call) => call.sessionId === sessionId)?.phase).to.equal('CallConnected');
  });
});
