/**
 * The page's document, read through `Document.prototype`: markup shadows document members by name
 * (`<img name="scripts">` makes `document.scripts` that image, `<form name="head">` likewise). The adapter works
 * with such markup, so the element must too.
 */
export const fromDocument = <K extends keyof Document>(name: K): Document[K] =>
  Reflect.get(Document.prototype, name, document);

/** A new element of the page's document. */
export const createElement = <K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] =>
  Document.prototype.createElement.call(document, tag) as HTMLElementTagNameMap[K];
