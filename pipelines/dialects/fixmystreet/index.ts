import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities, WireRequest } from '../types.ts';
import { pickSpecFields } from '../shared/spec-fields.ts';
import { isRecord, textOf } from '../shared/values.ts';

const capabilities: DialectCapabilities = {
  paging: 'none', defaultPageSize: 1000, maxPageSize: 1000, cap: 1000, windowDays: 30,
  updatedAfter: false, idBatch: 1, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
const lifted = new Set(['interface_used']);
// Older FixMyStreet wrapped scalar values in one-element arrays (GEOREPORT §7.8).
const SCALAR_FIELDS = ['service_request_id', 'status', 'service_code', 'service_name', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'lat', 'long', 'address', 'zipcode'] as const;

function toWire(raw: unknown): WireRequest {
  const wire = pickSpecFields({ raw, lifted });
  if (!isRecord(raw)) return wire;
  for (const key of SCALAR_FIELDS) {
    const value = wire[key];
    if (Array.isArray(value) && value.length === 1 && (value[0] === null || typeof value[0] !== 'object')) wire[key] = value[0];
  }
  // FixMyStreet's extended state words (fixed, action_scheduled, not_councils_responsibility...) travel in `status` itself.
  wire.detailed_status_raw = textOf(wire.status);
  wire.channel = textOf(raw.interface_used);
  return wire;
}

/** FixMyStreet (mySociety): no paging, 30-day windows with exclusive end_date, jurisdiction_id required, wrapped JSON. */
export const fixmystreet: Dialect = defineDialect({
  id: 'fixmystreet',
  description: 'FixMyStreet (mySociety): no paging, jurisdiction_id required, extended status words, {"service_requests":[…]} JSON',
  capabilities,
  url: { jurisdictionRequired: true },
  toWire,
});
