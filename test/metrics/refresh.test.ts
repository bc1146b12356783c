import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPolygonSet, parseSlaConfig, refreshMetrics } from '../../pipelines/metrics/index.ts';
import type { Store } from '../../pipelines/load/store.ts';
import { tempStore } from '../support/temp-store.ts';
import { hoursAfter, seedEvents, seedRequests, type SeedRequest } from './support/seed.ts';

const t0 = '2026-02-02T00:00:00Z';
const firstSeen = '2026-03-01T00:00:00Z';
const laterSeen = '2026-03-02T00:00:00Z';
const polygon = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'all' }, geometry: { type: 'Polygon', coordinates: [[[-88, 41], [-87, 41], [-87, 42], [-88, 42], [-88, 41]]] } }] };

/** 60 requests over two endpoints, some closed, some located. */
function initial(): SeedRequest[] {
  return Array.from({ length: 60 }, (_, i) => ({
    id: `r${i}`,
    endpoint: i % 3 ? 'a' : 'b',
    category: ['pothole', 'graffiti', 'noise'][i % 3]!,
    district: `D${i % 4}`,
    requested: hoursAfter(t0, i * 7),
    closed: i % 2 ? hoursAfter(t0, i * 7 + 20 + i) : null,
    ...(i % 5 ? { lat: 41.5 + i / 1000, lon: -87.5 } : {}),
    seen: firstSeen,
  }));
}

/** What a harvest might change: closes, a reopening, a new category, moved coordinates, new requests. */
function changes(): SeedRequest[] {
  const rows = initial();
  return [
    { ...rows[0]!, closed: hoursAfter(t0, 30), seen: laterSeen },
    { ...rows[3]!, closed: null, status: 'open', detailed_status: 'reopened', seen: laterSeen },
    { ...rows[4]!, category: 'streetlight', seen: laterSeen },
    { ...rows[7]!, lat: 41.9, lon: -87.9, district: 'D9', seen: laterSeen },
    { ...rows[8]!, seen: laterSeen }, // seen again, unchanged
    { id: 'n1', endpoint: 'a', requested: hoursAfter(t0, 500), closed: hoursAfter(t0, 530), lat: 41.6, lon: -87.6, seen: laterSeen },
    { id: 'n2', endpoint: 'c', requested: hoursAfter(t0, 510), seen: laterSeen },
  ];
}

const tables = ['metric_requests', 'metric_daily', 'metric_request_polygons'];

async function snapshot(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await store.query(`SELECT * FROM ${table} ORDER BY ALL`);
  return out;
}

let incremental: Awaited<ReturnType<typeof tempStore>>;
let rebuilt: Awaited<ReturnType<typeof tempStore>>;

beforeAll(async () => {
  [incremental, rebuilt] = await Promise.all([tempStore(), tempStore()]);
  for (const env of [incremental, rebuilt]) {
    await seedRequests(env.store, initial());
    await loadPolygonSet({ store: env.store, setId: 'box', geojson: polygon, now: new Date(firstSeen) });
  }
  await refreshMetrics(incremental.store, { now: new Date(firstSeen) });
});
afterAll(async () => {
  await incremental.cleanup();
  await rebuilt.cleanup();
});

test('an incremental refresh after changes equals a full recompute', async () => {
  for (const env of [incremental, rebuilt]) {
    await seedRequests(env.store, changes());
    await seedEvents(env.store, [{ id: 'r3', at: firstSeen, status: 'closed' }, { id: 'r3', at: laterSeen, status: 'open' }]);
  }
  const summary = await refreshMetrics(incremental.store, { now: new Date(laterSeen) });
  // Of the 7 rows seen again, r8 is unchanged.
  expect(summary.changed).toBe(6);
  await refreshMetrics(rebuilt.store, { full: true, now: new Date(laterSeen) });
  const [a, b] = [await snapshot(incremental.store), await snapshot(rebuilt.store)];
  for (const table of tables) expect(a[table], table).toEqual(b[table]);
  expect(a.metric_requests).toHaveLength(62);
  const reopened = await incremental.store.query<{ reopened: boolean }>(`SELECT reopened FROM metric_requests WHERE service_request_id = 'r3'`);
  expect(reopened[0]!.reopened).toBe(true);
});

test('a refresh with nothing new changes nothing', async () => {
  const before = await snapshot(incremental.store);
  const summary = await refreshMetrics(incremental.store, { now: new Date(laterSeen) });
  expect(summary.changed).toBe(0);
  expect(await snapshot(incremental.store)).toEqual(before);
});

test('new SLA targets rebuild every target', async () => {
  const sla = parseSlaConfig({ text: 'version: 1\ncategories: { pothole: 1 }', source: 'test' });
  const summary = await refreshMetrics(incremental.store, { sla, endpointIds: ['a'] });
  // Asked for endpoint a, but targets of every endpoint changed.
  expect(summary.endpoints).toBe(3);
  const [row] = await incremental.store.query<{ with_target: number }>(`SELECT count(target_at) AS with_target FROM metric_requests`);
  // Only potholes have a target now (no request here sends expected_at).
  const [potholes] = await incremental.store.query<{ n: number }>(`SELECT count(*) AS n FROM metric_requests WHERE category = 'pothole'`);
  expect(row!.with_target).toBe(potholes!.n);
});
