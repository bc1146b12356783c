import type { Dialect } from '../dialects/types.ts';
import { loadBatch, type LoadCounts } from '../load/load-batch.ts';
import type { StatePatch } from '../load/harvest-state.ts';
import type { Store } from '../load/store.ts';
import { normalizeRequest } from '../normalize/index.ts';
import type { CanonicalRequest, RejectedRecord } from '../normalize/types.ts';
import type { Endpoint } from '../registry/types.ts';

/**
 * Normalizes raw records as they arrive and loads them in batches. Cursor moves go in with a flush, so a
 * cursor is committed together with every row it covers.
 */
export interface RecordSink {
  add(raws: readonly unknown[]): Promise<void>;
  flush(state?: StatePatch): Promise<void>;
  /** Newest requested_at / updated_at among records added since the last `resetWatermarks`. */
  watermarks(): { maxRequestedAt: string | null; maxUpdatedAt: string | null };
  resetWatermarks(): void;
  /** ids loaded during this run. */
  seenIds: Set<string>;
  totals: LoadCounts & { seen: number };
}

export function createRecordSink({
  store,
  endpoint,
  dialect,
  serviceNames,
  runId,
  now,
  batchSize,
}: {
  store: Store;
  endpoint: Endpoint;
  dialect: Dialect;
  serviceNames: Map<string, string>;
  runId: number;
  now: () => Date;
  batchSize: number;
}): RecordSink {
  let requests: CanonicalRequest[] = [];
  let rejected: RejectedRecord[] = [];
  let maxRequestedAt: string | null = null;
  let maxUpdatedAt: string | null = null;
  const seenIds = new Set<string>();
  const totals = { seen: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, events: 0 };

  async function flush(state?: StatePatch): Promise<void> {
    if (requests.length === 0 && rejected.length === 0 && !state) return;
    const batch = { requests, rejected };
    requests = [];
    rejected = [];
    const counts = await loadBatch({ store, endpointId: endpoint.id, ...batch, runId, now: now(), state });
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
    totals.rejected += counts.rejected;
    totals.events += counts.events;
  }

  return {
    seenIds,
    totals,
    add: async (raws) => {
      for (const raw of raws) {
        totals.seen++;
        const result = normalizeRequest({ wire: dialect.toWire(raw), endpoint, serviceNames });
        if (!result.ok) {
          rejected.push(result.rejected);
          continue;
        }
        const request = result.request;
        requests.push(request);
        seenIds.add(request.service_request_id);
        if (maxRequestedAt === null || request.requested_at > maxRequestedAt) maxRequestedAt = request.requested_at;
        if (request.updated_at && (maxUpdatedAt === null || request.updated_at > maxUpdatedAt)) maxUpdatedAt = request.updated_at;
      }
      if (requests.length + rejected.length >= batchSize) await flush();
    },
    flush,
    watermarks: () => ({ maxRequestedAt, maxUpdatedAt }),
    resetWatermarks: () => {
      maxRequestedAt = null;
      maxUpdatedAt = null;
    },
  };
}
