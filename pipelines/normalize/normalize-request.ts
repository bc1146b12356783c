// Wire record → canonical row: ids to text, vendor words to open/closed, times to UTC, coordinates checked,
// personal fields removed. Text is only whitespace-tidied here; HTML and redaction inside text are a later stage.
import type { WireRequest } from '../dialects/types.ts';
import type { Endpoint } from '../registry/types.ts';
import { categorize } from './categorize.ts';
import { normalizeCoordinates } from './coordinates.ts';
import { collectMediaUrls } from './media-urls.ts';
import { firstAcknowledgedAt, lastClosedAt, latestNoteDetailed, noteEventsOf } from './note-events.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import { withoutPersonalFields } from './personal-fields.ts';
import { detailedStatusFromRaw, statusWord, type StatusWord } from './status-words.ts';
import { freeText, plainText } from './clean-text.ts';
import { flattenText, idText, isBlankish, tidyText } from './text.ts';
import type { CanonicalRequest, DetailedStatus, NormalizeResult, NoteEvent } from './types.ts';

export interface NormalizeInput {
  wire: WireRequest;
  endpoint: Endpoint;
  /** service_code → service_name from the endpoint's services list, for records that omit the name. */
  serviceNames?: Map<string, string>;
  /** service_code → category the services list gave (it saw the service's group and keywords, which records lack). */
  serviceCategories?: Map<string, string>;
}

const ZIP_UNKNOWN = new Set(['0', 'null']);

