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
  /** Requests in view, and how many of those are open: the true counts, also when only some points are drawn. */
  n: number;
  open: number;
  /** More points matched than the map asked for: only the newest `drawn` of the `n` are on the map. */
  truncated: boolean;
  /** Features on the map: points, or hexagons. */
  drawn: number;
  /** Requests per category in view, when colouring by category: the largest get the colours. */
  categoryCounts: Record<string, number> | null;
  /** Requests the filters match that have no location, so are on no map (`docs/dashboard.md`); null until counted. */
  unlocated: Unlocated;
}

/**
 * Matching requests without coordinates, per endpoint. `exact` is false with a text search, which the metrics cannot
 * apply (no `q`): the counts are then of every other filter, an upper bound.
 */
export type Unlocated = { exact: boolean; byEndpoint: Record<string, number> } | null;

interface MetricRows {
  rows: { group: Record<string, string | number | null>; n: number; value: number | null; values?: Record<string, number | null> | null; suppressed: boolean }[];
}

export function viewBbox(map: MapLibreMap): string {
  const b = map.getBounds();
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(5)).join(',');
}

/** Asks /api/v1/map for what the current view needs: hexagons when zoomed out, points when zoomed in. */
export async function loadViewData(fetcher: typeof fetch, map: MapLibreMap, filters: Params, colorBy: ColorBy): Promise<ViewData> {
  const bbox = viewBbox(map);
  const view = map.getZoom() >= pointsZoom ? await loadPoints(fetcher, filters, bbox, colorBy) : await loadHexagons(fetcher, filters, bbox, colorBy, resolutionForZoom(map.getZoom()));
  // known later (unlocatedCount): the map is not held up for it
  return { ...view, unlocated: null };
}

async function loadPoints(fetcher: typeof fetch, filters: Params, bbox: string, colorBy: ColorBy): Promise<Omit<ViewData, 'unlocated'>> {
  const features = await getJson<GeoJSON.FeatureCollection & { truncated: boolean }>(fetcher, 'map/points', { ...filters, bbox, limit: pointLimit });
  const drawn = features.features.length;
  const base = { mode: 'points' as const, resolution: null, features, drawn, truncated: features.truncated };
  if (features.truncated) {
    // The points are the newest pointLimit only: the figures come from the aggregate, as in the hexagon view.
    return { ...base, ...(await viewTotals(fetcher, filters, bbox, colorBy === 'category')) };
  }
  const open = features.features.filter((f) => f.properties?.status === 'open').length;
  const categoryCounts = colorBy === 'category' ? countBy(features.features.flatMap((f) => (f.properties?.category ? [String(f.properties.category)] : []))) : null;
  return { ...base, n: drawn, open, categoryCounts };
}

async function loadHexagons(fetcher: typeof fetch, filters: Params, bbox: string, colorBy: ColorBy, resolution: number): Promise<Omit<ViewData, 'unlocated'>> {
  const [{ rows }, ttc] = await Promise.all([
    getJson<{ rows: HexagonRow[] }>(fetcher, 'map/hexagons', { ...filters, bbox, resolution, categories: colorBy === 'category' ? true : undefined }),
    colorBy === 'ttc' ? cellMedians(fetcher, filters, resolution) : Promise.resolve(new Map<string, number | null>()),
  ]);
  for (const row of rows) row.median_ttc_days = ttc.get(row.h3) ?? null;
  return { mode: 'hexagons', resolution, features: hexagonFeatures(rows), ...sumCells(rows, colorBy === 'category'), truncated: false, drawn: rows.length };
}

/** Every request in the bbox under the filters, counted by the hexagon API; resolution 0 keeps the answer a few rows. */
async function viewTotals(fetcher: typeof fetch, filters: Params, bbox: string, byCategory: boolean) {
  const { rows } = await getJson<{ rows: HexagonRow[] }>(fetcher, 'map/hexagons', { ...filters, bbox, resolution: 0, categories: byCategory ? true : undefined });
  return sumCells(rows, byCategory);
}

function sumCells(rows: HexagonRow[], byCategory: boolean): { n: number; open: number; categoryCounts: Record<string, number> | null } {
  const categoryCounts: Record<string, number> = {};
  for (const row of rows) for (const [category, n] of Object.entries(row.categories ?? {})) categoryCounts[category] = (categoryCounts[category] ?? 0) + n;
  return { n: rows.reduce((sum, r) => sum + r.n, 0), open: rows.reduce((sum, r) => sum + r.open, 0), categoryCounts: byCategory ? categoryCounts : null };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * The unlocated count depends on the filters only, not on the view: asked once per filter rather than at every pan,
 * and again after the API's cache lifetime (a minute), when a harvest may have added requests. It groups every
 * request by H3 cell, which on a large store costs more than the view itself, so the map shows first and the note
 * follows.
 */
let lastUnlocated: { key: string; at: number; value: Promise<Unlocated> } | null = null;

export function unlocatedCount(fetcher: typeof fetch, filters: Params): Promise<Unlocated> {
  const key = JSON.stringify(filters);
  const now = Date.now();
  if (lastUnlocated?.key !== key || now - lastUnlocated.at > 60_000) {
    // a failed count only loses the note, never the map
    lastUnlocated = { key, at: now, value: countUnlocated(fetcher, filters).catch(() => null) };
  }
  return lastUnlocated.value;
}

/**
 * The metrics group requests by H3 cell with a null cell for those without coordinates, and take the endpoint,
 * category and date filters (duplicates included, as the map counts them): `opened` counts them all, `aging` the
 * open ones (open now, at the data's as-of). The status filter is the difference; a text search cannot be applied.
 */
async function countUnlocated(fetcher: typeof fetch, filters: Params): Promise<Unlocated> {
  const params = { group_by: 'endpoint,h3', h3_resolution: 0, include_duplicates: true, endpoint: filters.endpoint, category: filters.category, from: filters.from, to: filters.to };
  const [opened, aging] = await Promise.all([
    filters.status === 'open' ? null : getJson<MetricRows>(fetcher, 'metrics/opened', params).then((r) => unlocatedRows(r, 'opened')),
    filters.status ? getJson<MetricRows>(fetcher, 'metrics/aging', params).then((r) => unlocatedRows(r, 'open')) : null,
  ]);
  const byEndpoint: Record<string, number> = {};
  for (const endpoint of new Set([...Object.keys(opened ?? {}), ...Object.keys(aging ?? {})])) {
    const all = opened?.[endpoint] ?? 0;
    const open = aging?.[endpoint] ?? 0;
    const count = filters.status === 'open' ? open : filters.status === 'closed' ? all - open : all;
    if (count > 0) byEndpoint[endpoint] = count;
  }
  return { exact: !filters.q, byEndpoint };
}

/** The rows without a cell (no coordinates): endpoint → the metric's value. */
function unlocatedRows(result: MetricRows, value: string): Record<string, number> {
  return Object.fromEntries(result.rows.filter((r) => r.group.h3 === null).map((r) => [String(r.group.endpoint), Number(r.values?.[value] ?? 0)]));
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
