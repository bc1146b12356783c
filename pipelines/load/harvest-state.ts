import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from './store.ts';

/** Per-endpoint cursors (CONTRACT §2 harvest_state). Timestamps as ISO strings. */
export interface HarvestState {
  endpoint_id: string;
  backfill_from: string;
  backfill_until: string | null;
  backfill_complete: boolean;
  max_requested_at: string | null;
  updated_cursor: string | null;
  window_seconds: number | null;
  last_run_id: number | null;
  last_success_at: string | null;
  services_fetched_at: string | null;
  /** Box learned from the endpoint's own coordinates (used when the registry has none). */
  learned_bbox: [number, number, number, number] | null;
}

export type StatePatch = Partial<Omit<HarvestState, 'endpoint_id' | 'learned_bbox'>>;

const timestampKeys = new Set(['backfill_from', 'backfill_until', 'max_requested_at', 'updated_cursor', 'last_success_at', 'services_fetched_at']);
const monotonicKeys = new Set(['max_requested_at', 'updated_cursor']);
const patchKeys = [
  'backfill_from', 'backfill_until', 'backfill_complete', 'max_requested_at', 'updated_cursor', 'window_seconds',
  'last_run_id', 'last_success_at', 'services_fetched_at',
] as const;

export async function ensureState({ store, endpointId, backfillFrom }: { store: Store; endpointId: string; backfillFrom: Date }): Promise<HarvestState> {
  await store.transaction((connection) =>
    connection.run(
      `INSERT INTO harvest_state (endpoint_id, backfill_from) VALUES ($1, $2::TIMESTAMPTZ) ON CONFLICT DO NOTHING`,
      [endpointId, backfillFrom.toISOString()],
    ),
  );
  return (await readState({ store, endpointId }))!;
}

/** Sets only the fields given; watermarks (`max_requested_at`, `updated_cursor`) only ever move forward. */
export async function applyStatePatch({
  connection,
  endpointId,
  patch,
}: {
  connection: DuckDBConnection;
  endpointId: string;
  patch: StatePatch;
}): Promise<void> {
  const sets: string[] = [];
  const params: (string | number | boolean | null)[] = [endpointId];
  for (const key of patchKeys) {
    if (!(key in patch)) continue;
    params.push((patch[key] ?? null) as string | number | boolean | null);
    const ref = timestampKeys.has(key) ? `$${params.length}::TIMESTAMPTZ` : `$${params.length}`;
    sets.push(monotonicKeys.has(key) ? `${key} = greatest(coalesce(${key}, ${ref}), ${ref})` : `${key} = ${ref}`);
  }
  if (sets.length === 0) return;
  await connection.run(`UPDATE harvest_state SET ${sets.join(', ')} WHERE endpoint_id = $1`, params);
}

export async function updateState({ store, endpointId, patch }: { store: Store; endpointId: string; patch: StatePatch }): Promise<void> {
  await store.transaction((connection) => applyStatePatch({ connection, endpointId, patch }));
}

export async function readState({ store, endpointId }: { store: Store; endpointId: string }): Promise<HarvestState | undefined> {
  const [state] = await store.query<HarvestState>(`SELECT * FROM harvest_state WHERE endpoint_id = $1`, [endpointId]);
  return state;
}
