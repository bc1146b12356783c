import { z } from 'zod';
import type { MetricDefinitionJson, MetricResultJson, PolygonSet } from '../../pipelines/metrics/index.ts';
import { categorySlugs } from '../../pipelines/normalize/taxonomy.ts';
import { detailedStatuses } from './api/request-params.ts';
import type { ErrorCode } from './errors.ts';

/**
 * The answers of the routes (docs/api.md), as zod schemas: each route's `response` (RouteSpec) is documented in
 * openapi.json and checked against the served answers by test/api/openapi.test.ts, so neither can drift.
 *
 * Rows that carry many columns are loose objects (a column added to the store is not a break; the document says
 * `additionalProperties` may be present); small fixed envelopes are strict (the document says there is nothing else,
 * and the check fails if a field appears that is not documented).
 */

// ---- Shared pieces --------------------------------------------------------------------------------------------

/** ISO 8601 UTC with `Z` and milliseconds, as /api/v1 writes every timestamp. */
const time = z.iso.datetime({ precision: 3 });
/** GeoReport's W3C date-time: whole seconds, UTC, `Z`. */
const specTime = z.iso.datetime({ precision: 0 });
const int = z.int();
const nullableText = z.string().nullable();

export const harvestOutcomes = ['running', 'ok', 'partial', 'failed', 'interrupted'] as const;

const status = z.enum(['open', 'closed']);
const detailedStatus = z.enum(detailedStatuses).nullable();
const category = z.enum(categorySlugs).describe('taxonomy slug (GET /api/v1/categories)');
const closedAtSource = z.enum(['event', 'observed', 'updated_datetime']).nullable().describe('how closed_at was learned');
const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('west, south, east, north (WGS84)');

/** The canonical request as /api/v1 shows it (pages, exports, the detail route): CONTRACT §1 without `raw`. */
export const requestRow = z.looseObject({
  endpoint_id: z.string(),
  service_request_id: z.string().describe('the id as the source sent it'),
  token: nullableText,
  status,
  status_raw: nullableText.describe('the status word as the source sent it'),
  detailed_status: detailedStatus,
  service_code: nullableText,
  service_name: nullableText,
  category,
  agency_responsible: nullableText,
  service_notice: nullableText,
  description: nullableText,
  status_notes: nullableText,
  requested_at: time,
  updated_at: time.nullable(),
  expected_at: time.nullable(),
  closed_at: time.nullable(),
  closed_at_source: closedAtSource,
  closed_after: time.nullable().describe("with closed_at_source 'observed': the last harvest that still saw it open"),
  acknowledged_at: time.nullable(),
  address: nullableText,
  zipcode: nullableText,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  media_urls: z.array(z.string()),
  channel: nullableText,
  district: nullableText.describe('vendor area code'),
  parent_request_id: nullableText,
  is_duplicate: z.boolean(),
  extended: z.record(z.string(), z.unknown()).nullable().describe("the vendor's extra fields"),
  quality_flags: z.array(z.string()).describe('what normalization corrected or dropped'),
  first_seen_at: time,
  last_seen_at: time,
});

/** GeoReport v2 §5.6 request under the spec's names, as /open311/v2 answers it (JSON: Spark convention). */
export const geoReportRequest = z.looseObject({
  service_request_id: z.string(),
  status,
  status_notes: nullableText,
  service_name: nullableText,
  service_code: nullableText,
  description: nullableText,
  agency_responsible: nullableText,
  service_notice: nullableText,
  requested_datetime: specTime,
  updated_datetime: specTime.nullable(),
  expected_datetime: specTime.nullable(),
  address: nullableText,
  address_id: nullableText,
  zipcode: nullableText,
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: nullableText.describe('the first media URL'),
  extended_attributes: z
    .strictObject({
      endpoint_id: z.string(),
      category,
      detailed_status: detailedStatus,
      status_raw: nullableText,
      closed_datetime: specTime.nullable(),
      closed_at_source: closedAtSource,
      channel: nullableText,
      district: nullableText,
      is_duplicate: z.boolean(),
      parent_request_id: nullableText,
      media_urls: z.array(z.string()),
    })
    .optional()
    .describe('with extensions=true'),
  notes: z
    .array(z.strictObject({ datetime: specTime, status: status.nullable(), detailed_status: detailedStatus, type: z.string(), source: z.enum(['harvest', 'notes']) }))
    .optional()
    .describe('with extensions=true: the status history'),
});

const apiErrorCodes = [
  'bad_parameter', 'unknown_parameter', 'bad_cursor', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'payload_too_large', 'admin_disabled', 'internal',
] as const;

/** The one error shape of /api/v1 (CONTRACT §5). */
export const apiError = z.strictObject({
  error: z.strictObject({
    status: int,
    code: z.enum(apiErrorCodes),
    message: z.string(),
    parameter: nullableText.describe('the parameter at fault; null when no single one is'),
  }),
});

