import type { Store } from '../../pipelines/load/store.ts';
import type { TruthRow } from './types.ts';


export interface TruthComparison {
  expected: number;
  stored: number;
  missing: string[];
  unexpected: string[];
  wrongStatus: string[];
  wrongRequestedAt: string[];
  wrongUpdatedAt: string[];
  duplicates: number;
  malformed: number;
  rejected: number;
}

/** Stored rows of one endpoint against the simulator's truth: same ids, statuses and timestamps, nothing twice. */
export async function compareWithTruth({ store, endpointId, truth }: { store: Store; endpointId: string; truth: readonly TruthRow[] }): Promise<TruthComparison> {
  const rows = await store.query<{ service_request_id: string; status: string; requested_at: string; updated_at: string | null }>(
    `SELECT service_request_id, status, requested_at, updated_at FROM service_requests WHERE endpoint_id = $1`,
    [endpointId],
  );
  const [{ n: rejected } = { n: 0 }] = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM rejected_records WHERE endpoint_id = $1`,
    [endpointId],
  );
  const stored = new Map(rows.map((row) => [row.service_request_id, row]));
  const wellFormed = truth.filter((t) => t.malformed === null);
  const expectedIds = new Set(wellFormed.map((t) => t.service_request_id));
  const result: TruthComparison = {
    expected: wellFormed.length,
    stored: rows.length,
    missing: [],
    unexpected: rows.map((r) => r.service_request_id).filter((id) => !expectedIds.has(id)),
    wrongStatus: [],
    wrongRequestedAt: [],
    wrongUpdatedAt: [],
    duplicates: rows.length - stored.size,
    malformed: truth.length - wellFormed.length,
    rejected,
  };
  for (const t of wellFormed) {
    const row = stored.get(t.service_request_id);
    if (!row) result.missing.push(t.service_request_id);
    else {
      if (row.status !== t.status) result.wrongStatus.push(`${t.service_request_id}: ${row.status} ≠ ${t.status}`);
      if (row.requested_at !== t.requested_at) result.wrongRequestedAt.push(`${t.service_request_id}: ${row.requested_at} ≠ ${t.requested_at}`);
      if (row.updated_at !== t.updated_at) result.wrongUpdatedAt.push(`${t.service_request_id}: ${row.updated_at} ≠ ${t.updated_at}`);
    }
  }
  return result;
}

/** A comparison with nothing wrong, for one readable assertion (the lists are cut to a few examples). */
export function summarizeComparison(c: TruthComparison) {
  const few = (list: string[]) => ({ count: list.length, examples: list.slice(0, 3) });
  return {
    expected: c.expected,
    stored: c.stored,
    missing: few(c.missing),
    unexpected: few(c.unexpected),
    wrongStatus: few(c.wrongStatus),
    wrongRequestedAt: few(c.wrongRequestedAt),
    wrongUpdatedAt: few(c.wrongUpdatedAt),
    duplicates: c.duplicates,
    rejectedMatchesMalformed: c.rejected === c.malformed,
  };
}
