// lat/long as sent (numbers, numeric strings, 0/0 for unknown, swapped pairs) → WGS84 numbers or null (CONTRACT §1).
import { isBlankish } from './text.ts';

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return NUMERIC.test(text) ? Number(text) : null;
}

type Bbox = readonly [number, number, number, number];

function inside(lat: number, lon: number, [west, south, east, north]: Bbox): boolean {
  return lat >= south && lat <= north && lon >= west && lon <= east;
}

/** Quality flags go to `flags`: coords_invalid, coords_zero, coords_swapped (fixed), coords_out_of_bbox. */
export function normalizeCoordinates({ lat, long, bbox, flags }: { lat: unknown; long: unknown; bbox?: Bbox; flags: string[] }): { lat: number | null; lon: number | null } {
  const none = { lat: null, lon: null };
  const latitude = toNumber(lat);
  const longitude = toNumber(long);
  if (latitude === null || longitude === null) {
    if (!(isBlankish(lat) && isBlankish(long))) flags.push('coords_invalid');
    return none;
  }
  if (latitude === 0 && longitude === 0) {
    flags.push('coords_zero');
    return none;
  }
  if (!bbox) {
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      flags.push('coords_invalid');
      return none;
    }
    return { lat: latitude, lon: longitude };
  }
  if (inside(latitude, longitude, bbox)) return { lat: latitude, lon: longitude };
  if (inside(longitude, latitude, bbox)) {
    flags.push('coords_swapped');
    return { lat: longitude, lon: latitude };
  }
  flags.push('coords_out_of_bbox');
  return none;
}
