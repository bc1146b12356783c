import type { Endpoint } from '../../registry/types.ts';
import type { RequestsQuery, UrlAuth } from '../types.ts';
import { resolveApiKey } from './api-key.ts';
import { formatDateParam, type DateStyle } from './date-param.ts';

/** How one dialect spells a requests call (docs/dialects.md). */
export interface UrlStyle {
  paging: 'page' | 'offset' | 'none';
  /** Names of the page (or offset) and size parameters. */
  pageParam: string;
  sizeParam: string;
  /** Number of the first page (1 for `page=1`); unused for offset paging. */
  pageBase: number;
  defaultPageSize: number;
  /** Largest page size the server takes for this query (Mark-a-Spot allows more when a date filter is sent). */
  maxPageSize: (query: RequestsQuery) => number;
  dates: DateStyle;
  /** `range` = updated_after/updated_before; `since` = Mark-a-Spot's `updated` (≥, no upper bound). */
  updated: 'range' | 'since' | 'none';
  extensions: boolean;
  /** Klarschiff-like servers default `status` to open, so ask for both explicitly. */
  allStatuses: boolean;
  /** FixMyStreet refuses requests calls without a (any) jurisdiction_id. */
  jurisdictionRequired: boolean;
  idBatch: number;
}

type Param = [string, string];

const ENCODED_COMMA = /%2C/g;
const ENCODED_COLON = /%3A/g;

// Commas (id lists) and colons (times) stay readable; `+` and everything else is percent-encoded (GEOREPORT §10.19).
function encode(value: string): string {
  return encodeURIComponent(value).replace(ENCODED_COMMA, ',').replace(ENCODED_COLON, ':');
}

function withParams(url: URL, params: Param[]): URL {
  const existing = url.search.length > 1 ? `${url.search.slice(1)}&` : '';
  const query = params.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
  url.search = existing + query;
  return url;
}

function jurisdictionOf(endpoint: Endpoint, style: UrlStyle): string | null {
  if (endpoint.jurisdiction_id) return endpoint.jurisdiction_id;
  // Any non-empty value satisfies FixMyStreet; the spec suggests the host's domain (GEOREPORT §2.7).
  return style.jurisdictionRequired ? new URL(endpoint.base_url).hostname.replace(/^www\./, '') : null;
}

function commonParams(endpoint: Endpoint, style: UrlStyle): Param[] {
  const jurisdiction = jurisdictionOf(endpoint, style);
  return jurisdiction === null ? [] : [['jurisdiction_id', jurisdiction]];
}

function keyParams(endpoint: Endpoint, auth: UrlAuth | undefined): Param[] {
  const key = resolveApiKey({ endpoint, auth });
  return key === null ? [] : [['api_key', key]];
}

export function clampPageSize({ requested, style, query }: { requested: number; style: UrlStyle; query: RequestsQuery }): number {
  const size = Number.isFinite(requested) && requested >= 1 ? Math.floor(requested) : style.defaultPageSize;
  return Math.min(size, style.maxPageSize(query));
}

function filterParams(endpoint: Endpoint, query: RequestsQuery, style: UrlStyle): Param[] {
  const zone = endpoint.timezone;
  const date = (value: Date, rounding: 'floor' | 'ceil') => formatDateParam({ date: value, style: style.dates, zone, rounding });
  const params: Param[] = [];
  if (query.requested) {
    params.push(['start_date', date(query.requested.start, 'floor')], ['end_date', date(query.requested.end, 'ceil')]);
  }
  if (query.updated && style.updated === 'range') {
    params.push(['updated_after', date(query.updated.after, 'floor')], ['updated_before', date(query.updated.before, 'ceil')]);
  }
  if (query.updated && style.updated === 'since') params.push(['updated', date(query.updated.after, 'floor')]);
  if (style.allStatuses) params.push(['status', 'open,closed']);
  if (style.paging !== 'none') {
    const size = clampPageSize({ requested: query.pageSize, style, query });
    const page = Math.max(0, Math.floor(query.page));
    params.push([style.pageParam, String(style.paging === 'offset' ? page * size : style.pageBase + page)], [style.sizeParam, String(size)]);
  }
  return params;
}

/** `<base_url>requests.<format>?…`: an id re-poll carries only the ids (servers ignore other filters then, GEOREPORT §5.6). */
export function buildRequestsUrl({ endpoint, query, style, auth }: { endpoint: Endpoint; query: RequestsQuery; style: UrlStyle; auth?: UrlAuth }): URL {
  const url = new URL(`requests.${endpoint.format}`, endpoint.base_url);
  const params = commonParams(endpoint, style);
  if (query.ids && query.ids.length > 0) {
    if (query.ids.length > style.idBatch) throw new Error(`${query.ids.length} ids in one call, the dialect takes at most ${style.idBatch}`);
    params.push(['service_request_id', query.ids.join(',')]);
  } else {
    params.push(...filterParams(endpoint, query, style));
  }
  if (style.extensions) params.push(['extensions', 'true']);
  return withParams(url, [...params, ...keyParams(endpoint, auth)]);
}

/** `<base_url>services.<format>` with jurisdiction and key. */
export function buildServicesUrl({ endpoint, style, auth, extra = [] }: { endpoint: Endpoint; style: UrlStyle; auth?: UrlAuth; extra?: Param[] }): URL {
  const url = new URL(`services.${endpoint.format}`, endpoint.base_url);
  return withParams(url, [...commonParams(endpoint, style), ...extra, ...keyParams(endpoint, auth)]);
}
