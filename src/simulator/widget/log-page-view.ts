// The log page panel (`#log-page`): a form from the page's schema, or a note field when it sent none.
import { find } from './calls.js';
import { h, view } from './dom.js';
import { changeField, navigate, saveLog } from './log-page.js';
import { state, type Json } from './state.js';

export function renderLogPage(): void {
  const { logPage, openLog } = state;
  const panel = view('log-page');
  const call = openLog && find(openLog.sessionId);
  panel.hidden = !call;
  if (!call || !openLog) return panel.replaceChildren();
  const form = openLog.formData;
  const schema = (logPage?.schema ?? { properties: { note: { type: 'string', title: 'Note' } } }) as {
    properties?: Record<string, Json>;
  };
  const ui = (logPage?.uiSchema ?? { note: { 'ui:widget': 'textarea' } }) as Record<string, Json>;
  const fields = Object.entries(schema.properties ?? {})
    .filter(([key, field]) => field && typeof field === 'object' && ui[key]?.['ui:widget'] !== 'hidden')
    .map(([key, field]) => {
      const label = String(field.title ?? key);
      const value = form[key];
      let input: HTMLElement;
      if (field.type === 'boolean') {
        input = h('input', {
          type: 'checkbox',
          name: key,
          checked: Boolean(value),
          onchange: (e: Event) => changeField(key, (e.target as HTMLInputElement).checked),
        });
      } else if (Array.isArray(field.enum)) {
        input = h(
          'select',
          { name: key, onchange: (e: Event) => changeField(key, (e.target as HTMLSelectElement).value) },
          ...field.enum.map((option) =>
            h('option', { value: String(option), textContent: String(option), selected: option === value }),
          ),
        );
      } else {
        const tag = ui[key]?.['ui:widget'] === 'textarea' ? 'textarea' : 'input';
        input = h(tag, {
          name: key,
          value: String(value ?? ''),
          onchange: (e: Event) => changeField(key, (e.target as HTMLInputElement).value),
        });
      }
      return h('label', {}, `${label} `, input);
    });
  panel.replaceChildren(
    h('h2', { textContent: `${logPage?.title ?? 'Log call'} · ${call.contact.name || call.sessionId}` }),
    ...fields,
    h(
      'p',
      {},
      h('button', { className: 'save', textContent: 'Save', onclick: () => void saveLog() }),
      h('button', { textContent: 'Cancel', onclick: () => navigate('/history') }),
    ),
  );
}
