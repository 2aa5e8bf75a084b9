import { RcCallLoggerElement } from './rc-call-logger-element.js';

RcCallLoggerElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'rc-call-logger': RcCallLoggerElement;
  }
}
