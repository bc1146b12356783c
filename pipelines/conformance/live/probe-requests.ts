import { readRequestList } from '../../dialects/shared/envelope.ts';
import { checkListAnswer } from '../check-answer.ts';
import { checkContentType, envelopeDeviation } from '../check-envelope.ts';
import { observe, type Observations } from '../observations.ts';
import { judgeErrorAnswer } from './error-answer.ts';
import type { ProbeClient } from './probe-client.ts';
import { recordFacts, type RecordFacts } from './record-facts.ts';

const unknownId = 'fed311-check-no-such-request';

/** GET requests without filters: every per-record check on its answer. Null (and a finding) when there is no list. */
export async function probeRequestList({ client, observations }: { client: ProbeClient; observations: Observations }): Promise<{ where: string; facts: RecordFacts[] } | null> {
  const probe = await client.get('requests');
  if (probe.status === 0) throw new Error(`cannot reach ${client.base}: ${probe.problem}`);
  // The spec's answer to a missing jurisdiction_id on a multi-jurisdiction endpoint: not the server's fault.
  if (probe.status === 400 && client.jurisdictionId === null) {
    const said = Buffer.from(probe.bytes.subarray(0, 200)).toString('utf8').replace(/\s+/g, ' ').trim();
    throw new Error(`${probe.where} answered HTTP 400 (${said}): a multi-jurisdiction endpoint needs --jurisdiction-id`);
  }
  if (probe.status !== 200 || probe.body === null) {
    observe(observations, 'requests_unavailable', `${probe.where}: HTTP ${probe.status}${probe.problem ? ` (${probe.problem})` : ''}`);
    return null;
  }
  let items: unknown[];
  try {
    items = readRequestList({ body: probe.body });
  } catch (error) {
    observe(observations, 'requests_unavailable', `${probe.where}: ${(error as Error).message}`);
    return null;
  }
  checkListAnswer({ answer: { status: probe.status, contentType: probe.contentType, bytes: probe.bytes, body: probe.body, items, where: probe.where }, list: 'requests', observations });
  return { where: probe.where, facts: items.map(recordFacts) };
}

/**
 * When the default 90-day window is empty (a quiet or historical endpoint), one wide window from 2000 to now gives
 * the filter probes a sample. Its refusal is not judged: the spec lets servers refuse ranges over 90 days.
 */
export async function probeWideSample({ client, now, observations }: { client: ProbeClient; now: Date; observations: Observations }): Promise<{ facts: RecordFacts[]; within: Record<string, string> }> {
  const within = { start_date: '2000-01-01T00:00:00Z', end_date: `${now.toISOString().slice(0, 19)}Z` };
  const probe = await client.get('requests', within);
  if (probe.status !== 200 || probe.body === null) return { facts: [], within: {} };
  try {
    const items = readRequestList({ body: probe.body });
    checkListAnswer({ answer: { status: probe.status, contentType: probe.contentType, bytes: probe.bytes, body: probe.body, items, where: probe.where }, list: 'requests', observations });
    return { facts: items.map(recordFacts), within };
  } catch {
    return { facts: [], within: {} };
  }
}

/** GET requests/{id} for an id the list returned: the list envelope with exactly that one request. */
export async function probeSingleRequest({ client, id, observations }: { client: ProbeClient; id: string; observations: Observations }): Promise<void> {
  const probe = await client.get(`requests/${encodeURIComponent(id)}`);
  if (probe.status !== 200 || probe.body === null) {
    observe(observations, 'single_request_mismatch', `${probe.where}: HTTP ${probe.status} for an id the list returned`);
    return;
  }
  checkContentType({ contentType: probe.contentType, kind: probe.body.kind, check: 'wrong_content_type', where: probe.where, observations });
  const deviation = envelopeDeviation({ body: probe.body, list: 'requests' });
  if (deviation !== null) observe(observations, 'envelope_deviation', `${probe.where}: ${deviation}`);
  let ids: (string | null)[];
  try {
    ids = readRequestList({ body: probe.body }).map((item) => recordFacts(item).id);
  } catch (error) {
    observe(observations, 'single_request_mismatch', `${probe.where}: ${(error as Error).message}`);
    return;
  }
  if (ids.length !== 1 || ids[0] !== id) observe(observations, 'single_request_mismatch', `${probe.where}: answered ${ids.length} request(s) (${ids.slice(0, 3).join(', ')})`);
}

/** An id that does not exist (404) and a date that cannot be read (400): both in the spec's error format. */
export async function probeErrors({ client, observations }: { client: ProbeClient; observations: Observations }): Promise<void> {
  const missing = await client.get(`requests/${unknownId}`);
  judgeErrorAnswer({ probe: missing, expectedStatus: 404, listIsFine: false, observations });
  const badDate = await client.get('requests', { start_date: 'not-a-date' });
  judgeErrorAnswer({ probe: badDate, expectedStatus: 400, listIsFine: true, observations });
}
