import { readFileSync } from 'node:fs';
import { getDialect } from '../../../pipelines/dialects/index.ts';
import { normalizeRequest } from '../../../pipelines/normalize/index.ts';
import type { CanonicalRequest, RejectedRecord } from '../../../pipelines/normalize/types.ts';
import { parseBody } from '../../../pipelines/parse/index.ts';
import type { Endpoint } from '../../../pipelines/registry/types.ts';

const FIXTURES = new URL('../../fixtures/open311/', import.meta.url);

export function fixtureBytes(path: string): Uint8Array {
  return readFileSync(new URL(path, FIXTURES));
}

export function fixtureJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
}

/** A recorded body through the whole read path: parseBody → the endpoint's dialect → normalizeRequest. */
export function runFixture({ path, endpoint, serviceNames }: { path: string; endpoint: Endpoint; serviceNames?: Map<string, string> }): {
  records: unknown[];
  canonical: CanonicalRequest[];
  rejected: RejectedRecord[];
} {
  const dialect = getDialect(endpoint.dialect);
  const body = parseBody({ bytes: fixtureBytes(path), contentType: null, expected: endpoint.format });
  const records = dialect.readRequests(body);
  const canonical: CanonicalRequest[] = [];
  const rejected: RejectedRecord[] = [];
  for (const raw of records) {
    const result = normalizeRequest({ wire: dialect.toWire(raw), endpoint, serviceNames });
    if (result.ok) canonical.push(result.request);
    else rejected.push(result.rejected);
  }
  return { records, canonical, rejected };
}

export function byId(rows: CanonicalRequest[], id: string): CanonicalRequest {
  const row = rows.find((candidate) => candidate.service_request_id === id);
  if (!row) throw new Error(`no canonical row ${id}`);
  return row;
}

/** Counts of each quality flag over all rows. */
export function flagCounts(rows: CanonicalRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) for (const flag of row.quality_flags) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}
