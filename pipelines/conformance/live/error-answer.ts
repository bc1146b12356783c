import type { ParsedBody } from '../../parse/types.ts';
import { asList, isRecord } from '../../dialects/shared/values.ts';
import { observe, type Observations } from '../observations.ts';
import type { Probe } from './probe-client.ts';

const hasCodeAndDescription = (item: unknown) => isRecord(item) && 'code' in item && 'description' in item;

/** True for the spec's error list: JSON `[{"code":…,"description":…}]`, XML `<errors><error><code/><description/></error></errors>`. */
export function isSpecErrorBody(body: ParsedBody | null): boolean {
  if (body === null) return false;
  if (body.kind === 'xml') {
    if (body.root !== 'errors' || !isRecord(body.value)) return false;
    const errors = asList(body.value, 'error');
    return errors.length > 0 && errors.every(hasCodeAndDescription);
  }
  return Array.isArray(body.value) && body.value.length > 0 && body.value.every(hasCodeAndDescription);
}

/** A list answer (of requests): not an error. */
function isList(body: ParsedBody | null): boolean {
  if (body === null) return false;
  return body.kind === 'xml' ? body.root === 'service_requests' : Array.isArray(body.value) && !isSpecErrorBody(body);
}

function snippet(probe: Probe): string {
  return Buffer.from(probe.bytes.subarray(0, 120)).toString('utf8').replace(/\s+/g, ' ').trim();
}

/**
 * Judges an answer that should be an error: the HTTP status the spec names and the spec's error list. `listIsFine`:
 * a server may answer this probe with data instead (a lenient reading of a bad parameter), which is not judged.
 */
export function judgeErrorAnswer({ probe, expectedStatus, listIsFine, observations }: {
  probe: Probe;
  expectedStatus: 400 | 404;
  listIsFine: boolean;
  observations: Observations;
}): void {
  if (probe.status === 0) return;
  const ok = probe.status >= 200 && probe.status < 300;
  if (ok && isList(probe.body)) {
    if (!listIsFine) observe(observations, 'error_status', `${probe.where}: HTTP ${probe.status} with a list, expected ${expectedStatus}`);
    return;
  }
  if (probe.status !== expectedStatus) observe(observations, 'error_status', `${probe.where}: HTTP ${probe.status}, expected ${expectedStatus}`);
  if (!isSpecErrorBody(probe.body)) observe(observations, 'error_format', `${probe.where}: HTTP ${probe.status} ${JSON.stringify(snippet(probe))}`);
}