function reject(endpoint: Endpoint, reason: string, raw: unknown): NormalizeResult {
  return { ok: false, rejected: { endpoint_id: endpoint.id, reason, raw: withoutPersonalFields(raw) } };
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An optional timestamp: blank → null; present but unreadable → null and a quality flag. */
function optionalTimestamp(value: unknown, zone: string, flag: string, flags: string[]): string | null {
  if (isBlankish(value)) return null;
  const iso = parseTimestamp({ value, zone });
  if (iso === null) flags.push(flag);
  return iso;
}

function zipcodeOf(value: unknown): string | null {
  const zip = tidyText(value);
  return zip === null || ZIP_UNKNOWN.has(zip.toLowerCase()) ? null : zip;
}

/** `extended` minus personal fields, plus address_id (a spec field the canonical row has no column for). */
function extendedOf(wire: WireRequest): Record<string, unknown> {
  const extended = withoutPersonalFields(wire.extended ?? {});
  const addressId = idText(wire.address_id);
  return addressId === null ? extended : { ...extended, address_id: wire.address_id };
}

function normalizeOrReject({ wire, endpoint, serviceNames, serviceCategories }: NormalizeInput): NormalizeResult {
  const zone = endpoint.timezone;
  const id = idText(wire.service_request_id);
  if (id === null) return reject(endpoint, 'missing service_request_id', wire.raw);
  if (isBlankish(wire.status)) return reject(endpoint, 'missing status', wire.raw);
  const statusRaw = typeof wire.status === 'string' ? wire.status : shown(wire.status);
  const word = statusWord({ raw: statusRaw });
  if (word === null) return reject(endpoint, `unknown status "${shown(statusRaw)}"`, wire.raw);
  if (isBlankish(wire.requested_datetime)) return reject(endpoint, 'missing requested_datetime', wire.raw);
  const requestedAt = parseTimestamp({ value: wire.requested_datetime, zone });
  if (requestedAt === null) return reject(endpoint, `unparseable requested_datetime "${shown(wire.requested_datetime)}"`, wire.raw);

  const flags: string[] = [];
  const updatedAt = optionalTimestamp(wire.updated_datetime, zone, 'updated_unparseable', flags);
  const expectedAt = optionalTimestamp(wire.expected_datetime, zone, 'expected_unparseable', flags);
  const vendorAcknowledgedAt = optionalTimestamp(wire.acknowledged_at, zone, 'acknowledged_unparseable', flags);
  const closedEventAt = optionalTimestamp(wire.closed_event_at, zone, 'closed_event_unparseable', flags);
  const noteEvents = noteEventsOf({ notes: wire.notes, zone, flags });
  const { lat, lon } = normalizeCoordinates({ lat: wire.lat, long: wire.long, bbox: endpoint.bbox, flags });

  let closedAt: string | null = null;
  let closedAtSource: CanonicalRequest['closed_at_source'] = null;
  if (word.status === 'closed') {
    const eventAt = closedEventAt ?? lastClosedAt({ events: noteEvents });
    if (eventAt !== null) [closedAt, closedAtSource] = [eventAt, 'event'];
    else if (updatedAt !== null) [closedAt, closedAtSource] = [updatedAt, 'updated_datetime'];
  }

  const acknowledgedAt = vendorAcknowledgedAt ?? firstAcknowledgedAt({ events: noteEvents });
  const detailed = detailedStatusOf({ wire, word, events: noteEvents });
  const serviceCode = idText(wire.service_code);
  const serviceName = tidyText(wire.service_name) ?? (serviceCode === null ? null : (serviceNames?.get(serviceCode) ?? null));
  const description = freeText(wire.description);

  const request: CanonicalRequest = {
    endpoint_id: endpoint.id,
    service_request_id: id,
    token: idText(wire.token),
    status: word.status,
    status_raw: statusRaw,
    detailed_status: detailed,
    service_code: serviceCode,
    service_name: serviceName,
    category: categoryOf({ serviceCode, serviceName, description, endpoint, serviceCategories }),
    agency_responsible: flattenText(wire.agency_responsible),
    service_notice: freeText(wire.service_notice),
    description,
    status_notes: freeText(wire.status_notes),
    requested_at: requestedAt,
    updated_at: updatedAt,
    expected_at: expectedAt,
    closed_at: closedAt,
    closed_at_source: closedAtSource,
    acknowledged_at: acknowledgedAt,
    address: plainText(wire.address),
    zipcode: zipcodeOf(wire.zipcode),
    lat,
    lon,
    media_urls: collectMediaUrls({ mediaUrl: wire.media_url, extra: wire.media_urls }),
    channel: tidyText(wire.channel),
    district: tidyText(wire.district),
    parent_request_id: idText(wire.parent_request_id),
    is_duplicate: wire.is_duplicate === true || detailed === 'duplicate',
    extended: extendedOf(wire),
    raw: withoutPersonalFields(wire.raw),
    quality_flags: flags,
    note_events: noteEvents,
  };
  return { ok: true, request };
}

/**
 * The finer state, most specific source first: the vendor's own finer word (Helsinki detailed_status, FixMyStreet
 * states, Mark-a-Spot descriptive names), then the newest note that names one, then the status word itself. The
 * vendor's word is kept even where it seems to contradict the status: Helsinki closes the feedback
 * ("PROCESSED,PUBLIC_WORKS_IN_PROGRESS") while the work goes on — closed is not fixed.
 */
function detailedStatusOf({ wire, word, events }: { wire: WireRequest; word: StatusWord; events: readonly NoteEvent[] }): DetailedStatus | null {
  const detailedRaw = typeof wire.detailed_status_raw === 'string' ? wire.detailed_status_raw : null;
  const vendor = detailedRaw === null ? null : detailedStatusFromRaw({ raw: detailedRaw });
  return vendor ?? latestNoteDetailed({ events, status: word.status }) ?? word.detailed;
}

/** One wire record → a canonical row or a rejection (CONTRACT §1). Never throws: a failure becomes a rejection naming it. */
export function normalizeRequest(input: NormalizeInput): NormalizeResult {
  try {
    return normalizeOrReject(input);
  } catch (error) {
    const reason = `normalize failed: ${error instanceof Error ? error.message : String(error)}`;
    try {
      return reject(input.endpoint, reason, input.wire?.raw);
    } catch {
      return { ok: false, rejected: { endpoint_id: String(input.endpoint?.id ?? ''), reason, raw: null } };
    }
  }
}

/**
 * A registry override first (categorize applies it), then the category the services list gave the code, then the
 * record's own name and text: a record carries no group or keywords, so its service's entry knows more.
 */
function categoryOf({
  serviceCode,
  serviceName,
  description,
  endpoint,
  serviceCategories,
}: {
  serviceCode: string | null;
  serviceName: string | null;
  description: string | null;
  endpoint: Endpoint;
  serviceCategories?: Map<string, string>;
}): string {
  const overridden = serviceCode !== null && endpoint.category_overrides !== undefined && Object.hasOwn(endpoint.category_overrides, serviceCode);
  const listed = serviceCode !== null && !overridden ? serviceCategories?.get(serviceCode) : undefined;
  return listed !== undefined && listed !== 'other' ? listed : categorize({ serviceCode, serviceName, description, endpoint });
}
