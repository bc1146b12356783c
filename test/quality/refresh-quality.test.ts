import { afterEach, beforeEach, expect, test } from 'vitest';
import { loadBatch } from '../../pipelines/load/load-batch.ts';
import type { Store } from '../../pipelines/load/store.ts';
import { latestQuality, refreshQuality } from '../../pipelines/quality/refresh-quality.ts';
import { canonical } from '../support/canonical.ts';
import { tempStore } from '../support/temp-store.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(async () => cleanup());

const now = new Date('2026-02-01T00:00:00Z');

test('quality figures of an endpoint, worked out by hand on four requests and two unreadable records', async () => {
  await loadBatch({
    store,
    endpointId: 'test',
    contextKey: 'k',
    runId: 1,
    now,
    requests: [
      // a: fine
      canonical({ service_request_id: 'a', lat: 41.9, lon: -87.7, category: 'pothole' }),
      // b: sent 0/0, closed 5 minutes after it was requested
      canonical({
        service_request_id: 'b', quality_flags: ['coords_zero'], status: 'closed',
        requested_at: '2026-01-02T10:00:00.000Z', closed_at: '2026-01-02T10:05:00.000Z', closed_at_source: 'updated_datetime',
      }),
      // c: came with lat/long swapped (fixed), closed before it was requested
      canonical({
        service_request_id: 'c', lat: 41.9, lon: -87.7, quality_flags: ['coords_swapped'], status: 'closed',
        requested_at: '2026-01-03T10:00:00.000Z', closed_at: '2026-01-03T09:00:00.000Z', closed_at_source: 'updated_datetime',
      }),
      // d: outside the box (dropped), an updated_datetime that could not be read, requested in the future
      canonical({
        service_request_id: 'd', quality_flags: ['coords_out_of_bbox', 'updated_unparseable'], category: 'pothole',
        requested_at: '2026-02-10T00:00:00.000Z', updated_at: null,
      }),
    ],
    rejected: [
      { endpoint_id: 'test', reason: 'missing service_request_id', raw: { n: 1 } },
      { endpoint_id: 'test', reason: 'missing service_request_id', raw: { n: 2 } },
    ],
  });
  await refreshQuality({ store, endpointId: 'test', runId: 1, now });
  expect(await latestQuality({ store, endpointId: 'test' })).toEqual({
    endpoint_id: 'test',
    computed_at: now.toISOString(),
    run_id: 1,
    requests: 4,
    missing_location: 0.5, // b and d
    zero_coordinates: 0.25,
    invalid_coordinates: 0,
    out_of_box: 0.25,
    swapped_coordinates: 0.25,
    unparseable_timestamps: 0.25,
    future_timestamps: 0.25,
    closed: 2,
    negative_durations: 1,
    fast_closes: 1,
    rejected_records: 2,
    uncategorized: 0.5, // b and c are 'other'
  });
});

test('each refresh adds a row, so the history is kept; an endpoint with nothing stored has empty shares', async () => {
  await refreshQuality({ store, endpointId: 'empty', runId: 1, now });
  await refreshQuality({ store, endpointId: 'empty', runId: 2, now: new Date('2026-02-02T00:00:00Z') });
  expect(await store.query(`SELECT count(*) AS n FROM endpoint_quality WHERE endpoint_id = 'empty'`)).toEqual([{ n: 2 }]);
  expect(await latestQuality({ store, endpointId: 'empty' })).toMatchObject({ run_id: 2, requests: 0, missing_location: null, closed: 0 });
});
