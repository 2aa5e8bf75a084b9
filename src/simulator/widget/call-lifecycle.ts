// A call's life: Ringing → CallConnected → ended → `callLogSync` record → a later `callLogSync` with a recording
//, played by itself or step by step by button or command.
import { autoUpdate, callAppeared } from './call-logging.js';
import { addRecording, randomDigits, syncRecord } from './calls.js';
import { match } from './matcher.js';
import { render } from './render.js';
import { SELF, STEP, calls, speed, state, type Direction, type SimulatedCall } from './state.js';
import { post } from './wire.js';

const PEOPLE = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
];

interface NewCall {
  direction?: Direction;
  missed?: boolean;
  /** Plays the whole call by itself (default); otherwise answer/hang up/sync by command or button. */
  autoplay?: boolean;
  /** An ended call that synced while the widget was closed: never auto-logged. */
  past?: boolean;
  name?: string;
  phoneNumber?: string;
}

export function simulateCall({
  direction = 'Inbound',
  missed = false,
  autoplay = true,
  past = false,
  name,
  phoneNumber,
}: NewCall = {}) {
  const sessionId = randomDigits(11);
  const now = Date.now();
  const call: SimulatedCall = {
    sessionId,
    telephonySessionId: `s-a${randomDigits(8)}z${now.toString(16)}`,
    partyId: `p-${randomDigits(8)}`,
    direction,
    contact: {
      phoneNumber: phoneNumber ?? `+1650555${randomDigits(4)}`,
      name: name ?? PEOPLE[calls.length % PEOPLE.length],
    },
    startTime: past ? now - 60 * 60 * 1000 : now,
    phase: past ? 'Ended' : 'Ringing',
  };
  calls.unshift(call);
  if (past) {
    call.connectedAt = call.startTime + 5_000;
    call.endTime = call.connectedAt + 95_000;
    syncRecord(call);
    void match([sessionId]);
    if (state.booted) post({ type: 'rc-call-history-synced-notify' });
  } else {
    phoneNotice(call, direction === 'Inbound' ? 'ring' : 'init');
    void callAppeared(call);
    if (autoplay) void play(call, missed);
  }
  render();
  return call;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms / speed));

async function play(call: SimulatedCall, missed: boolean): Promise<void> {
  await wait(STEP.ring);
  if (!missed) {
    advance(call, 'answer');
    await wait(STEP.talk);
  }
  advance(call, 'hangup');
  await wait(STEP.sync);
  advance(call, 'sync');
  if (missed) return;
  await wait(STEP.recording);
  advance(call, 'record');
}

/** One step of a call's life, as a button or command makes it. */
export function advance(call: SimulatedCall, step: 'answer' | 'hangup' | 'sync' | 'record'): void {
  if (step === 'answer' && call.phase === 'Ringing') {
    call.phase = 'CallConnected';
    call.connectedAt = Date.now();
    phoneNotice(call, 'start');
    autoUpdate(call, 'presenceUpdate');
  } else if (step === 'hangup' && call.phase !== 'Ended') {
    call.phase = 'Ended';
    call.endTime = Date.now();
    phoneNotice(call, 'end');
    autoUpdate(call, 'presenceUpdate');
  } else if (step === 'sync' && call.phase === 'Ended' && !call.record) {
    syncRecord(call);
    autoUpdate(call, 'callLogSync');
    post({ type: 'rc-call-history-synced-notify' });
  } else if (step === 'record' && call.record && !call.recording && call.connectedAt) {
    addRecording(call);
    autoUpdate(call, 'callLogSync');
  }
  render();
}

/**
 * What the web phone tells the page about its call: `rc-call-{ring,init,start,end}-notify` with the web
 * phone's session, whose `id` is its own (not the call's `sessionId`); the telephony session is in `partyData`.
 */
function phoneNotice(call: SimulatedCall, what: 'ring' | 'init' | 'start' | 'end'): void {
  if (!state.booted) return;
  const [from, to] = call.direction === 'Inbound' ? [call.contact, SELF] : [SELF, call.contact];
  post({
    type: `rc-call-${what}-notify`,
    call: {
      id: `webphone-${call.partyId}`,
      direction: call.direction,
      callStatus: call.connectedAt ? 'webphone-session-connected' : 'webphone-session-connecting',
      from: from.phoneNumber,
      fromUserName: from.name,
      to: to.phoneNumber,
      toUserName: to.name,
      startTime: call.connectedAt ?? null,
      creationTime: call.startTime,
      partyData: { sessionId: call.telephonySessionId, partyId: call.partyId },
      ...(what === 'end' ? { endTime: call.endTime } : {}),
    },
  });
}