/** GeoReport v2 §6: the error list of /open311/v2 (XML: `<errors><error><code/><description/></error></errors>`). */
export const geoReportErrors = z
  .array(z.strictObject({ code: int.describe('the HTTP status'), description: z.string().describe('starts with the parameter at fault and a colon') }))
  .min(1);

const page = <T extends z.ZodType>(row: T) => z.strictObject({ rows: z.array(row) });

// ---- GeoReport v2: /open311/v2 --------------------------------------------------------------------------------

export const discoveryResponse = z.strictObject({
  changeset: specTime.describe('when the endpoint list last changed'),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.strictObject({
      specification: z.literal('http://wiki.open311.org/GeoReport_v2'),
      url: z.url(),
      changeset: specTime,
      type: z.enum(['production', 'test']),
      formats: z.array(z.enum(['text/xml', 'application/json'])),
    }),
  ),
});

export const serviceListResponse = z.array(
  z.strictObject({
    service_code: z.string(),
    service_name: nullableText,
    description: nullableText,
    metadata: z.boolean().describe('always false: fed311 keeps no service definitions'),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: nullableText,
    group: nullableText,
  }),
);

export const serviceDefinitionResponse = z.strictObject({
  service_code: z.string(),
  attributes: z.tuple([]).describe('always empty: fed311 keeps no attributes'),
});

export const geoReportRequestsResponse = z.array(geoReportRequest).describe('paging in the headers: X-Total-Count, X-Page, X-Page-Size, Link rel="next"');

// ---- /api/v1 --------------------------------------------------------------------------------------------------

const harvestRun = {
  run_id: int,
  mode: z.enum(['backfill', 'incremental']),
  started_at: time,
  finished_at: time.nullable(),
  outcome: z.enum(harvestOutcomes),
  records_seen: int,
  error: nullableText,
};

export const endpointsResponse = page(
  z.looseObject({
    endpoint_id: z.string(),
    name: z.string(),
    base_url: z.string(),
    jurisdiction_id: nullableText,
    dialect: z.string(),
    format: z.enum(['json', 'xml']),
    timezone: z.string(),
    license: nullableText,
    enabled: z.boolean(),
    bbox: bbox.nullable().describe("the registry's box, else the one learned from the endpoint's coordinates"),
    bbox_source: z.enum(['registry', 'learned']).nullable(),
    requests: int,
    open: int,
    oldest_requested_at: time.nullable(),
    newest_requested_at: time.nullable(),
    newest_updated_at: time.nullable(),
    freshness_hours: z.number().nullable().describe('hours since the last successful harvest'),
    last_success_at: time.nullable(),
    backfill_complete: z.boolean(),
    last_run: z.strictObject(harvestRun).nullable(),
    uptime: z.strictObject({ days: z.literal(30), runs: int, ok: int, share_ok: z.number().nullable().describe('ok ÷ finished runs') }),
    latency_ms_p50: z.number().nullable().describe("median of the runs' median call latency"),
    conformance: z
      .strictObject({
        checked_at: time,
        errors: int,
        warnings: int,
        info: int,
        findings: z.array(z.strictObject({ check_id: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string(), count: int, example: nullableText })),
      })
      .nullable()
      .describe('null only for an endpoint never checked'),
    quality: z
      .looseObject({
        computed_at: time,
        requests: int,
        missing_location: z.number().nullable(),
        zero_coordinates: z.number().nullable(),
        invalid_coordinates: z.number().nullable(),
        out_of_box: z.number().nullable(),
        swapped_coordinates: z.number().nullable(),
        unparseable_timestamps: z.number().nullable(),
        future_timestamps: z.number().nullable(),
        closed: int,
        negative_durations: int,
        fast_closes: int,
        rejected_records: int,
        uncategorized: z.number().nullable(),
      })
      .nullable()
      .describe('shares (0–1) and counts of the latest quality check'),
  }),
);

export const servicesResponse = page(
  z.looseObject({
    endpoint_id: z.string(),
    service_code: z.string(),
    service_name: nullableText,
    description: nullableText,
    category,
    group: nullableText,
    keywords: nullableText,
    metadata: z.boolean().nullable(),
    type: nullableText,
    requests: int,
  }),
);

export const categoriesResponse = page(z.strictObject({ category, label: z.string(), description: z.string(), requests: int, open: int }));

export const requestPageResponse = z.strictObject({
  rows: z.array(requestRow),
  next: nullableText.describe('the cursor of the next page; null on the last'),
});

/** format=geojson: Point features (null geometry without coordinates), properties = the row without lat/lon. */
/** Where an export came from (server/http/api/export/provenance.ts), in the GeoJSON and Parquet files. */
export const exportProvenance = z.strictObject({
  query: z.string().describe('the request that made the export'),
  last_run_id: int.nullable().describe('the last harvest run in the store when the export started'),
  data_as_of: time.nullable().describe('when that run finished'),
  harvest_running: z.boolean().describe('whether a harvest was writing when the export started'),
  exported_at: time,
  fed311_version: z.string(),
});

