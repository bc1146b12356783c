import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeMetric, loadPolygonSet, MetricRequestError, refreshMetrics, type MetricRequest } from '../../pipelines/metrics/index.ts';
import { tempStore } from '../support/temp-store.ts';
import { seedRequests, type SeedRequest } from './support/seed.ts';

const asOf = '2026-06-01T00:00:00Z';
const west = { lat: 41.88, lon: -87.7 };
const east = { lat: 41.88, lon: -87.6 };
const square = (lon: number) => ({
  type: 'Polygon',
  coordinates: [[[lon - 0.05, 41.8], [lon + 0.05, 41.8], [lon + 0.05, 41.95], [lon - 0.05, 41.95], [lon - 0.05, 41.8]]],
});

let env: Awaited<ReturnType<typeof tempStore>>;
const opened = async (request: Omit<MetricRequest, 'metric'>) =>
  (await computeMetric(env.store, { metric: 'opened', asOf, minN: 1, ...request })).rows.map((r) => [r.group, r.value]);

beforeAll(async () => {
  env = await tempStore();
  const rows: SeedRequest[] = [
    { id: '1', endpoint: 'a', category: 'pothole', service_code: 'PH', district: 'W1', ...west, requested: '2026-01-05T10:00:00Z', closed: '2026-01-06T10:00:00Z', source: 'event' },
    { id: '2', endpoint: 'a', category: 'pothole', service_code: 'PH2', district: 'W1', ...west, requested: '2026-01-11T23:00:00Z', closed: '2026-01-13T10:00:00Z', source: 'observed' },
    { id: '3', endpoint: 'a', category: 'graffiti', service_code: 'GR', district: 'W2', ...east, requested: '2026-01-12T01:00:00Z' },
    { id: '4', endpoint: 'b', category: 'pothole', service_code: 'PH', district: null, requested: '2026-04-01T00:00:00Z', closed: '2026-04-03T00:00:00Z', source: 'updated_datetime' },
    { id: '5', endpoint: 'b', category: 'pothole', service_code: 'PH', ...east, requested: '2026-04-02T00:00:00Z', duplicate: true },
  ];
  await seedRequests(env.store, rows);
  await loadPolygonSet({
    store: env.store, setId: 'halves', now: new Date(asOf),
    geojson: { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'west', name: 'West' }, geometry: square(west.lon) },
      { type: 'Feature', properties: { id: 'east', name: 'East' }, geometry: square(east.lon) },
    ] },
  });
  await refreshMetrics(env.store);
});
afterAll(() => env.cleanup());

describe('group by', () => {
  test('endpoint, category and service_code', async () => {
    expect(await opened({ groupBy: ['endpoint'] })).toEqual([[{ endpoint: 'a' }, 3], [{ endpoint: 'b' }, 1]]);
    expect(await opened({ groupBy: ['category', 'endpoint'] })).toEqual([
      [{ category: 'graffiti', endpoint: 'a' }, 1], [{ category: 'pothole', endpoint: 'a' }, 2], [{ category: 'pothole', endpoint: 'b' }, 1],
    ]);
    expect(await opened({ groupBy: ['service_code'] })).toEqual([[{ service_code: 'GR' }, 1], [{ service_code: 'PH' }, 2], [{ service_code: 'PH2' }, 1]]);
  });

  test('periods are UTC: a request at 23:00 UTC on Sunday 2026-01-11 is in the week of Monday 01-05', async () => {
    expect(await opened({ groupBy: ['period'], period: 'week', filters: { endpoints: ['a'] } })).toEqual([
      [{ period: '2026-01-05' }, 2], [{ period: '2026-01-12' }, 1],
    ]);
    expect(await opened({ groupBy: ['period'], period: 'quarter' })).toEqual([[{ period: '2026-01-01' }, 3], [{ period: '2026-04-01' }, 1]]);
    expect(await opened({ groupBy: ['period'], period: 'year' })).toEqual([[{ period: '2026-01-01' }, 4]]);
  });

  test('H3 cells at the resolution asked are the parents h3-js computes', async () => {
    for (const resolution of [5, 7, 9]) {
      const rows = await opened({ groupBy: ['h3'], h3Resolution: resolution, filters: { endpoints: ['a'] } });
      const cell = (p: { lat: number; lon: number }) => cellToParent(latLngToCell(p.lat, p.lon, 9), resolution);
      const expected = new Map<string, number>([[cell(west), 2]]);
      expected.set(cell(east), (expected.get(cell(east)) ?? 0) + 1);
      expect(new Map(rows.map(([group, value]) => [(group as { h3: string }).h3, value]))).toEqual(expected);
    }
  });

  test('district and loaded polygons; requests without a place form a null group', async () => {
    expect(await opened({ groupBy: ['district'] })).toEqual([[{ district: 'W1' }, 2], [{ district: 'W2' }, 1], [{ district: null }, 1]]);
    expect(await opened({ groupBy: ['polygon'], polygons: 'halves' })).toEqual([[{ polygon: 'east' }, 1], [{ polygon: 'west' }, 2], [{ polygon: null }, 1]]);
    const km = await computeMetric(env.store, { metric: 'ttc_km', asOf, minN: 1, groupBy: ['polygon'], polygons: 'halves', filters: { endpoints: ['a'] } });
    expect(km.rows.map((r) => [r.group.polygon, r.n])).toEqual([['east', 1], ['west', 2]]);
  });
});

