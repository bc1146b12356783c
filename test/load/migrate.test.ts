import { afterEach, beforeEach, expect, test } from 'vitest';
import { listMigrations } from '../../pipelines/load/migrate.ts';
import { openStore, type Store } from '../../pipelines/load/store.ts';
import { refreshMetrics } from '../../pipelines/metrics/index.ts';
import { seedRequests } from '../metrics/support/seed.ts';
import { tempStore } from '../support/temp-store.ts';

let store: Store;
let path: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, path, cleanup } = await tempStore()));
afterEach(async () => cleanup());

test('numbered migrations are applied once, at start-up, and recorded', async () => {
  const versions = listMigrations().map((m) => m.version);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  expect(await store.query(`SELECT version FROM schema_migrations ORDER BY version`)).toEqual(versions.map((version) => ({ version })));
  const tables = await store.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`);
  // CONTRACT §2's tables (later migrations add their own, e.g. 004's metric tables).
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(
    ['endpoint_checked', 'endpoint_checks', 'endpoint_quality', 'endpoints', 'harvest_runs', 'harvest_state', 'rejected_records', 'request_events', 'schema_migrations', 'service_requests', 'services'],
  ));
  // Re-opening the same file applies nothing again.
  await store.close();
  store = await openStore({ path });
  expect(await store.query(`SELECT count(*) AS n FROM schema_migrations`)).toEqual([{ n: versions.length }]);
});

test('timestamps come back in UTC whatever the machine zone (TZ is America/Los_Angeles in tests)', async () => {
  expect(await store.query(`SELECT '2026-07-01 12:00:00+02'::TIMESTAMPTZ AS t, current_setting('TimeZone') AS zone`)).toEqual([
    { t: '2026-07-01T10:00:00.000Z', zone: 'UTC' },
  ]);
});

test('migration 005 gives a store made before it the coordinates of every metric row; later refreshes keep them', async () => {
  const located = (i: number) => (i % 4 ? { lat: 41.7 + i / 100, lon: -87.6 - i / 100 } : {});
  await seedRequests(store, Array.from({ length: 12 }, (_, i) => ({ id: `r${i}`, requested: '2026-03-01T00:00:00Z', seen: '2026-03-02T00:00:00Z', ...located(i) })));
  await refreshMetrics(store, { now: new Date('2026-03-02T00:00:00Z') });
  const canonical = `SELECT endpoint_id, service_request_id, lat, lon FROM service_requests ORDER BY ALL`;
  const inMetrics = `SELECT endpoint_id, service_request_id, lat, lon FROM metric_requests ORDER BY ALL`;
  const expected = await store.query(canonical);
  expect(expected.filter((row) => row.lat !== null)).toHaveLength(9);
  expect(await store.query(inMetrics)).toEqual(expected); // the refresh writes them
  // The same file as it was before migration 005: no coordinate columns, 005 not recorded.
  await store.query(`ALTER TABLE metric_requests DROP COLUMN lat; ALTER TABLE metric_requests DROP COLUMN lon; DELETE FROM schema_migrations WHERE version = 5`);
  await store.close();
  store = await openStore({ path });
  expect(await store.query(inMetrics)).toEqual(expected);
});
