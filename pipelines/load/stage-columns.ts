import { BOOLEAN, DOUBLE, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import type { CanonicalRequest } from '../normalize/types.ts';

type Value = string | number | boolean | null;

interface StageColumn {
  name: string;
  type: DuckDBType;
  get: (request: CanonicalRequest) => Value;
}

const text = (name: keyof CanonicalRequest): StageColumn => ({
  name,
  type: VARCHAR,
  get: (r) => (r[name] as string | null) ?? null,
});

/**
 * The staged form of a canonical request: scalars only, so a batch goes into DuckDB with appendDataChunk.
 * Timestamps stay ISO text and lists/objects JSON text; upsert-requests.sql casts them.
 */
export const requestStageColumns: StageColumn[] = [
  text('endpoint_id'),
  text('service_request_id'),
  text('token'),
  text('status'),
  text('status_raw'),
  text('detailed_status'),
  text('service_code'),
  text('service_name'),
  text('category'),
  text('agency_responsible'),
  text('service_notice'),
  text('description'),
  text('status_notes'),
  text('requested_at'),
  text('updated_at'),
  text('expected_at'),
  text('closed_at'),
  text('closed_at_source'),
  text('acknowledged_at'),
  text('address'),
  text('zipcode'),
  { name: 'lat', type: DOUBLE, get: (r) => r.lat },
  { name: 'lon', type: DOUBLE, get: (r) => r.lon },
  { name: 'media_urls', type: VARCHAR, get: (r) => JSON.stringify(r.media_urls) },
  text('channel'),
  text('district'),
  text('parent_request_id'),
  { name: 'is_duplicate', type: BOOLEAN, get: (r) => r.is_duplicate },
  { name: 'extended', type: VARCHAR, get: (r) => JSON.stringify(r.extended) },
  { name: 'quality_flags', type: VARCHAR, get: (r) => JSON.stringify(r.quality_flags) },
];

export const requestStageDdl = `CREATE OR REPLACE TEMP TABLE stage_requests (${[
  ...requestStageColumns.map((c) => `${c.name} ${c.type.toString()}`),
  'raw VARCHAR',
  'content_hash VARCHAR',
].join(', ')})`;

export const requestStageTypes: DuckDBType[] = [...requestStageColumns.map((c) => c.type), VARCHAR, VARCHAR];
