// What the simulated widget knows: its settings from the URL, its fixed numbers, and its mutable state, shared by
// the other modules through the `state` object (an importer cannot reassign an exported `let`).
import type { CallRecording, LogPage, MatchEntry } from '../../call-model.js';
import { uuid } from '../uuid.js';

export type Json = Record<string, unknown>;
export type Direction = 'Inbound' | 'Outbound';
export type Phase = 'Ringing' | 'CallConnected' | 'Ended';

export interface SimulatedCall {
  sessionId: string;
  telephonySessionId: string;
  partyId: string;
  direction: Direction;
  /** The other party. */
  contact: { phoneNumber: string; name: string };
  startTime: number;
  connectedAt?: number;
  endTime?: number;
  phase: Phase;
  /** The call-log record, once "synced". */
  record?: Json;
  recording?: CallRecording;
}

export const params = new URLSearchParams(location.search);
export const speed = Math.max(Number(params.get('speed')) || 1, 0.01);
export const bootDelay = Number(params.get('bootDelay') ?? 200);
export const SELF = { phoneNumber: '+16505550100', name: 'You (ext. 101)', extensionNumber: '101' };
export const TIMEOUT = { log: 15_000, match: 30_000, other: 3_000 };
/** How long each step of an autoplayed call takes, in ms at speed 1. */
export const STEP = { ring: 2500, talk: 3500, sync: 1500, recording: 2500 };
export const MATCH_TTL = 2 * 60 * 60 * 1000; // the widget asks again about a call only after 2 hours

export const state = {
  booted: false,
  loggedIn: params.get('loggedIn') !== 'false',
  service: null as Json | null,
  recordingWithToken: false,
  autoLog: null as boolean | null, // null until the call logger is ready (logged in and registered)
  logPage: null as LogPage | null,
  openLog: null as { sessionId: string; formData: Json } | null,
  alert: null as { id: string; message: string; level: string } | null,
};
export const calls: SimulatedCall[] = []; // newest first
export const matches = new Map<string, { entries: MatchEntry[]; at: number }>();
export const logQueues = new Map<string, Promise<unknown>>();
export const logsRunning = new Map<string, number>();
/** Sessions the widget knows only from raw requests sent by command: triggers for them are honoured. */
export const knownFromRequests = new Set<string>();
export const token = `SIMULATED-${uuid()}`;
