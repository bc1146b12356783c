import type { DuckDBConnection } from '@duckdb/node-api';
import { readRows, type Row } from '../../../pipelines/load/store.ts';

/** GeoReport's W3C date-time: whole seconds, UTC, `Z` (GEOREPORT_V2.md §3: what the reference validator accepts). */
const specTime = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;

/** Canonical columns under the spec's field names (GeoReport §5.6), in the spec's order. */
export const specRequestSelect = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  `${specTime('requested_at')} AS requested_datetime`, `${specTime('updated_at')} AS updated_datetime`, `${specTime('expected_at')} AS expected_datetime`,
  'address', `extended->>'address_id' AS address_id`, 'zipcode', 'lat', 'lon AS long', 'media_urls[1] AS media_url',
].join(', ');

/** The extended_attributes of `extensions=true` (GeoReport §11: source id, raw status, detailed status, media urls …). */
const extensionColumns: Record<string, string> = {
  endpoint_id: 'endpoint_id', category: 'category', detailed_status: 'detailed_status', status_raw: 'status_raw',
  closed_datetime: specTime('closed_at'), closed_at_source: 'closed_at_source', channel: 'channel', district: 'district',
  is_duplicate: 'is_duplicate', parent_request_id: 'parent_request_id', media_urls: 'media_urls',
};
export const extensionSelect = Object.entries(extensionColumns).map(([name, sql]) => `${sql} AS ${name}`).join(', ');

/** Splits a row selected with both lists into the spec's fields plus `extended_attributes`. */
export function withExtensions(row: Row, notes: Row[]): Row {
  const spec: Row = {};
  const extended: Row = {};
  for (const [key, value] of Object.entries(row)) (key in extensionColumns ? extended : spec)[key] = value;
  return { ...spec, extended_attributes: extended, notes };
}

/** The status history of these requests as GeoReport `notes` (the Chicago/Boston `notes[]` extension shape). */
export async function notesFor(connection: DuckDBConnection, endpointId: string, ids: string[]): Promise<Map<string, Row[]>> {
  const byId = new Map<string, Row[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = await readRows<Row & { service_request_id: string }>(
    connection,
    `SELECT service_request_id, ${specTime('observed_at')} AS datetime, status, detailed_status, coalesce(note_type, 'status') AS type, source
     FROM request_events WHERE endpoint_id = ? AND service_request_id IN (${ids.map(() => '?').join(', ')})
     ORDER BY request_events.observed_at, source`,
    [endpointId, ...ids],
  );
  for (const { service_request_id, ...note } of rows) byId.get(service_request_id)?.push(note);
  return byId;
}
