import type { Deps } from '../../pipelines/deps.ts';
import type { HarvestScheduler } from '../../pipelines/harvest/scheduler.ts';
import type { Store } from '../../pipelines/load/store.ts';
import type { ReadPool } from './read-pool.ts';

/** What route handlers reach: the store (with its read pool), the clock and logger, the harvest scheduler. */
export interface AppServices {
  store: Store;
  pool: ReadPool;
  deps: Deps;
  scheduler?: HarvestScheduler;
  admin: AdminActions | null;
  /** Rows per sorted slice of a streamed export (memory bound; tests make it small to cross slices). */
  exportSliceRows?: number;
}

/** Admin actions; null when FED311_ADMIN_TOKEN is unset (the routes answer 404). */
export interface AdminActions {
  token: string;
  /** Re-reads the registry, syncs `endpoints`, restarts the schedule; returns the number of endpoints. */
  reloadRegistry(): Promise<number>;
  trigger(endpointId: string): void;
}
