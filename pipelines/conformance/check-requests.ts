import type { CheckId } from './catalog.ts';
import { judgeDatetime, type DatetimeVerdict } from './datetime.ts';
import { observe, shown, type Observations } from './observations.ts';

export type WireFormat = 'json' | 'xml';

const REQUIRED = ['service_request_id', 'status', 'service_code', 'requested_datetime'] as const;
const DATETIMES = ['requested_datetime', 'updated_datetime', 'expected_datetime'] as const;
const TEXT_FIELDS = [
  'service_request_id', 'token', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'address', 'address_id', 'zipcode', 'media_url', ...DATETIMES,
] as const;
const NUMBER_FIELDS = ['lat', 'long'] as const;
/** Vendor names for spec fields (GEOREPORT §10.16): Mark-a-Spot, Helsinki, converters. */
const ALIASES: Readonly<Record<string, string>> = {
  address_string: 'address',
  status_note: 'status_notes',
  servicerequest_id: 'service_request_id',
  sevicerequest_id: 'service_request_id',
  lon: 'long',
  lng: 'long',
};
const ALIAS_KEYS = Object.keys(ALIASES);
const DATETIME_CHECKS: Record<Exclude<DatetimeVerdict, 'ok'>, CheckId> = {
  no_zone: 'datetime_without_zone',
  not_w3c: 'datetime_not_w3c',
  unparseable: 'datetime_unparseable',
};

/** Absent, null or empty: a missing value in JSON (null) and in XML (an empty element). */
export const isBlank = (value: unknown) => value === undefined || value === null || value === '';
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A string or null (JSON null; XML xsi:nil); an XML element with children parses to an object. */
function isText(value: unknown): boolean {
  return typeof value === 'string' || value === null || value === undefined;
}

/** JSON: a number or null; XML: empty or text that reads as a number. */
function isNumber(value: unknown, format: WireFormat): boolean {
  if (value === undefined || value === null) return true;
  if (format === 'json') return typeof value === 'number';
  return typeof value === 'string' && (value.trim() === '' || Number.isFinite(Number(value)));
}

/** A record of an answer, for the examples of its findings. */
interface RecordAt {
  where: string;
  record: Record<string, unknown>;
  index: number;
}

/** How an example names a request: its id, or its place in the answer when it has none. */
function requestLabel({ where, record, index }: RecordAt): string {
  return `${where}: request ${isBlank(record.service_request_id) ? `#${index + 1}` : shown(record.service_request_id)}`;
}

// The findings of one record, each with its example (built at the first sighting only). They are module functions,
// so that checkRequests makes no closure itself: a closure in its loops would capture the loop variable, and the
// engine then allocates a scope on every turn of every loop (some 30 a record) whether a check fails or not; and
// tsx (esbuild's keepNames) would name each closure assigned to a const with a defineProperty call.

function observeMissing(observations: Observations, at: RecordAt, field: string): void {
  observe(observations, 'required_field_missing', () => `${requestLabel(at)}: no ${field}`);
}

/** `check` for a field, the example showing the field's value. */
function observeValue(observations: Observations, check: CheckId, at: RecordAt, field: string): void {
  observe(observations, check, () => `${requestLabel(at)}: ${field} = ${shown(at.record[field])}`);
}

function observeAlias(observations: Observations, at: RecordAt, alias: string): void {
  observe(observations, 'field_name_deviation', () => `${requestLabel(at)}: ${alias} instead of ${ALIASES[alias]}`);
}

function observeRepeated(observations: Observations, at: RecordAt): void {
  observe(observations, 'duplicate_in_answer', () => `${requestLabel(at)} is listed twice`);
}

function observeMalformed(observations: Observations, where: string, item: unknown, index: number): void {
  observe(observations, 'malformed_record', () => `${where}: item ${index + 1} is ${shown(item)}`);
}

/**
 * The per-record checks of a requests answer (list or single): required fields, types, vendor field names,
 * date-times, status words, ids listed twice. Pure and cheap: a few property reads per record.
 */
export function checkRequests({ records, format, where, observations }: { records: readonly unknown[]; format: WireFormat; where: string; observations: Observations }): void {
  const ids = new Set<string>();
  records.forEach((record, index) => {
    if (!isObject(record)) {
      observeMalformed(observations, where, record, index);
      return;
    }
    const at: RecordAt = { where, record, index };
    for (const field of REQUIRED) {
      // A batch service's request may carry a token until it has an id (GeoReport v2, GET service_request_id from a token).
      if (isBlank(record[field]) && !(field === 'service_request_id' && !isBlank(record.token))) observeMissing(observations, at, field);
    }
    for (const field of TEXT_FIELDS) {
      if (!isText(record[field])) observeValue(observations, 'wrong_type', at, field);
    }
    for (const field of NUMBER_FIELDS) {
      if (!isNumber(record[field], format)) observeValue(observations, 'wrong_type', at, field);
    }
    for (const alias of ALIAS_KEYS) {
      if (alias in record && isBlank(record[ALIASES[alias]!])) observeAlias(observations, at, alias);
    }
    for (const field of DATETIMES) {
      const value = record[field];
      if (typeof value !== 'string' || value === '') continue;
      const verdict = judgeDatetime(value);
      if (verdict !== 'ok') observeValue(observations, DATETIME_CHECKS[verdict], at, field);
    }
    const status = record.status;
    if (typeof status === 'string' && status !== '' && status !== 'open' && status !== 'closed') observeValue(observations, 'status_not_open_closed', at, 'status');
    const id = record.service_request_id;
    if (typeof id === 'string' || typeof id === 'number') {
      const key = String(id);
      if (ids.has(key)) observeRepeated(observations, at);
      ids.add(key);
    }
  });
}
