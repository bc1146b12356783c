import { VARCHAR } from '@duckdb/node-api';
import type { MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { appendColumns } from '../load/append.ts';
import type { Store } from '../load/store.ts';
import { assignAreas } from './area-assignments.ts';
import { MetricRequestError } from './metric-error.ts';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4);
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(z.object({ type: z.literal('Feature'), id: z.union([z.string(), z.number()]).optional(), properties: z.record(z.string(), z.unknown()).nullable().optional(), geometry }))
    .min(1),
});

export interface PolygonSet {
  set_id: string;
  name: string;
  polygons: number;
  loaded_at: string;
}

/**
 * Stores a GeoJSON FeatureCollection of polygons as a polygon set (replacing one with the same id) and assigns every
 * located request to the polygon holding it; later harvests assign changed requests in refreshMetrics. Polygon id:
 * the feature's id, else properties[idProperty], else its position. A bad file is refused and nothing is changed.
 */
export async function loadPolygonSet({
  store,
  setId,
  name,
  geojson,
  idProperty = 'id',
  nameProperty = 'name',
  now,
}: {
  store: Store;
  setId: string;
  name?: string;
  geojson: unknown;
  idProperty?: string;
  nameProperty?: string;
  now: Date;
}): Promise<PolygonSet> {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(setId)) throw new MetricRequestError('set_id', `polygon set id ${JSON.stringify(setId)} must be a slug (a-z, 0-9, _ and -)`);
  const parsed = featureCollection.safeParse(geojson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MetricRequestError('geojson', `not a polygon FeatureCollection: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const features = parsed.data.features.map((feature, i) => ({
    id: String(feature.id ?? feature.properties?.[idProperty] ?? i + 1),
    name: typeof feature.properties?.[nameProperty] === 'string' ? (feature.properties[nameProperty] as string) : null,
    geometry: feature.geometry as Polygon | MultiPolygon,
  }));
  const ids = new Set(features.map((f) => f.id));
  if (ids.size !== features.length) throw new MetricRequestError('geojson', `polygon ids repeat in set ${setId}: give each feature an id or ${idProperty}`);

  await store.transaction(async (connection) => {
    for (const table of ['metric_polygon_sets', 'metric_polygons', 'metric_request_polygons']) {
      await connection.run(`DELETE FROM ${table} WHERE set_id = $1`, [setId]);
    }
    await connection.run(`INSERT INTO metric_polygon_sets VALUES ($1, $2, $3, $4::TIMESTAMPTZ)`, [setId, name ?? setId, features.length, now.toISOString()]);
    await appendColumns({
      connection,
      table: 'metric_polygons',
      types: [VARCHAR, VARCHAR, VARCHAR, VARCHAR],
      columns: [features.map(() => setId), features.map((f) => f.id), features.map((f) => f.name), features.map((f) => JSON.stringify(f.geometry))],
    });
    await connection.run(`CREATE OR REPLACE TEMP TABLE metric_located AS
      SELECT row_number() OVER () AS rn, endpoint_id, service_request_id, lat, lon FROM service_requests WHERE lat IS NOT NULL AND lon IS NOT NULL`);
    await assignAreas(connection, { source: 'metric_located', cells: false, polygonSet: setId });
    await connection.run(`INSERT INTO metric_request_polygons
      SELECT m.set_id, l.endpoint_id, l.service_request_id, m.polygon_id FROM metric_changed_polygons m JOIN metric_located l ON l.rn = m.row_number;
      DROP TABLE metric_located; DROP TABLE metric_changed_cells; DROP TABLE metric_changed_polygons`);
  });
  return { set_id: setId, name: name ?? setId, polygons: features.length, loaded_at: now.toISOString() };
}

export function listPolygonSets({ store }: { store: Store }): Promise<PolygonSet[]> {
  return store.query<PolygonSet>(`SELECT * FROM metric_polygon_sets ORDER BY set_id`);
}