export const requestFeatureCollection = z.strictObject({
  type: z.literal('FeatureCollection'),
  fed311: exportProvenance.describe('provenance (a GeoJSON foreign member)'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      geometry: z.strictObject({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }).nullable(),
      properties: requestRow.omit({ lat: true, lon: true }),
    }),
  ),
});

export const requestDetailResponse = z.strictObject({
  request: requestRow.extend({ raw: z.unknown().optional().describe('with raw=true: the record as received, personal fields removed') }),
  history: z.array(
    z.strictObject({
      observed_at: time,
      status: status.nullable(),
      status_raw: nullableText,
      detailed_status: detailedStatus,
      updated_at: time.nullable(),
      source: z.enum(['harvest', 'notes']),
      note_type: nullableText,
    }),
  ),
});

const groupKey = z.enum(['endpoint', 'category', 'service_code', 'period', 'h3', 'district', 'polygon']);

export const metricDefinition = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  formula: z.string(),
  unit: z.string(),
  values: z.array(z.string()).describe('names of the entries of a row’s values; value is the first'),
  group_by: z.array(groupKey).describe('the group keys this metric takes'),
  guarded_values: z.array(z.string()).describe('the values that are null in a row whose n is below min_n (rates and durations; exact tallies never)'),
  caveats: z.array(z.string()).optional(),
});

export const metricsResponse = page(metricDefinition);

export const metricResponse = z.strictObject({
  metric: z.string(),
  definition: metricDefinition,
  as_of: time.describe('the time the metric is measured at'),
  rows: z.array(
    z.strictObject({
      group: z.record(z.string(), z.union([z.string(), z.number()]).nullable()).describe('the group keys asked for, with their values'),
      n: int,
      value: z.number().nullable(),
      values: z.record(z.string(), z.number().nullable()).optional(),
      suppressed: z.boolean().describe('n below min_n: value and values are null'),
      license: z.string().nullable().optional().describe('grouped by endpoint: its data license (null when the registry gives none)'),
    }),
  ),
  summary: z.record(z.string(), z.number().nullable()).optional().describe('equity: spread and ratio between areas'),
  known_until: z
    .record(z.string(), time)
    .optional()
    .describe('endpoints whose last successful harvest is before as_of, with its time: their open requests are measured (censored, aged) then'),
});

export const hexagonsResponse = z.strictObject({
  resolution: int,
  rows: z.array(
    z.strictObject({
      h3: z.string().describe('H3 cell index'),
      n: int,
      open: int,
      median_days_open: z.number().nullable(),
      categories: z.record(z.string(), int).optional().describe('with categories=true: requests per category'),
    }),
  ),
});

export const pointsResponse = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      geometry: z.strictObject({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).describe('lon, lat') }),
      properties: z.strictObject({
        endpoint_id: z.string(),
        service_request_id: z.string(),
        category,
        status,
        requested_at: time,
        days_open: z.number().nullable().describe('open requests'),
        ttc_days: z.number().nullable().describe('closed requests: days to close'),
      }),
    }),
  ),
  truncated: z.boolean().describe('more than limit matched'),
});

export const lookupResponse = page(z.strictObject({ endpoint_id: z.string(), name: z.string(), bbox, bbox_source: z.enum(['registry', 'learned']) }));

export const harvestsResponse = z.strictObject({
  rows: z.array(
    z.looseObject({
      ...harvestRun,
      endpoint_id: z.string(),
      pages: int,
      inserted: int,
      updated: int,
      rejected: int,
      http_calls: int,
      retries: int,
      bytes: int,
      windows_split: int,
      latency_ms_p50: z.number().nullable(),
    }),
  ),
  next: nullableText,
  scheduled: z.record(z.string(), time.nullable()).describe('next run per endpoint'),
  running: z.array(z.string()).describe('endpoints being harvested now'),
});

export const openApiResponse = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ summary: z.string(), responses: z.record(z.string(), z.unknown()) }))),
});

export const harvestStartedResponse = z.strictObject({ started: z.string().describe('the endpoint id') });
export const registryReloadedResponse = z.strictObject({ endpoints: int.describe('endpoints in the registry now') });

export const polygonSet = z.strictObject({
  set_id: z.string().describe('the id metrics take as polygons='),
  name: z.string(),
  polygons: int.describe('polygons in the set'),
  loaded_at: time,
});
export const polygonSetsResponse = z.strictObject({ rows: z.array(polygonSet) });

// Where the answer has a TypeScript type of its own, the schema must describe it exactly (checked by tsc).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesAgree: [
  Same<(typeof apiErrorCodes)[number], ErrorCode>,
  Same<z.output<typeof metricDefinition>, MetricDefinitionJson>,
  Same<z.output<typeof metricResponse>, MetricResultJson>,
  Same<z.output<typeof polygonSet>, PolygonSet>,
] = [true, true, true, true];
void typesAgree;
