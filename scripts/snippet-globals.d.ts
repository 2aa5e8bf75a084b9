// The free names the README's and docs' snippets share, declared once so that every snippet type-checks on its
// own (test/node/snippets.test.mjs). One CRM interface for all of them: a snippet that calls it differently fails.
type Call = import('rc-call-logger').Call;
type CallMatchAnswer = import('rc-call-logger').CallMatchAnswer;

/** The integrator's own service. */
interface Crm {
  /** Creates or updates the log of a call (upsert by `call.sessionId`). */
  saveCall(call: Call): Promise<{ id: string }>;
  /** The logs of these calls, as the widget's matcher wants them. */
  findLogs(sessionIds: readonly string[]): Promise<CallMatchAnswer>;
}
declare const crm: Crm;
declare const logger: import('rc-call-logger').RcCallLoggerElement;
declare const sessionId: string;
declare function showSetupHint(message: string): void;
