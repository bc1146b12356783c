/**
 * Every GeoReport v2 conformance check fed311 knows, as data: a stable id, a severity, a one-line message and the
 * spec text it enforces (docs/conformance.md is the long form). `error` = the spec says otherwise; `warning` = a
 * deviation the spec discourages or a client must work around; `info` = spec-allowed behaviour worth knowing.
 * Ids starting with `services_` come from the services list (refreshed less often than requests are harvested).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface CheckSpec {
  severity: Severity;
  message: string;
  spec: string;
}

export const checks = {
  required_field_missing: {
    severity: 'error',
    message: 'requests lack a required field (service_request_id, status, service_code or requested_datetime)',
    spec: 'GET Service Requests: service_request_id, status, service_code and requested_datetime are always returned (a token may stand in for the id)',
  },
  malformed_record: {
    severity: 'error',
    message: 'a list item is not a request record (a bare string, a number or a nested list)',
    spec: '<service_requests> holds <request> elements; in JSON each array item is an object',
  },
  wrong_type: {
    severity: 'error',
    message: 'request fields have the wrong type (ids and codes are strings, lat/long numbers, text fields text)',
    spec: 'service_request_id and service_code are strings, lat/long WGS84 numbers, the other fields strings or null (JSON) / text (XML)',
  },
  field_name_deviation: {
    severity: 'warning',
    message: 'requests use vendor names for spec fields (address_string, status_note, servicerequest_id...)',
    spec: 'GET responses name the place `address` and the note `status_notes` (address_string is the POST parameter)',
  },
  datetime_without_zone: {
    severity: 'error',
    message: 'date-times carry no time zone',
    spec: 'All date-times are W3C-DTF with a zone designator: Z or ±hh:mm',
  },
  datetime_not_w3c: {
    severity: 'error',
    message: 'date-times are readable but not in the W3C-DTF profile (space for T, offset without colon, date only)',
    spec: 'All date-times are W3C-DTF, e.g. 2010-04-14T06:37:38-08:00',
  },
  datetime_unparseable: {
    severity: 'error',
    message: 'date-times cannot be read as dates at all',
    spec: 'All date-times are W3C-DTF, e.g. 2010-04-14T06:37:38-08:00',
  },
  status_not_open_closed: {
    severity: 'error',
    message: 'status holds words other than open or closed',
    spec: 'status is one of open, closed; finer states belong in status_notes or extensions',
  },
  duplicate_in_answer: {
    severity: 'warning',
    message: 'one answer lists the same service_request_id more than once',
    spec: 'service_request_id is the unique id of a request',
  },
  envelope_deviation: {
    severity: 'error',
    message: 'the requests envelope is not the spec\'s (JSON: a bare array; XML: <service_requests> of <request>)',
    spec: 'Spark convention: the root element is dropped, so JSON lists are top-level arrays',
  },
  wrong_content_type: {
    severity: 'error',
    message: 'the Content-Type does not match the body (application/json for JSON, text/xml or application/xml for XML)',
    spec: 'Responses are text/xml; charset=utf-8 or application/json; charset=utf-8',
  },
  xml_declaration_missing: {
    severity: 'warning',
    message: 'XML answers start without an XML declaration',
    spec: 'XML responses begin with <?xml version="1.0" encoding="UTF-8"?>',
  },
  filter_ignored_date_window: {
    severity: 'error',
    message: 'a start_date/end_date window was answered with requests outside it',
    spec: 'start_date and end_date bound requested_datetime',
  },
  filter_ignored_default_window: {
    severity: 'error',
    message: 'without dates the answer reaches back more than 90 days',
    spec: 'With neither start_date nor end_date the window is the most recent 90 days',
  },
  filter_ignored_status: {
    severity: 'error',
    message: 'a status filter was answered with requests of the other status',
    spec: 'status restricts the answer to the listed statuses',
  },
  filter_ignored_service_code: {
    severity: 'error',
    message: 'a service_code filter was answered with requests of other services',
    spec: 'service_code restricts the answer to the listed codes',
  },
  filter_rejected: {
    severity: 'error',
    message: 'a spec-conformant filter value was refused',
    spec: 'start_date/end_date take W3C date-times with a zone (Z or ±hh:mm)',
  },
  paging_loops: {
    severity: 'error',
    message: 'paging repeats itself: a later page (or one past the end) returns rows of an earlier one',
    spec: 'page/page_size (the most common GeoReport v2 extension) walk the result once; a page past the end is empty',
  },
  requests_unavailable: {
    severity: 'error',
    message: 'GET requests without filters did not answer with a requests list',
    spec: 'GET Service Requests: every parameter but jurisdiction_id is optional',
  },
  single_request_mismatch: {
    severity: 'error',
    message: 'GET requests/{id} did not answer with exactly that one request',
    spec: 'GET Service Request returns the <service_requests> wrapper with exactly one <request>',
  },
  empty_list_not_found: {
    severity: 'error',
    message: 'an empty result is answered with HTTP 404 instead of an empty list',
    spec: '404 is for resources that do not exist; a query without matches is an empty list',
  },
  error_format: {
    severity: 'error',
    message: 'errors are not in the spec\'s format (JSON [{"code","description"}], XML <errors><error>)',
    spec: 'Errors: errors → error with code and description',
  },
  error_status: {
    severity: 'error',
    message: 'an error is answered with the wrong HTTP status (404 unknown resource, 400 anything else, never 200)',
    spec: 'HTTP status is mandatory: 404 for non-existent resources, 403 for a bad api_key, 400 otherwise',
  },
  cap_hit: {
    severity: 'info',
    message: 'answers stopped at the server\'s cap: fed311 narrowed the date windows to fetch the rest',
    spec: 'The default cap is the first 1000 requests; servers may cap lower, silently',
  },
  services_unavailable: {
    severity: 'error',
    message: 'the services list could not be read',
    spec: 'GET Service List is one of the spec\'s operations',
  },
  services_envelope_deviation: {
    severity: 'error',
    message: 'the services envelope is not the spec\'s (JSON: a bare array; XML: <services> of <service>)',
    spec: 'Spark convention: GET services is a top-level JSON array',
  },
  services_wrong_content_type: {
    severity: 'error',
    message: 'the services list\'s Content-Type does not match its body',
    spec: 'Responses are text/xml; charset=utf-8 or application/json; charset=utf-8',
  },
  services_field_missing: {
    severity: 'error',
    message: 'services lack a required field (service_code, service_name, metadata or type)',
    spec: 'Service list entries carry service_code, service_name, metadata and type (open311/schema-validation)',
  },
  services_wrong_type: {
    severity: 'error',
    message: 'services fields have the wrong type or value (metadata true/false, type realtime|batch|blackbox, codes strings)',
    spec: 'metadata is a boolean, type one of realtime, batch, blackbox',
  },
  service_definition_invalid: {
    severity: 'error',
    message: 'a service definition (services/{code}) is missing or not in the spec\'s shape',
    spec: 'GET Service Definition returns service_code and attributes (each with variable, code, datatype, required, order, description)',
  },
  discovery_not_found: {
    severity: 'info',
    message: 'no discovery document next to the endpoint (looked for discovery.{format} in the base and its parent)',
    spec: 'Service Discovery documents usually live at <host>/open311/discovery.{xml,json} next to the endpoint',
  },
  discovery_invalid: {
    severity: 'error',
    message: 'the discovery document is not in the spec\'s shape',
    spec: 'Discovery: changeset, contact, key_service and endpoints (specification, url, changeset, type, formats)',
  },
} as const satisfies Record<string, CheckSpec>;

export type CheckId = keyof typeof checks;

export const checkIds = Object.keys(checks) as CheckId[];

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
