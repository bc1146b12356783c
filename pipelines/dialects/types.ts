import type { Endpoint } from '../registry/types.ts';
import type { ParsedBody } from '../parse/types.ts';

/** What one GET requests call asks for. The harvester speaks in these terms; dialects turn them into URLs. */
export interface RequestsQuery {
  /** Bounds on requested_datetime (start inclusive, end exclusive from the harvester's view; dialects send what their server needs). */
  requested?: { start: Date; end: Date };
  /** Bounds on updated_datetime; only for dialects with capabilities.updatedAfter. */
  updated?: { after: Date; before: Date };
  /** Re-poll these ids (service_request_id list); other filters are then ignored by servers. */
  ids?: string[];
  /** 0-based page index from the harvester's view; the dialect maps it to its own base or an offset. */
  page: number;
  pageSize: number;
}

export interface DialectCapabilities {
  paging: 'page' | 'offset' | 'none';
  /** What the server sends when no page size is asked for (documentation: the harvester always asks, see page-size.ts). */
  defaultPageSize: number;
  maxPageSize: number;
  /** Most records one call can return when there is no paging (spec: 1000). With paging, a page holds at most pageSize. */
  cap: number;
  /** Widest requested_datetime window to ask for in one query (spec: 90). */
  windowDays: number;
  /** The server filters on updated_datetime (updated_after/updated_before, or Mark-a-Spot's `updated`). */
  updatedAfter: boolean;
  /** How many ids one re-poll call may carry (1 = the server takes a single id only). */
  idBatch: number;
  rateLimitPerMinute: number;
  /** A page past the end repeats the last page instead of coming back empty (uReport). */
  pastEndRepeatsLastPage: boolean;
}

/** One service request as the dialect read it: spec field names, values still as sent (any type). */
export interface WireRequest {
  service_request_id?: unknown;
  token?: unknown;
  status?: unknown;
  status_notes?: unknown;
  service_name?: unknown;
  service_code?: unknown;
  description?: unknown;
  agency_responsible?: unknown;
  service_notice?: unknown;
  requested_datetime?: unknown;
  updated_datetime?: unknown;
  expected_datetime?: unknown;
  address?: unknown;
  address_id?: unknown;
  zipcode?: unknown;
  lat?: unknown;
  long?: unknown;
  /** Core media_url as sent (string, list, comma-joined string...). */
  media_url?: unknown;
  // Vendor facts the dialect lifted out of its extensions (null/absent when the vendor has none).
  /** The vendor's finer state word(s), e.g. Helsinki "PROCESSED,PUBLIC_WORKS_COMPLETED", FixMyStreet "fixed". */
  detailed_status_raw?: string | null;
  /** Extra photo URLs from vendor lists (extended_attributes.media_urls, photos[].media_url...). */
  media_urls?: string[];
  channel?: string | null;
  district?: string | null;
  parent_request_id?: string | null;
  is_duplicate?: boolean;
  /** An explicit close time the vendor gives (not updated_datetime). */
  closed_event_at?: unknown;
  acknowledged_at?: unknown;
  /** Status history the vendor sends (Chicago/Boston/SF notes[], 6Aika log[]), oldest first. */
  notes?: WireNote[];
  /** Every other field the vendor sent, keys kept as sent (personal fields are removed later, by normalize). */
  extended: Record<string, unknown>;
  /** The record exactly as parsed from the wire. */
  raw: unknown;
}

export interface WireNote {
  datetime: unknown;
  /** Vendor note type, e.g. submitted, opened, activity, closed. */
  type: string | null;
  summary: string | null;
  description: string | null;
}

/** Credentials for one URL: `apiKey` set (or null for none) overrides the environment lookup. */
export interface UrlAuth {
  apiKey?: string | null;
}

export interface Dialect {
  id: string;
  /** One line on who speaks it. */
  description: string;
  capabilities: DialectCapabilities;
  /** `auth` is optional: without it the key comes from process.env[endpoint.api_key_env]. */
  requestsUrl(endpoint: Endpoint, query: RequestsQuery, auth?: UrlAuth): URL;
  servicesUrl(endpoint: Endpoint, auth?: UrlAuth): URL;
  /** Envelope → raw records (objects or, for malformed input, anything). Throws EnvelopeError when the body is no requests list. */
  readRequests(body: ParsedBody): unknown[];
  /** Envelope → raw service list entries. */
  readServices(body: ParsedBody): unknown[];
  /** Raw record → spec-named record. Must not throw: non-objects give a WireRequest with only `raw` and `extended` set. */
  toWire(raw: unknown): WireRequest;
  /** Raw services entry → spec-named service. */
  toService(raw: unknown): WireService;
}

export interface WireService {
  service_code?: unknown;
  service_name?: unknown;
  description?: unknown;
  metadata?: unknown;
  type?: unknown;
  keywords?: unknown;
  group?: unknown;
  extended: Record<string, unknown>;
  raw: unknown;
}
