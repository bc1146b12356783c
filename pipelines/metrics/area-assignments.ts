import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { MultiPolygon, Polygon } from 'geojson';
import { latLngToCell } from 'h3-js';
import { appendColumns } from '../load/append.ts';
import { readRows } from '../load/store.ts';

/** The finest H3 resolution stored; coarser cells are derived from its bits (h3-sql.ts). */
const storedH3Resolution = 9;

// Coordinates are read in slices so that 10M changed rows never sit in JS memory at once.
const sliceRows = 200_000;

interface LoadedPolygon {
  setId: string;
  polygonId: string;
  bbox: [number, number, number, number];
  geometry: Polygon | MultiPolygon;
}

/**
 * For the located rows of a temp table with rn, lat and lon (`source`), fills temp tables metric_changed_cells
 * (row_number, cell: H3 via h3-js, when `cells`) and metric_changed_polygons (row_number, set_id, polygon_id: turf
 * point-in-polygon against every loaded polygon set, or only `polygonSet`). row_number is the source's `rn` (1..N).
 */
export async function assignAreas(connection: DuckDBConnection, { source, cells, polygonSet }: { source: string; cells: boolean; polygonSet?: string }): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE metric_changed_cells (row_number INTEGER, cell VARCHAR);
    CREATE OR REPLACE TEMP TABLE metric_changed_polygons (row_number INTEGER, set_id VARCHAR, polygon_id VARCHAR)`);
  const polygons = (await loadPolygons(connection)).filter((polygon) => polygonSet === undefined || polygon.setId === polygonSet);
  const [bounds] = await readRows<{ low: number | null; high: number | null }>(connection, `SELECT min(rn) AS low, max(rn) AS high FROM ${source}`);
  if (!bounds || bounds.low === null || bounds.high === null) return;
  for (let start = bounds.low; start <= bounds.high; start += sliceRows) {
    const reader = await connection.runAndReadAll(
      `SELECT rn, lat, lon FROM ${source} WHERE rn BETWEEN $1 AND $2 AND lat IS NOT NULL AND lon IS NOT NULL`,
      [start, start + sliceRows - 1],
    );
    if (reader.currentRowCount === 0) continue;
    const [rowIds, lats, lons] = reader.getColumnsJS() as [bigint[], number[], number[]];
    if (cells) {
      const hexes = rowIds.map((_, i) => latLngToCell(lats[i]!, lons[i]!, storedH3Resolution));
      await appendColumns({ connection, table: 'metric_changed_cells', catalog: 'temp', types: [INTEGER, VARCHAR], columns: [rowIds.map(Number), hexes] });
    }
    if (polygons.length > 0) await appendPolygonHits(connection, polygons, rowIds, lats, lons);
  }
}

async function appendPolygonHits(connection: DuckDBConnection, polygons: LoadedPolygon[], rowIds: bigint[], lats: number[], lons: number[]): Promise<void> {
  const hits: [number[], string[], string[]] = [[], [], []];
  rowIds.forEach((rowId, i) => {
    const lon = lons[i]!;
    const lat = lats[i]!;
    const seenSets = new Set<string>();
    for (const polygon of polygons) {
      // A request belongs to the first polygon of a set that holds it, so each set partitions the requests.
      if (seenSets.has(polygon.setId)) continue;
      const [west, south, east, north] = polygon.bbox;
      if (lon < west || lon > east || lat < south || lat > north) continue;
      if (!booleanPointInPolygon([lon, lat], polygon.geometry)) continue;
      seenSets.add(polygon.setId);
      hits[0].push(Number(rowId));
      hits[1].push(polygon.setId);
      hits[2].push(polygon.polygonId);
    }
  });
  await appendColumns({ connection, table: 'metric_changed_polygons', catalog: 'temp', types: [INTEGER, VARCHAR, VARCHAR], columns: hits });
}

async function loadPolygons(connection: DuckDBConnection): Promise<LoadedPolygon[]> {
  const rows = await readRows<{ set_id: string; polygon_id: string; geometry: Polygon | MultiPolygon }>(
    connection,
    `SELECT set_id, polygon_id, geometry FROM metric_polygons ORDER BY set_id, polygon_id`,
  );
  return rows.map((row) => ({ setId: row.set_id, polygonId: row.polygon_id, geometry: row.geometry, bbox: bboxOf(row.geometry) }));
}

function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      bbox[0] = Math.min(bbox[0], lon!);
      bbox[1] = Math.min(bbox[1], lat!);
      bbox[2] = Math.max(bbox[2], lon!);
      bbox[3] = Math.max(bbox[3], lat!);
    }
  }
  return bbox;
}
