import type { WireRequest, WireService } from '../types.ts';
import { isRecord } from './values.ts';

const SPEC_REQUEST_KEYS = new Set([
  'service_request_id', 'token', 'status', 'status_notes', 'service_name', 'service_code', 'description',
  'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime',
  'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
]);

/** Vendor spellings of spec fields (GEOREPORT §10.16, QUIRKS §2): Mark-a-Spot, converters, POST-style names. */
const REQUEST_ALIASES: Readonly<Record<string, string>> = {
  servicerequest_id: 'service_request_id',
  sevicerequest_id: 'service_request_id',
  address_string: 'address',
  status_note: 'status_notes',
  lon: 'long',
  lng: 'long',
};

const SPEC_SERVICE_KEYS = new Set(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Splits a raw record into spec-named fields and `extended` (every other key, as sent). An alias fills a spec
 * field only when the spec key itself is blank; otherwise the alias stays in `extended`. `lifted` keys are
 * read by the dialect itself and left out of `extended`.
 */
export function pickSpecFields({ raw, lifted }: { raw: unknown; lifted?: ReadonlySet<string> }): WireRequest {
  const wire: WireRequest = { extended: {}, raw };
  if (!isRecord(raw)) return wire;
  const fields = wire as unknown as Record<string, unknown>;
  // Made at the first alias: most records use none, and this runs for every record.
  let filledByAlias: Map<string, string> | undefined;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (lifted?.has(key) || key === '__proto__') continue;
    if (SPEC_REQUEST_KEYS.has(key)) {
      const alias = filledByAlias?.get(key);
      if (alias !== undefined) {
        if (isBlank(value)) continue;
        wire.extended[alias] = fields[key];
        filledByAlias?.delete(key);
      }
      fields[key] = value;
      continue;
    }
    const target = REQUEST_ALIASES[key];
    if (target !== undefined) {
      const current = fields[target];
      if (current === undefined || (isBlank(current) && !isBlank(value))) {
        fields[target] = value;
        (filledByAlias ??= new Map()).set(target, key);
      } else {
        wire.extended[key] = value;
      }
      continue;
    }
    wire.extended[key] = value;
  }
  return wire;
}

/** Spec service fields plus `extended` for the rest. */
export function pickServiceFields({ raw }: { raw: unknown }): WireService {
  const service: WireService = { extended: {}, raw };
  if (!isRecord(raw)) return service;
  const fields = service as unknown as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (key === '__proto__') continue;
    if (SPEC_SERVICE_KEYS.has(key)) fields[key] = raw[key];
    else service.extended[key] = raw[key];
  }
  return service;
}
