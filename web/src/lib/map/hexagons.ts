import { cellToBoundary, cellToLatLng } from 'h3-js';

export interface HexagonRow {
  h3: string;
  n: number;
  open: number;
  median_days_open: number | null;
  categories?: Record<string, number> | null;
  /** Joined in from the metrics API when colouring by time to close. */
  median_ttc_days?: number | null;
  [value: string]: unknown;
}

/** Zoom → H3 resolution, so a hexagon stays a few dozen pixels wide at every zoom. */
export function resolutionForZoom(zoom: number): number {
  return Math.max(1, Math.min(9, Math.round(zoom * 0.7 - 0.2)));
}

/** The API's aggregated cells as polygons MapLibre can draw; the dominant category rides along for colouring. */
export function hexagonFeatures(rows: HexagonRow[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      properties: { h3: row.h3, n: row.n, open: row.open, median_days_open: row.median_days_open, median_ttc_days: row.median_ttc_days ?? null, category: dominant(row.categories) },
      geometry: { type: 'Polygon', coordinates: [cellToBoundary(row.h3, true)] },
    })),
  };
}

function dominant(categories: Record<string, number> | null | undefined): string | null {
  if (!categories) return null;
  let best: string | null = null;
  for (const [name, count] of Object.entries(categories)) if (best === null || count > (categories[best] ?? 0)) best = name;
  return best;
}

/** Where a cell is, for people (its H3 id means nothing to them): its centre, "41.881° N, 87.623° W". */
export function cellPlace(h3: string): string {
  const [lat, lon] = cellToLatLng(h3);
  return `${Math.abs(lat).toFixed(3)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(3)}° ${lon < 0 ? 'W' : 'E'}`;
}
