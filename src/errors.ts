/** The element's errors, and how any error is put into words for the console and the widget. */

/**
 * What went wrong, for an integrator to branch on: `event.error.code` in an `error` listener.
 * - `invalid-config`: a setting the widget would reject or ignore (no service-name, equal paths, an app-server it
 *   ignores, a timeout that is not a positive number, an app-url that is not http(s) or, under Trusted Types, not
 *   at a trusted origin, a log-url or match-url on another origin without endpoint-credentials).
 * - `adapter-load-failed`: the adapter script did not load or did not start the widget (network, timeout, CSP,
 *   Trusted Types, a URL that is not RingCentral's adapter).
 * - `widget-in-use`: another `<rc-call-logger>`, or an adapter the page started itself, already runs the widget.
 * - `widget-silent`: the page's CSP `frame-src` refuses the widget's frame (reported at once), or the frame loaded
 *   but the widget said nothing within `boot-timeout` (third-party storage blocked for its origin, the network). It
 *   becomes ready if it speaks.
 */
export type RcCallLoggerErrorCode = 'invalid-config' | 'adapter-load-failed' | 'widget-in-use' | 'widget-silent';

/** An error the element reports with its `error` event: a stable `code` and a message that says what to do. */
export class RcCallLoggerError extends Error {
  readonly code: RcCallLoggerErrorCode;

  constructor(code: RcCallLoggerErrorCode, message: string) {
    super(`rc-call-logger: ${message}`);
    this.name = 'RcCallLoggerError';
    this.code = code;
  }
}

/** A readable message for any thrown or rejected value; never throws. */
export function messageOf(error: unknown): string {
  try {
    if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
    if (error === undefined || error === null) return 'rejected without a reason';
    // Any other value: its own string form (a thrown string, an object with a toString).
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return String(error);
  } catch {
    return 'rejected with a value that has no message';
  }
}

/**
 * A secret's name and what follows it up to the value: `access_token=`, `refreshToken: "`, `"id_token":"`,
 * `access%5Ftoken%253D` (percent-encoded, also twice), `client_secret = `, `Bearer `. The name is matched by its end,
 * so every spelling of a token parameter is one case.
 */
const SECRET =
  /((?:token|secret|password|jwt|api[_-]?key|authorization)(?:["']|%(?:25)*22)?\s*(?:[:=]|%(?:25)*3[ad])\s*(?:["']|%(?:25)*22)?(?:(?:bearer|basic)(?:\s|%(?:25)*20|\+)+)?|(?:bearer|basic)(?:\s|%(?:25)*20|\+)+)[^&\s"',;})\]]+/gi;

/**
 * Hides tokens and other secrets in any text we print or show: every spelling of a token parameter (plain, JSON,
 * percent-encoded once or twice), and `Authorization: Bearer` values. Recording URLs carry the user's access token.
 */
export const redact = (text: string) => text.replace(SECRET, '$1[redacted]');

/** Prints `what: <the error's message>` and `after` to the console, access tokens hidden. */
export function printFailure(what: string, error: unknown, after = ''): void {
  console.error(redact(`rc-call-logger: ${what}: ${messageOf(error)}${after}`));
}

/** Why a listener's answer was given up: it took longer than `response-timeout` (`ms`). */
export const noAnswerWithin = (ms: number) =>
  new DOMException(`no answer within ${ms} ms (response-timeout)`, 'TimeoutError');
