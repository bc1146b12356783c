import type { Store } from '../../../pipelines/load/store.ts';

export interface SeedRequest {
  id: string;
  endpoint?: string;
  category?: string;
  service_code?: string | null;
  district?: string | null;
  requested: string;
  closed?: string | null;
  /** Defaults to closed when `closed` is given. */
  status?: 'open' | 'closed';
  source?: 'event' | 'observed' | 'updated_datetime' | null;
  detailed_status?: string | null;
  expected?: string | null;
  updated?: string | null;
  lat?: number | null;
  lon?: number | null;
  duplicate?: boolean;
  /** last_seen_at; default 2026-06-01. */
  seen?: string;
}

const columns = [
  'endpoint_id', 'service_request_id', 'status', 'detailed_status', 'service_code', 'category', 'requested_at', 'updated_at',
  'expected_at', 'closed_at', 'closed_at_source', 'lat', 'lon', 'district', 'is_duplicate', 'media_urls', 'quality_flags',
  'content_hash', 'first_seen_at', 'last_seen_at',
];

/** Writes hand-made canonical requests in one INSERT (replacing rows with the same endpoint and id). */
export async function seedRequests(store: Store, requests: SeedRequest[]): Promise<void> {
  const params: (string | number | boolean | null)[] = [];
  const tuples = requests.map((r) => {
    const status = r.status ?? (r.closed ? 'closed' : 'open');
    const seen = r.seen ?? '2026-06-01T00:00:00Z';
    const values = [
      r.endpoint ?? 'a', r.id, status, r.detailed_status ?? null, r.service_code ?? 'S1', r.category ?? 'pothole', r.requested,
      r.updated ?? null, r.expected ?? null, r.closed ?? null, r.closed ? (r.source === undefined ? 'event' : r.source) : null,
      r.lat ?? null, r.lon ?? null, r.district ?? null, r.duplicate ?? false,
    ];
    const start = params.length;
    params.push(...values, `${r.id}-${status}-${r.closed ?? ''}`, seen, seen);
    const p = (i: number) => `$${start + i + 1}`;
    return `(${values.map((_, i) => p(i)).join(', ')}, [], [], ${p(values.length)}, ${p(values.length + 1)}::TIMESTAMPTZ, ${p(values.length + 2)}::TIMESTAMPTZ)`;
  });
  await store.transaction(async (connection) => {
    const keys = requests.map((r) => `('${r.endpoint ?? 'a'}', '${r.id}')`).join(', ');
    await connection.run(`DELETE FROM service_requests WHERE (endpoint_id, service_request_id) IN (${keys})`);
    await connection.run(`INSERT INTO service_requests (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  });
}

/** Status history rows for reopen detection. */
export async function seedEvents(store: Store, events: { id: string; endpoint?: string; at: string; status: 'open' | 'closed'; updated?: string }[]): Promise<void> {
  const params = events.flatMap((e) => [e.endpoint ?? 'a', e.id, e.at, e.status, e.updated ?? null]);
  const tuples = events.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}::TIMESTAMPTZ, $${i * 5 + 4}, 'harvest', $${i * 5 + 5}::TIMESTAMPTZ)`);
  await store.transaction((connection) =>
    connection.run(`INSERT INTO request_events (endpoint_id, service_request_id, observed_at, status, source, updated_at) VALUES ${tuples.join(', ')}`, params),
  );
}

/** An ISO instant `hours` after `start`. */
export function hoursAfter(start: string, hours: number): string {
  return new Date(Date.parse(start) + hours * 3_600_000).toISOString();
}
