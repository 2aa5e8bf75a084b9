// Building and finding the page's elements.
import type { Json } from './state.js';

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Json = {},
  ...children: Array<Node | string | null | false>
) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children.filter((child): child is Node | string => child !== null && child !== false));
  return el;
}

export const view = (id: string) => document.getElementById(id)!;
