/** The canonical request as /api/v1 shows it (CONTRACT §1 without `raw` and the loader's bookkeeping). */
const textColumns = [
  'endpoint_id', 'service_request_id', 'token', 'status', 'status_raw', 'detailed_status', 'service_code', 'service_name',
  'category', 'agency_responsible', 'service_notice', 'description', 'status_notes',
] as const;
const timeColumns = ['requested_at', 'updated_at', 'expected_at', 'closed_at'] as const;
const laterTimeColumns = ['closed_after', 'acknowledged_at'] as const;
const placeColumns = ['address', 'zipcode', 'lat', 'lon', 'media_urls', 'channel', 'district', 'parent_request_id', 'is_duplicate'] as const;
const jsonColumns = ['extended'] as const;
const seenColumns = ['quality_flags', 'first_seen_at', 'last_seen_at'] as const;

export const requestColumns = [
  ...textColumns, ...timeColumns, 'closed_at_source', ...laterTimeColumns, ...placeColumns, ...jsonColumns, ...seenColumns,
] as const;

const timestamps = new Set<string>([...timeColumns, ...laterTimeColumns, 'first_seen_at', 'last_seen_at']);

/** ISO 8601 UTC with milliseconds, formatted by DuckDB (every connection runs with TimeZone=UTC). */
export function isoSql(column: string): string {
  return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}

/** The SELECT list: timestamps already as text, JSON as text (parsed by `parseJsonColumns` where objects are wanted). */
export const requestSelectList = requestColumns.map((c) => (timestamps.has(c) ? `${isoSql(c)} AS ${c}` : c === 'extended' ? `extended::VARCHAR AS extended` : c)).join(', ');

/**
 * One request as JSON text, written by DuckDB (an expression): the fields of `requestSelectList` in the same order,
 * `extended` as an object — how /api/v1/requests pages show a request (selectJsonPage). DuckDB writing the text
 * spares the server 35 JavaScript values per row and their stringifying (docs/api.md). Its text differs from
 * JSON.stringify's only in spelling (42.0 for 42, \u001F for \u001f), never in value.
 */
export const requestJson = `to_json(struct_pack(${requestColumns.map((c) => `${c} := ${timestamps.has(c) ? isoSql(c) : c}`).join(', ')}))::VARCHAR`;

export type ApiRequestRow = Record<(typeof requestColumns)[number], unknown>;

/** `extended` arrives as JSON text; JSON answers show it as an object. */
export function parseJsonColumns(row: Record<string, unknown>): ApiRequestRow {
  if (typeof row.extended === 'string') row.extended = JSON.parse(row.extended);
  return row as ApiRequestRow;
}
