import type { Params } from '../api';
import type { ColorBy } from '../map/colors';
import type { Bbox } from '../map/offline-style';
import { readState, writeState, type StateOf } from './url-state';

/** Everything the Explore view shows is in its URL: filters, colouring, map view and the open request. */
export const exploreSchema = {
  endpoint: { kind: 'list', fallback: [] as string[] },
  category: { kind: 'list', fallback: [] as string[] },
  status: { kind: 'text', fallback: '' as string },
  from: { kind: 'text', fallback: '' as string },
  to: { kind: 'text', fallback: '' as string },
  q: { kind: 'text', fallback: '' as string },
  color: { kind: 'text', fallback: 'days_open' as string },
  /** zoom/lat/lon, as in most web maps' permalinks. */
  map: { kind: 'text', fallback: '' as string },
  /** The request open in the side panel: endpoint_id/service_request_id. */
  r: { kind: 'text', fallback: '' as string },
} as const;

export type ExploreState = StateOf<typeof exploreSchema>;

export const readExplore = (search: URLSearchParams): ExploreState => readState(exploreSchema, search);
export const writeExplore = (state: ExploreState): string => writeState(exploreSchema, state);

/** The request filters of /api/v1 (docs/api.md) the state stands for. */
export function requestFilters(state: ExploreState): Params {
  return { endpoint: state.endpoint as string[], category: state.category as string[], status: state.status, from: state.from, to: state.to, q: state.q };
}

export function colorOf(state: ExploreState): ColorBy {
  return state.color === 'ttc' || state.color === 'category' ? state.color : 'days_open';
}

export function parseView(text: string): { zoom: number; lat: number; lon: number } | null {
  const [zoom, lat, lon] = text.split('/').map(Number);
  if (![zoom, lat, lon].every((v) => v !== undefined && Number.isFinite(v))) return null;
  return { zoom: zoom!, lat: lat!, lon: lon! };
}

export const formatView = (view: { zoom: number; lat: number; lon: number }): string => `${view.zoom}/${view.lat}/${view.lon}`;

/** With no view in the URL, frame every endpoint's coverage box. */
/** The smallest box holding every box (west, south, east, north). */
export function unionOf(boxes: Bbox[]): Bbox {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

export function viewOfBoxes(boxes: Bbox[]): { zoom: number; lat: number; lon: number } {
  if (boxes.length === 0) return { zoom: 1.5, lat: 30, lon: 0 };
  const w = Math.min(...boxes.map((b) => b[0]));
  const s = Math.min(...boxes.map((b) => b[1]));
  const e = Math.max(...boxes.map((b) => b[2]));
  const n = Math.max(...boxes.map((b) => b[3]));
  const span = Math.max(e - w, (n - s) * 1.6, 0.01);
  const zoom = Math.max(1, Math.min(12, Math.log2(360 / span) - 0.3));
  return { zoom: Math.round(zoom * 100) / 100, lat: Math.round(((s + n) / 2) * 1e4) / 1e4, lon: Math.round(((w + e) / 2) * 1e4) / 1e4 };
}

/**
 * Hexagons coloured by time to close take each cell's Kaplan–Meier median from /api/v1/metrics, which has no status
 * or text filter: with either set, the colours are not of the requests shown, and the legend must say so.
 */
export function ttcColourNote(state: ExploreState): string | null {
  const ignored = [state.status ? `status (${state.status})` : '', state.q ? `text (“${state.q}”)` : ''].filter(Boolean);
  if (ignored.length === 0) return null;
  return `The colours follow the endpoint, category and date filters only, not the ${ignored.join(' or ')} filter: each hexagon’s median time to close is over all its requests within those, open and closed${state.q ? ', whatever their text' : ''}. The counts follow every filter.`;
}
