// The inspector: every message in and out, newest first, drawn in the `#wire` list.
import { h } from './dom.js';
import type { Json } from './state.js';

const wire: Array<{ way: 'in' | 'out'; summary: string; json: string; at: number }> = [];

/** JSON for the inspector; never throws (postMessage carries BigInts and cycles, JSON does not). */
function printable(data: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(
        data,
        (_key, value: unknown) => {
          if (typeof value === 'bigint') return `${value}n`;
          if (value && typeof value === 'object') {
            if (seen.has(value)) return '[circular]';
            seen.add(value);
          }
          return value;
        },
        2,
      ) ?? String(data)
    );
  } catch {
    return String(data);
  }
}

export function inspect(way: 'in' | 'out' | 'note', data: unknown): void {
  const message = (way === 'note' ? { note: data } : data) as Json | null;
  const body = (message && typeof message === 'object' ? message.body : undefined) as Json | undefined;
  const service = (message && typeof message === 'object' ? message.service : undefined) as Json | undefined;
  const summary =
    message && typeof message === 'object'
      ? [message.type ?? message.note, message.path, body?.triggerType, service?.name]
          .filter((part) => typeof part === 'string')
          .join(' ')
      : typeof message;
  wire.unshift({ way: way === 'note' ? 'in' : way, summary, json: printable(data), at: Date.now() });
  wire.length = Math.min(wire.length, 300);
  // Drawn at most every 100 ms: a page can send thousands of messages in a burst.
  inspectorDrawn ??= setTimeout(() => {
    inspectorDrawn = undefined;
    renderInspector();
  }, 100);
}
let inspectorDrawn: ReturnType<typeof setTimeout> | undefined;

export function renderInspector(): void {
  const list = document.getElementById('wire');
  if (!list) return;
  list.replaceChildren(
    ...wire.slice(0, 100).map(({ way, summary, json, at }) => {
      const line = `${new Date(at).toISOString().slice(11, 23)} ${way === 'out' ? '→ page' : '← page'} ${summary}`;
      return h(
        'li',
        { className: way },
        h('details', {}, h('summary', { textContent: line }), h('pre', { textContent: json })),
      );
    }),
  );
}
