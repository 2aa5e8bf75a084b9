// The integrator's own service, as the framework snippets beside this file use it.
import type { Call, CallMatchAnswer } from 'rc-call-logger';

export declare const crm: {
  saveCall(call: Call): Promise<{ id: string }>;
  findLogs(sessionIds: readonly string[]): Promise<CallMatchAnswer>;
};
