// The simulated calls as data: finding them, what the matcher said about them, their call-log records and
// recordings, and how the widget describes a call to the page.
import type { CallRecording } from '../../call-model.js';
import { SELF, calls, matches, state, token, type Json, type SimulatedCall } from './state.js';

export const find = (sessionId: unknown) => calls.find((call) => call.sessionId === sessionId);
export const entriesOf = (sessionId: string) => matches.get(sessionId)?.entries ?? [];
export const isLogged = (sessionId: string) => entriesOf(sessionId).some((entry) => entry?.type !== 'status');
export const statusOf = (sessionId: string) =>
  entriesOf(sessionId).find((entry) => entry?.type === 'status') as { status?: string; message?: string } | undefined;
const seconds = (from: number, to = Date.now()) => Math.max(0, Math.round((to - from) / 1000));
export const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

function parties(call: SimulatedCall, full: boolean) {
  const self = full ? SELF : { phoneNumber: SELF.phoneNumber };
  const other = full ? call.contact : { phoneNumber: call.contact.phoneNumber };
  return call.direction === 'Inbound'
    ? { from: other, to: self, fromName: call.contact.name, toName: SELF.name }
    : { from: self, to: other, fromName: SELF.name, toName: call.contact.name };
}

/** `body.call` as the widget sends it: the call-log record once synced, else the active call. */
export function describe(call: SimulatedCall): Json {
  const echoed = { activityMatches: entriesOf(call.sessionId), fromMatches: [], toMatches: [] };
  if (call.record)
    return { ...call.record, ...(call.recording ? { recording: shareRecording(call.recording) } : {}), ...echoed };
  const ended = call.phase === 'Ended';
  const telephonyStatus = ended ? 'NoCall' : call.phase;
  return {
    id: call.sessionId,
    sessionId: call.sessionId,
    telephonySessionId: call.telephonySessionId,
    partyId: call.partyId,
    direction: call.direction,
    ...parties(call, false),
    startTime: call.startTime,
    duration: seconds(call.connectedAt ?? call.startTime, call.endTime),
    telephonyStatus,
    result: ended ? 'Disconnected' : telephonyStatus,
    ...(ended ? { isRecording: false } : {}),
    ...echoed,
  };
}

/** The widget's rewrite of a recording before it leaves the frame. */
function shareRecording(recording: CallRecording): CallRecording {
  const media = recording.contentUri ?? '';
  const bare = media.split('?')[0];
  return {
    ...recording,
    link: `https://ringcentral.github.io/ringcentral-media-reader/?media=${encodeURIComponent(media)}`,
    contentUri: state.recordingWithToken ? `${bare}?access_token=${token}` : bare,
  };
}

export function syncRecord(call: SimulatedCall): void {
  const missed = !call.connectedAt;
  call.record = {
    id: `record-${call.sessionId}`,
    sessionId: call.sessionId,
    telephonySessionId: call.telephonySessionId,
    partyId: call.partyId,
    startTime: call.startTime,
    duration: missed ? 0 : seconds(call.connectedAt!, call.endTime),
    type: 'Voice',
    direction: call.direction,
    action: call.direction === 'Inbound' ? 'Phone Call' : 'VoIP Call',
    result: missed ? 'Missed' : 'Call connected',
    ...parties(call, true),
    internalType: 'Local',
    transport: 'PSTN',
    lastModifiedTime: new Date().toISOString(),
  };
}

export function addRecording(call: SimulatedCall): void {
  const id = randomDigits(10);
  call.recording = {
    id,
    uri: `https://platform.ringcentral.com/restapi/v1.0/account/~/recording/${id}`,
    type: 'Automatic',
    contentUri: `https://media.ringcentral.com/restapi/v1.0/account/~/recording/${id}/content`,
  };
}
