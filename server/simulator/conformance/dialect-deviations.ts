import type { DialectId } from '../../../pipelines/dialects/index.ts';
import type { CheckId } from '../../../pipelines/conformance/catalog.ts';

/**
 * A GeoReport v2 deviation a simulated vendor reproduces, by the conformance check that names it. `seen_by` says who
 * always sees it: a harvest (endpoint_checks after a run), `fed311 check`, both, or neither (only with some data).
 */
export interface DeclaredDeviation {
  check_id: CheckId;
  seen_by: ('harvest' | 'check')[];
  why: string;
}

const both: DeclaredDeviation['seen_by'] = ['harvest', 'check'];

/** What each simulated vendor does against the spec (docs/conformance.md; the quirks themselves: docs/dialects.md). */
export const dialectDeviations: Record<DialectId, DeclaredDeviation[]> = {
  generic: [],
  chicago: [
    { check_id: 'filter_rejected', seen_by: ['check'], why: 'start_date/end_date only as zone-less local time: a W3C date-time with a zone gets HTTP 400' },
  ],
  connectedbits: [],
  seeclickfix: [
    { check_id: 'wrong_type', seen_by: both, why: 'integer service_request_id, lat/long as strings' },
    { check_id: 'status_not_open_closed', seen_by: both, why: 'status acknowledged and archived' },
  ],
  citysdk: [
    { check_id: 'wrong_type', seen_by: both, why: 'lat/long as strings' },
    { check_id: 'field_name_deviation', seen_by: both, why: 'address_string instead of address' },
    { check_id: 'duplicate_in_answer', seen_by: ['harvest'], why: '0.5 % of requests listed twice in one answer (a check sees it when its sample holds one)' },
  ],
  ureport: [
    { check_id: 'filter_ignored_status', seen_by: ['check'], why: 'status is ignored' },
    { check_id: 'filter_ignored_default_window', seen_by: ['check'], why: 'no 90-day default window: the oldest 1000 come first' },
    { check_id: 'paging_loops', seen_by: ['check'], why: 'a page past the end answers with the last page again' },
  ],
  fixmystreet: [
    { check_id: 'envelope_deviation', seen_by: both, why: 'JSON wrapped in {"service_requests": […]}' },
    { check_id: 'status_not_open_closed', seen_by: both, why: 'extended statuses: fixed, in_progress, duplicate, …' },
    { check_id: 'wrong_type', seen_by: both, why: 'lat/long as strings, agency_responsible as {"recipient": […]}' },
    { check_id: 'services_envelope_deviation', seen_by: both, why: 'services JSON wrapped in {"services": […]}' },
    { check_id: 'services_wrong_type', seen_by: both, why: 'metadata as the strings "true"/"false"' },
    { check_id: 'discovery_invalid', seen_by: ['check'], why: 'discovery JSON wrapped in {"discovery": …}' },
    { check_id: 'service_definition_invalid', seen_by: ['check'], why: 'no services/{code} route (HTML 404) although metadata is true' },
    { check_id: 'error_format', seen_by: ['check'], why: 'errors are its HTML documentation page' },
    { check_id: 'error_status', seen_by: ['check'], why: 'error pages with HTTP 200' },
    { check_id: 'filter_ignored_default_window', seen_by: [], why: 'no default window: the 1000 newest, however old (seen when they span more than 90 days)' },
  ],
  markaspot: [
    { check_id: 'field_name_deviation', seen_by: both, why: 'address_string and status_note instead of address and status_notes' },
    { check_id: 'services_wrong_type', seen_by: both, why: 'metadata as the string "false"' },
    { check_id: 'empty_list_not_found', seen_by: ['check'], why: 'an empty answer is HTTP 404 (a harvest sees it when a page comes back empty)' },
    { check_id: 'error_format', seen_by: ['check'], why: 'errors as {"error": {"code", "message"}}' },
    { check_id: 'filter_ignored_default_window', seen_by: [], why: 'no default window: the oldest come first (seen when the first page spans more than 90 days)' },
  ],
};