describe('filters', () => {
  test('date range on the metric’s own date: opened for opened, closed for closed', async () => {
    expect(await opened({ filters: { from: '2026-01-12', to: '2026-05-01' } })).toEqual([[{}, 2]]);
    const closed = await computeMetric(env.store, { metric: 'closed', asOf, filters: { from: '2026-01-13' } });
    expect(closed.rows[0]!.value).toBe(2);
  });

  test('endpoints, categories, service codes, close-time sources and duplicates', async () => {
    expect(await opened({ filters: { endpoints: ['b'] } })).toEqual([[{}, 1]]);
    expect(await opened({ filters: { endpoints: ['b'] }, includeDuplicates: true })).toEqual([[{}, 2]]);
    expect(await opened({ filters: { categories: ['graffiti'] } })).toEqual([[{}, 1]]);
    expect(await opened({ filters: { serviceCodes: ['PH', 'GR'] } })).toEqual([[{}, 3]]);
    const ttc = await computeMetric(env.store, { metric: 'ttc_closed', asOf, minN: 1, filters: { closedAtSource: ['event', 'observed'] } });
    expect(ttc.rows[0]!.n).toBe(2);
    // Open requests stay in: 1 and 3 (2 is left out, closed by observation).
    expect(await opened({ filters: { closedAtSource: ['event'], endpoints: ['a'] } })).toEqual([[{}, 2]]);
  });
});

describe('bad requests name the parameter', () => {
  const bad: [MetricRequest, string, RegExp][] = [
    [{ metric: 'nope' }, 'metric', /unknown metric "nope"/],
    [{ metric: 'opened', groupBy: ['period'] }, 'period', /needs period/],
    [{ metric: 'aging', groupBy: ['period'], period: 'week' }, 'groupBy', /cannot be grouped by period/],
    [{ metric: 'volume' }, 'groupBy', /needs groupBy to include period/],
    [{ metric: 'ttc_km', filters: { closedAtSource: ['event'] } }, 'filters.closedAtSource', /ttc_km cannot filter on the close-time source: open requests have none/],
    [{ metric: 'equity', groupBy: ['district'], filters: { closedAtSource: ['event'] } }, 'filters.closedAtSource', /equity cannot filter on the close-time source/],
    [{ metric: 'equity', groupBy: ['category'] }, 'groupBy', /needs an area/],
    [{ metric: 'opened', groupBy: ['polygon'], polygons: 'missing' }, 'polygons', /no polygon set "missing"/],
    [{ metric: 'opened', filters: { from: 'last tuesday' } }, 'filters.from', /filters.from/],
    [{ metric: 'opened', minN: 0 } as MetricRequest, 'minN', /minN/],
  ];
  test.each(bad)('%j', async (request, parameter, message) => {
    const error = await computeMetric(env.store, { asOf, ...request }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricRequestError);
    expect((error as MetricRequestError).parameter).toBe(parameter);
    expect((error as Error).message).toMatch(message);
  });

  test('a bad polygon file is refused and the loaded set is kept', async () => {
    const error = await loadPolygonSet({ store: env.store, setId: 'halves', geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }] }, now: new Date(asOf) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/not a polygon FeatureCollection: features.0.geometry/);
    expect(await opened({ groupBy: ['polygon'], polygons: 'halves' })).toHaveLength(3);
  });
});

test('a read connection from store.connect() answers like the store', async () => {
  const reader = await env.store.connect();
  try {
    const viaConnection = await reader.use((connection) => computeMetric(connection, { metric: 'ttc_km', asOf, minN: 1, groupBy: ['endpoint'] }));
    const viaStore = await computeMetric(env.store, { metric: 'ttc_km', asOf, minN: 1, groupBy: ['endpoint'] });
    expect(viaConnection.rows).toEqual(viaStore.rows);
  } finally {
    reader.close();
  }
});

test('as-of defaults to the caller’s clock, else the data time of the last refresh', async () => {
  const withClock = await computeMetric(env.store, { metric: 'aging' }, { now: () => new Date('2026-01-12T12:00:00Z') });
  expect(withClock.asOf).toBe('2026-01-12T12:00:00.000Z');
  // seed.ts marks every request last seen on 2026-06-01.
  expect((await computeMetric(env.store, { metric: 'aging' })).asOf).toBe('2026-06-01T00:00:00.000Z');
});
