// What svelte-check must refuse in a Svelte 5 template, written as the props object it checks markup against.
import type { SvelteHTMLElements } from 'svelte/elements';
import 'rc-call-logger/svelte';

type Logger = SvelteHTMLElements['rc-call-logger'];

// @ts-expect-error: a number attribute takes a number
void ({ 'response-timeout': 'soon' } satisfies Logger);
// @ts-expect-error: an oncall-match listener gets a CallMatchEvent, which has no call
void ({ 'oncall-match': (event) => void event.call } satisfies Logger);
// @ts-expect-error: Svelte writes false as "false", which the attribute reads as on; use autoLog={false}
void ({ 'auto-log': false } satisfies Logger);
void ({ autoLog: false, 'auto-log': true } satisfies Logger);
