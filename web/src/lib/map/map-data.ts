import type { Map as MapLibreMap } from 'maplibre-gl';
import { getJson, type Params } from '../api';
import type { ColorBy } from './colors';
import { hexagonFeatures, resolutionForZoom, type HexagonRow } from './hexagons';

/** From this zoom on the map shows individual (clustered) requests; below it, H3 hexagons aggregated by the API. */
export const pointsZoom = 11;
/** The most points asked for in one view; beyond it the view says it shows only the newest. */
export const pointLimit = 5000;

export interface ViewData {
  mode: 'hexagons' | 'points';
  resolution: number | null;
  features: GeoJSON.FeatureCollection;
  /** Requests in view, and how many of those are open. */
  n: number;
  open: number;
  truncated: boolean;
}

interface MetricRows {
  rows: { group: Record<string, string | number | null>; n: number; value: number | null; suppressed: boolean }[];
}

export function viewBbox(map: MapLibreMap): string {
  const b = map.getBounds();
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(5)).join(',');
}

/** Asks /api/v1/map for what the current view needs: hexagons when zoomed out, points when zoomed in. */
export async function loadViewData(fetcher: typeof fetch, map: MapLibreMap, filters: Params, colorBy: ColorBy): Promise<ViewData> {
  const bbox = viewBbox(map);
  if (map.getZoom() >= pointsZoom) {
    const features = await getJson<GeoJSON.FeatureCollection & { truncated: boolean }>(fetcher, 'map/points', { ...filters, bbox, limit: pointLimit });
    const open = features.features.filter((f) => f.properties?.status === 'open').length;
    return { mode: 'points', resolution: null, features, n: features.features.length, open, truncated: features.truncated };
  }
  const resolution = resolutionForZoom(map.getZoom());
  const [{ rows }, ttc] = await Promise.all([
    getJson<{ rows: HexagonRow[] }>(fetcher, 'map/hexagons', { ...filters, bbox, resolution, categories: colorBy === 'category' ? true : undefined }),
    colorBy === 'ttc' ? cellMedians(fetcher, filters, resolution) : Promise.resolve(new Map<string, number | null>()),
  ]);
  for (const row of rows) row.median_ttc_days = ttc.get(row.h3) ?? null;
  return {
    mode: 'hexagons',
    resolution,
    features: hexagonFeatures(rows),
    n: rows.reduce((sum, r) => sum + r.n, 0),
    open: rows.reduce((sum, r) => sum + r.open, 0),
    truncated: false,
  };
}

/** Time to close per cell is the Kaplan–Meier median from the metrics API; small cells come back suppressed (null). */
async function cellMedians(fetcher: typeof fetch, filters: Params, resolution: number): Promise<Map<string, number | null>> {
  const { rows } = await getJson<MetricRows>(fetcher, 'metrics/ttc_km', {
    group_by: 'h3',
    h3_resolution: resolution,
    endpoint: filters.endpoint,
    category: filters.category,
    from: filters.from,
    to: filters.to,
  });
  return new Map(rows.map((r) => [String(r.group.h3), r.suppressed ? null : r.value]));
}
