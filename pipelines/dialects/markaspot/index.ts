import { EnvelopeError } from '../../parse/types.ts';
import type { ParsedBody } from '../../parse/types.ts';
import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities, RequestsQuery, WireRequest } from '../types.ts';
import { describeVendorErrors, findVendorErrors } from '../shared/error-body.ts';
import { readRequestList } from '../shared/envelope.ts';
import { pickSpecFields } from '../shared/spec-fields.ts';
import { asRecord, isRecord, textOf } from '../shared/values.ts';

const capabilities: DialectCapabilities = {
  paging: 'offset', defaultPageSize: 50, maxPageSize: 100, cap: 100, windowDays: 90,
  updatedAfter: true, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
// Mark-a-Spot lifts its limit cap from 100 to 500 when a start_date or `updated` filter is sent.
const maxPageSize = (query: RequestsQuery) => (query.requested || query.updated ? 500 : 100);
const NO_ROWS = /no service ?requests? found/i;
const COMMA_LIST = /\s*,\s*/;

/** An empty answer is HTTP 404 `{"error":{"code":404,"message":"No Service requests found"}}`: that means no rows. */
function readRequests(body: ParsedBody): unknown[] {
  const errors = findVendorErrors({ body });
  if (errors !== null) {
    if (errors.length > 0 && errors.every((e) => e.code === '404' || NO_ROWS.test(e.message))) return [];
    throw new EnvelopeError(describeVendorErrors({ errors }));
  }
  return readRequestList({ body });
}

function toWire(raw: unknown): WireRequest {
  const wire = pickSpecFields({ raw });
  // With extensions, the taxonomy term behind open/closed: "In Bearbeitung", "Erledigt"... (GEOREPORT §7.9).
  const descriptiveName = isRecord(raw) ? textOf(asRecord(asRecord(raw.extended_attributes).markaspot).status_descriptive_name) : null;
  if (descriptiveName !== null) wire.detailed_status_raw = descriptiveName;
  // Several photos arrive as one comma-joined media_url.
  if (typeof wire.media_url === 'string' && wire.media_url.includes(',')) {
    wire.media_urls = wire.media_url.split(COMMA_LIST).filter((url) => url !== '');
    wire.media_url = undefined;
  }
  return wire;
}

/** Mark-a-Spot (Drupal; Köln, Bonn...): limit/offset paging, `updated` since-filter, address_string/status_note names, 404 for no rows. */
export const markaspot: Dialect = defineDialect({
  id: 'markaspot',
  description: 'Mark-a-Spot (Köln, Bonn...): limit/offset, `updated` filter, address_string/status_note, 404 when empty',
  capabilities,
  url: { maxPageSize, updated: 'since', extensions: true },
  readRequests,
  toWire,
});
