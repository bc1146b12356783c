import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities, WireRequest } from '../types.ts';
import { readRequestList } from '../shared/envelope.ts';
import { readActivityLog } from '../shared/notes.ts';
import { pickSpecFields } from '../shared/spec-fields.ts';
import { asRecord, isRecord, textOf, urlsOf } from '../shared/values.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 100, maxPageSize: 500, cap: 500, windowDays: 30,
  updatedAfter: true, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
/** Helsinki sends its compound state as one comma-joined string; a list is joined the same way. */
function detailedStatusOf(value: unknown): string | null {
  if (Array.isArray(value)) return textOf(value.map((part) => textOf(part)).filter((part) => part !== null).join(','));
  return textOf(value);
}

function toWire(raw: unknown): WireRequest {
  const wire = pickSpecFields({ raw });
  if (!isRecord(raw)) return wire;
  const attributes = asRecord(raw.extended_attributes);
  wire.detailed_status_raw = detailedStatusOf(attributes.detailed_status);
  const media = urlsOf(attributes.media_urls, 'media_url');
  if (media.length > 0) wire.media_urls = media;
  if (attributes.log !== undefined) wire.notes = readActivityLog({ value: attributes.log });
  // Klarschiff stamps the last detailed-state change; on a closed request that is the close time (GEOREPORT §7.5).
  if (textOf(raw.status)?.toLowerCase() === 'closed' && attributes.detailed_status_datetime !== undefined) {
    wire.closed_event_at = attributes.detailed_status_datetime;
  }
  return wire;
}

/** The same request can come twice in one answer (Helsinki, GEOREPORT §7.4): keep the first. */
function withoutRepeats(records: unknown[]): unknown[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const id = isRecord(record) ? textOf(record.service_request_id) : null;
    if (id === null) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** CitySDK servers (Helsinki, 6Aika cities, Klarschiff): pages from 1, 30-day windows, detailed_status and media_urls extensions. */
export const citysdk: Dialect = defineDialect({
  id: 'citysdk',
  description: 'CitySDK (Helsinki, 6Aika, Klarschiff): pages from 1, updated_after/before, compound detailed_status',
  capabilities,
  // Klarschiff (a CitySDK server) answers only open requests unless asked for both (GEOREPORT §4).
  url: { extensions: true, allStatuses: true },
  readRequests: (body) => withoutRepeats(readRequestList({ body })),
  toWire,
});
