import { readDataJson } from '../data/load.ts';
import { below, float, pick, type RandomGenerator } from '../model/random.ts';
import type { SimService } from './types.ts';

export interface SamplePlace {
  address: string;
  lat: number | null;
  long: number | null;
  zipcode?: string;
}

export interface Place {
  address: string;
  lat: number;
  long: number;
  zipcode: string;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A recorded place, its coordinates moved a little (staying inside the city's box) so places do not all stack up. */
export function placeNear(rng: RandomGenerator, places: readonly SamplePlace[], bbox: readonly number[]): Place {
  const sample = pick(rng, places);
  const [west = 0, south = 0, east = 0, north = 0] = bbox;
  const dLat = (float(rng) - 0.5) * 0.004;
  const dLong = (float(rng) - 0.5) * 0.006;
  const lat = sample.lat ?? south + float(rng) * (north - south);
  const long = sample.long ?? west + float(rng) * (east - west);
  return {
    address: sample.address,
    lat: round6(Math.min(north, Math.max(south, lat + dLat))),
    long: round6(Math.min(east, Math.max(west, long + dLong))),
    zipcode: sample.zipcode ?? '',
  };
}

/** "<number> <street>" with a house number near the recorded one. */
export function nearbyNumber(rng: RandomGenerator, address: string): string {
  const m = /^(\d+)(\s.*)$/.exec(address);
  if (!m) return address;
  const shifted = Math.max(1, Number(m[1]) + 2 * (below(rng, 41) - 20));
  return `${shifted}${m[2]}`;
}

/** Real English citizen texts (Bloomington 2012 + San Francisco 2015 samples), for cities without recorded descriptions. */
export const englishDescriptions: readonly string[] = readDataJson<{ descriptions: string[] }>('bloomington-samples.json').descriptions;

/** Service from a listed entry with the usual spec keys. */
export function serviceFromListing(listed: Record<string, unknown>, agency = ''): SimService {
  const text = (key: string) => (typeof listed[key] === 'string' ? (listed[key] as string) : '');
  return { code: text('service_code'), name: text('service_name'), group: text('group'), agency, listed };
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export interface StreetArea {
  name: string;
  zipcode: string;
  lat: number;
  long: number;
  streets: string[];
}

/** A house on a real street of a real area (hand-made lists), coordinates scattered around the area's centre. */
export function placeOnStreet(rng: RandomGenerator, areas: readonly StreetArea[], bbox: readonly number[]): Place & { street: string; area: string } {
  const area = pick(rng, areas);
  const street = pick(rng, area.streets);
  const number = 1 + below(rng, 400);
  const [west = 0, south = 0, east = 0, north = 0] = bbox;
  const lat = round6(Math.min(north, Math.max(south, area.lat + (float(rng) - 0.5) * 0.016)));
  const long = round6(Math.min(east, Math.max(west, area.long + (float(rng) - 0.5) * 0.022)));
  return { address: `${number} ${street}`, lat, long, zipcode: area.zipcode, street, area: area.name };
}
