import { readRequestList } from '../../dialects/shared/envelope.ts';
import { checkDateWindow } from '../check-window.ts';
import { observe, type Observations } from '../observations.ts';
import type { Probe, ProbeClient } from './probe-client.ts';
import { recordFacts, type RecordFacts } from './record-facts.ts';

const dayMs = 86_400_000;
/** A window long before any GeoReport v2 server existed (Mark-a-Spot's own default start is 1970). */
const emptyWindow = { start: Date.UTC(1990, 0, 1), end: Date.UTC(1990, 0, 2) };
const pastTheEnd = '1000000';

/** `YYYY-MM-DDThh:mm:ssZ`: whole seconds and Z, the form every server reads (GEOREPORT §10.19). */
const w3c = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * The facts of a filtered answer; null (and a finding) when a spec-conformant filter value was refused. The requests
 * resource exists (the unfiltered call answered), so a 404 can only mean "no matches" (Mark-a-Spot).
 */
async function filtered(client: ProbeClient, params: Record<string, string>, observations: Observations): Promise<{ probe: Probe; facts: RecordFacts[] } | null> {
  const probe = await client.get('requests', params);
  if (probe.status === 404) {
    observe(observations, 'empty_list_not_found', `${probe.where}: HTTP 404 for a query without matches`);
    return { probe, facts: [] };
  }
  if (probe.status >= 400 || probe.body === null) {
    const asked = Object.entries(params).map(([k, v]) => `${k}=${v}`).join('&');
    observe(observations, 'filter_rejected', `${probe.where}: HTTP ${probe.status} for ${asked}${probe.problem ? ` (${probe.problem})` : ''}`);
    return null;
  }
  try {
    return { probe, facts: readRequestList({ body: probe.body }).map(recordFacts) };
  } catch (error) {
    observe(observations, 'filter_rejected', `${probe.where}: ${(error as Error).message}`);
    return null;
  }
}

/** Without dates the spec's window is the most recent 90 days: measured from the newest request returned, not the clock. */
export function checkDefaultWindow({ facts, where, observations }: { facts: readonly RecordFacts[]; where: string; observations: Observations }): void {
  const times = facts.filter((f) => f.requestedAt !== null);
  const newest = Math.max(...times.map((f) => f.requestedAt!));
  for (const fact of times) {
    if (fact.requestedAt! < newest - 90 * dayMs - dayMs - fact.slackMs) {
      observe(observations, 'filter_ignored_default_window', `${where}: request "${fact.id}" requested ${new Date(fact.requestedAt!).toISOString()}, newest ${new Date(newest).toISOString()}`);
    }
  }
}

/** A window inside the sample's span (so an ignored filter shows), then one where nothing can match. */
export async function probeDateWindows({ client, sample, observations }: { client: ProbeClient; sample: readonly RecordFacts[]; observations: Observations }): Promise<void> {
  const times = sample.map((f) => f.requestedAt).filter((t): t is number => t !== null).sort((a, b) => a - b);
  const windows = [emptyWindow];
  if (times.length >= 4) {
    const start = Math.floor(times[Math.floor(times.length / 4)]! / 1000) * 1000;
    // At most 90 days: servers may refuse longer ranges (the spec leaves it open).
    const end = Math.min(Math.ceil(times[Math.floor(times.length / 2)]! / 1000) * 1000, start + 90 * dayMs);
    if (end > start) windows.unshift({ start, end });
  }
  for (const window of windows) {
    const answer = await filtered(client, { start_date: w3c(window.start), end_date: w3c(window.end) }, observations);
    if (answer === null) continue;
    const requested = answer.facts.flatMap((f) => (f.requestedAt === null ? [] : [{ id: f.id ?? '?', at: f.requestedAt, slackMs: f.slackMs }]));
    checkDateWindow({ requested, window, where: answer.probe.where, observations });
  }
}

/** A sample of listed requests and the parameters (a date window, or none) it was listed with. */
interface Sampled {
  client: ProbeClient;
  sample: readonly RecordFacts[];
  within: Record<string, string>;
  observations: Observations;
}

/** status and service_code, each asked so that an ignored filter shows: the sample must hold both sides. */
export async function probeValueFilters({ client, sample, within, observations }: Sampled): Promise<void> {
  const statuses = new Set(sample.map((f) => f.status));
  if (statuses.has('open') || statuses.has('closed')) {
    const asked = statuses.has('closed') ? 'open' : 'closed';
    const other = asked === 'open' ? 'closed' : 'open';
    const answer = await filtered(client, { ...within, status: asked }, observations);
    const wrong = answer?.facts.filter((f) => f.status === other) ?? [];
    if (wrong.length > 0) observe(observations, 'filter_ignored_status', `${answer!.probe.where}: request "${wrong[0]!.id}" is ${other}`, wrong.length);
  }
  const codes = [...new Set(sample.map((f) => f.serviceCode).filter((c): c is string => c !== null))];
  if (codes.length >= 2) {
    const answer = await filtered(client, { ...within, service_code: codes[0]! }, observations);
    const wrong = answer?.facts.filter((f) => f.serviceCode !== null && f.serviceCode !== codes[0]) ?? [];
    if (wrong.length > 0) {
      observe(observations, 'filter_ignored_service_code', `${answer!.probe.where}: request "${wrong[0]!.id}" has service_code "${wrong[0]!.serviceCode}"`, wrong.length);
    }
  }
}

/**
 * Paging is an extension, so only a server that honours page_size is judged: page 2 must not repeat page 1 and a
 * page far past the end must be empty.
 */
export async function probePaging({ client, sample, within, observations }: Sampled): Promise<void> {
  if (sample.length < 5) return;
  const first = await filtered(client, { ...within, page: '1', page_size: '2' }, observations);
  if (first === null || first.facts.length === 0 || first.facts.length > 2) return;
  const firstIds = new Set(first.facts.map((f) => f.id));
  const second = await filtered(client, { ...within, page: '2', page_size: '2' }, observations);
  const repeated = second?.facts.filter((f) => firstIds.has(f.id)) ?? [];
  if (repeated.length > 0) observe(observations, 'paging_loops', `${second!.probe.where}: page 2 repeats request "${repeated[0]!.id}" of page 1`);
  const beyond = await filtered(client, { ...within, page: pastTheEnd, page_size: '2' }, observations);
  if (beyond !== null && beyond.facts.length > 0) {
    observe(observations, 'paging_loops', `${beyond.probe.where}: page ${pastTheEnd} still returns request "${beyond.facts[0]!.id}"`);
  }
}
