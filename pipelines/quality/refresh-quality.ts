import { readFileSync } from 'node:fs';
import type { Store } from '../load/store.ts';

const refreshSql = readFileSync(new URL('./refresh-quality.sql', import.meta.url), 'utf8');

/** One endpoint_quality row for the endpoint as stored now (after a harvest run). */
export async function refreshQuality({ store, endpointId, runId, now }: { store: Store; endpointId: string; runId: number | null; now: Date }): Promise<void> {
  await store.transaction((connection) => connection.run(refreshSql, [endpointId, now.toISOString(), runId]));
}

export interface EndpointQuality {
  endpoint_id: string;
  computed_at: string;
  run_id: number | null;
  requests: number;
  missing_location: number | null;
  zero_coordinates: number | null;
  invalid_coordinates: number | null;
  out_of_box: number | null;
  swapped_coordinates: number | null;
  unparseable_timestamps: number | null;
  future_timestamps: number | null;
  closed: number;
  negative_durations: number;
  fast_closes: number;
  rejected_records: number;
  uncategorized: number | null;
}

/** The newest quality row of an endpoint. */
export async function latestQuality({ store, endpointId }: { store: Store; endpointId: string }): Promise<EndpointQuality | undefined> {
  const [row] = await store.query<EndpointQuality>(
    `SELECT * FROM endpoint_quality WHERE endpoint_id = $1 ORDER BY computed_at DESC, run_id DESC NULLS LAST LIMIT 1`,
    [endpointId],
  );
  return row;
}
