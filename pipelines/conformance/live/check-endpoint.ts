import type { Deps } from '../../deps.ts';
import { isConformant, toFindings, type Finding, type Observations } from '../observations.ts';
import { createProbeClient, type ProbeClient } from './probe-client.ts';
import { checkDefaultWindow, probeDateWindows, probePaging, probeValueFilters } from './probe-filters.ts';
import { probeDiscovery, probeServices } from './probe-meta.ts';
import { probeErrors, probeRequestList, probeSingleRequest, probeWideSample } from './probe-requests.ts';

export interface CheckReport {
  url: string;
  format: 'json' | 'xml';
  jurisdiction_id: string | null;
  /** No error-level finding. */
  conformant: boolean;
  counts: { error: number; warning: number; info: number };
  findings: Finding[];
  calls: ProbeClient['calls'];
}

/**
 * `fed311 check`: a live endpoint against GeoReport v2, with the harvest's own checks plus probes a harvest does
 * not make (filters, single request, errors, paging). About fifteen calls, one at a time.
 */
export async function checkEndpoint({ url, format, jurisdictionId, deps, timeoutSeconds = 20 }: {
  url: string;
  format: 'json' | 'xml';
  jurisdictionId?: string;
  deps: Deps;
  timeoutSeconds?: number;
}): Promise<CheckReport> {
  const client = createProbeClient({ baseUrl: url, format, jurisdictionId, deps, timeoutSeconds });
  const observations: Observations = {};
  const list = await probeRequestList({ client, observations });
  await probeDiscovery({ client, observations });
  await probeServices({ client, observations });
  if (list !== null) {
    checkDefaultWindow({ facts: list.facts, where: list.where, observations });
    // The value filters and paging are asked within the window the sample came from.
    const { facts: sample, within } = list.facts.length > 0 ? { facts: list.facts, within: {} } : await probeWideSample({ client, now: deps.now(), observations });
    await probeDateWindows({ client, sample, observations });
    await probeValueFilters({ client, sample, within, observations });
    const id = sample.find((f) => f.id !== null)?.id;
    if (id) await probeSingleRequest({ client, id, observations });
    await probePaging({ client, sample, within, observations });
  }
  await probeErrors({ client, observations });
  const findings = toFindings(observations);
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return {
    url: client.base.toString(),
    format,
    jurisdiction_id: jurisdictionId ?? null,
    conformant: isConformant(findings),
    counts: { error: count('error'), warning: count('warning'), info: count('info') },
    findings,
    calls: client.calls,
  };
}
