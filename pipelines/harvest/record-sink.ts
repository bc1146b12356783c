import { loadStaged, type LoadCounts } from '../load/load-batch.ts';
import type { StatePatch } from '../load/harvest-state.ts';
import { StagedBatch } from '../load/staged-batch.ts';
import type { Store } from '../load/store.ts';
import type { Logger } from 'pino';
import type { Endpoint } from '../registry/types.ts';
import type { PageResult } from './read-page.ts';

/**
 * Collects read pages and loads them in batches. A cursor move waits for the next batch and commits in its
 * transaction: a cursor is never stored without every row it covers. A full batch loads in the background while
 * fetching goes on; batches load one at a time and in order, so cursors commit in order too.
 */
export interface RecordSink {
  addPage(page: PageResult): Promise<void>;
  /** Records a cursor move that the rows added so far justify; it is committed with the next batch. */
  progress(state: StatePatch): Promise<void>;
  /** Loads what is buffered now, with any pending cursor move, and waits until every batch is stored. */
  flush(): Promise<void>;
  /** Newest requested_at / updated_at among records added since the last `resetWatermarks`. */
  watermarks(): { maxRequestedAt: string | null; maxUpdatedAt: string | null };
  resetWatermarks(): void;
  /** ids loaded during this run (kept only with `trackSeen`: re-polls need them, a backfill of millions does not). */
  seenIds: Set<string>;
  totals: LoadCounts & { seen: number };
}

export function createRecordSink({
  store,
  endpoint,
  runId,
  now,
  batchSize,
  logger,
  trackSeen,
}: {
  store: Store;
  endpoint: Endpoint;
  runId: number;
  now: () => Date;
  batchSize: number;
  logger: Logger;
  trackSeen: boolean;
}): RecordSink {
  let batch = new StagedBatch();
  let pending: StatePatch | undefined;
  let maxRequestedAt: string | null = null;
  let maxUpdatedAt: string | null = null;
  const seenIds = new Set<string>();
  const totals = { seen: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, events: 0 };
  let loading: Promise<void> = Promise.resolve();

  async function load(staged: StagedBatch, state: StatePatch | undefined): Promise<void> {
    const counts = await loadStaged({ store, endpointId: endpoint.id, batch: staged, state, runId, now: now() });
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
    totals.rejected += counts.rejected;
    totals.events += counts.events;
    logger.debug({ endpoint: endpoint.id, inserted: counts.inserted, updated: counts.updated, cursor: state ?? null }, 'batch stored');
  }

  /** Starts loading the buffer once the previous batch is stored (a failed load surfaces here or in flush). */
  async function startLoad(): Promise<void> {
    await loading;
    if (batch.size === 0 && !pending) return;
    const [staged, state] = [batch, pending];
    batch = new StagedBatch();
    pending = undefined;
    loading = load(staged, state);
    // Keep an unobserved failure from crashing the process; it is rethrown by the next startLoad or flush.
    loading.catch(() => undefined);
  }

  async function flush(): Promise<void> {
    await startLoad();
    await loading;
  }

  const full = () => batch.size >= batchSize;

  return {
    seenIds,
    totals,
    addPage: async (page) => {
      totals.seen += page.count;
      for (const row of page.rows) {
        batch.addRow(row);
        if (trackSeen) seenIds.add(row.id);
        if (maxRequestedAt === null || row.requestedAt > maxRequestedAt) maxRequestedAt = row.requestedAt;
        if (row.updatedAt && (maxUpdatedAt === null || row.updatedAt > maxUpdatedAt)) maxUpdatedAt = row.updatedAt;
      }
      for (const rejected of page.rejected) batch.addRejected(rejected);
      if (full()) await startLoad();
    },
    progress: async (state) => {
      pending = { ...pending, ...state };
      if (full()) await startLoad();
    },
    flush,
    watermarks: () => ({ maxRequestedAt, maxUpdatedAt }),
    resetWatermarks: () => {
      maxRequestedAt = null;
      maxUpdatedAt = null;
    },
  };
}
