import { afterEach, beforeEach, expect, test } from 'vitest';
import { listMigrations } from '../../pipelines/load/migrate.ts';
import { openStore, type Store } from '../../pipelines/load/store.ts';
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
    ['endpoint_checks', 'endpoint_quality', 'endpoints', 'harvest_runs', 'harvest_state', 'rejected_records', 'request_events', 'schema_migrations', 'service_requests', 'services'],
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
