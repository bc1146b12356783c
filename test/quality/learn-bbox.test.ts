import { afterEach, beforeEach, expect, test } from 'vitest';
import { ensureState } from '../../pipelines/load/harvest-state.ts';
import { loadBatch } from '../../pipelines/load/load-batch.ts';
import type { Store } from '../../pipelines/load/store.ts';
import { learnBbox } from '../../pipelines/quality/learn-bbox.ts';
import { canonical } from '../support/canonical.ts';
import { tempStore } from '../support/temp-store.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await tempStore());
  await ensureState({ store, endpointId: 'test', backfillFrom: new Date('2025-01-01T00:00:00Z') });
});
afterEach(async () => cleanup());

const now = new Date('2026-02-01T00:00:00Z');
const load = (points: [number, number][], prefix: string) =>
  loadBatch({
    store, endpointId: 'test', contextKey: 'k', runId: 1, now, rejected: [],
    requests: points.map(([lat, lon], i) => canonical({ service_request_id: `${prefix}${i}`, lat, lon })),
  });

// A 10 × 10 grid over Chicago: lat 41.70–41.97, lon -87.80 … -87.53.
const grid: [number, number][] = Array.from({ length: 100 }, (_, i) => [41.7 + 0.03 * Math.floor(i / 10), -87.8 + 0.03 * (i % 10)]);

test('fewer than 100 located requests teach nothing', async () => {
  await load(grid.slice(0, 99), 'g');
  expect(await learnBbox({ store, endpointId: 'test' })).toBeNull();
});

test('the 1st–99th percentile box, widened by a quarter of its span and 0.02°, leaves an outlier out; once learned it stays', async () => {
  await load([...grid, [48.85, 2.35]], 'g'); // one request placed in Paris
  const box = await learnBbox({ store, endpointId: 'test' });
  // Percentiles of the grid (0.01 and 0.99 of 101 points): lon -87.8 … -87.53, lat 41.7 … 41.97 (Paris is cut off).
  const [west, south, east, north] = box!;
  expect(west).toBeCloseTo(-87.8 - (0.27 / 4 + 0.02), 2);
  expect(east).toBeCloseTo(-87.53 + (0.27 / 4 + 0.02), 2);
  expect(south).toBeCloseTo(41.7 - (0.27 / 4 + 0.02), 2);
  expect(north).toBeLessThan(48); // Paris is not inside
  await load(grid.map(([lat, lon]) => [lat + 5, lon + 5]), 'moved');
  expect(await learnBbox({ store, endpointId: 'test' })).toEqual(box);
});
