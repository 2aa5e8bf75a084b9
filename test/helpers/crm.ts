/**
 * The reference CRM server (examples/crm-server.mjs) as web-test-runner.config.mjs mounts it: one store per
 * namespace under `/crm/{namespace}/`, on the test page's own origin. Each `CrmEndpoint` takes a fresh random
 * namespace, so a test sees only the calls its own element sent, whatever runs beside it.
 */

import type { Call } from '../../src/index.js';

/** A stored call, as the reference server keeps it. */
export interface CrmRecord {
  id: string;
  sessionId: string;
  call: Call;
  triggerType?: string;
  note?: string;
  formData?: Record<string, unknown>;
  /** How many PUTs were stored for this call. */
  writes: number;
  createdAt: string;
  updatedAt: string;
}

/** A log PUT as it arrived, with the status it was answered (0: the connection was dropped). */
export interface CrmPut {
  sessionId?: string;
  triggerType?: string;
  attempt?: number;
  status: number;
}

/** Test-only settings of a namespace (only the given ones change). */
export interface CrmControl {
  /** The next `failNext` log PUTs answer `status` and are not stored. */
  failNext?: number;
  /** Default 503; 0 drops the connection, which the page sees as a network error. */
  status?: number;
  /** Turns the CSRF check on: PUT and POST then need this `X-CSRF-Token`. */
  csrfToken?: string;
  /** Holds every API answer this long. */
  delayMs?: number;
  /** The one other origin allowed by CORS, with credentials (e.g. `WIDGET_ORIGIN`). */
  allowOrigin?: string;
}

export class CrmEndpoint {
  /** `/crm/<namespace>`, same-origin; `${origin}${base}` reaches the same store from another origin. */
  readonly base: string;
  /** For `log-url`: the element PUTs to `${logUrl}/${encodeURIComponent(sessionId)}`. */
  readonly logUrl: string;
  /** For `match-url`. */
  readonly matchUrl: string;

  private constructor(namespace: string) {
    this.base = `/crm/${namespace}`;
    this.logUrl = `${this.base}/calls`;
    this.matchUrl = `${this.base}/calls/match`;
  }

  /** The store a page names itself (a static test page's fixed `log-url`); shared with whatever else uses it. */
  static named(namespace: string): CrmEndpoint {
    return new CrmEndpoint(namespace);
  }

  /** A namespace of its own, created on the server before this resolves. */
  static async create(): Promise<CrmEndpoint> {
    const endpoint = new CrmEndpoint(`t${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`);
    await endpoint.control({});
    return endpoint;
  }

  async control(settings: CrmControl): Promise<void> {
    const response = await fetch(`${this.base}/_control`, { method: 'POST', body: JSON.stringify(settings) });
    if (!response.ok) throw new Error(`CRM control answered ${response.status}`);
  }

  /** The next `count` log PUTs answer `status` (503 unless given; 0 = a network error) and store nothing. */
  failNext(count: number, status = 503): Promise<void> {
    return this.control({ failNext: count, status });
  }

  async records(): Promise<CrmRecord[]> {
    return (await this.state()).records;
  }

  /** Every log PUT received, in order. */
  async puts(): Promise<CrmPut[]> {
    return (await this.state()).puts;
  }

  private async state(): Promise<{ records: CrmRecord[]; puts: CrmPut[] }> {
    const response = await fetch(`${this.base}/_records`);
    return (await response.json()) as { records: CrmRecord[]; puts: CrmPut[] };
  }
}
