import type { CheckId } from '../../../pipelines/conformance/catalog.ts';
import { htmlPage, type SimResponse } from '../wire/respond.ts';

type Row = Record<string, unknown>;

/**
 * One named deviation applied to the clean generic endpoint, served at `/hostile/<name>/generic/open311/v2/`
 * (JSON only). `checks` are exactly the conformance findings `fed311 check` must report for it.
 */
export interface HostileVariant {
  checks: CheckId[];
  description: string;
  /** Parameters the variant ignores (dropped before the generic server reads them). */
  ignores?: string[];
  /** Each request record of list and single answers. */
  record?: (row: Row) => Row;
  /** A whole requests list answer (after `record`), with the parameters as sent. */
  list?: (rows: Row[], params: URLSearchParams) => unknown;
  service?: (service: Row) => Row;
  /** The finished answer (status, content type). */
  response?: (response: SimResponse, resource: string) => SimResponse;
}

const ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;
const DATETIMES = ['requested_datetime', 'updated_datetime', 'expected_datetime'];

export const hostileVariants: Record<string, HostileVariant> = {
  'naive-datetimes': {
    checks: ['datetime_without_zone'],
    description: 'date-times without their zone designator',
    record: (row) => ({ ...row, ...Object.fromEntries(DATETIMES.filter((k) => typeof row[k] === 'string').map((k) => [k, (row[k] as string).replace(ZONE, '')])) }),
  },
  'bad-statuses': {
    checks: ['status_not_open_closed'],
    description: 'status words In Progress / Resolved instead of open / closed',
    record: (row) => ({ ...row, status: row.status === 'closed' ? 'Resolved' : 'In Progress' }),
  },
  'missing-required': {
    checks: ['required_field_missing'],
    description: 'requests without service_code',
    record: ({ service_code: _code, ...row }) => row,
  },
  'wrong-types': {
    checks: ['wrong_type'],
    description: 'numeric service_request_id, lat/long as strings',
    record: (row) => ({ ...row, service_request_id: Number(row.service_request_id), lat: String(row.lat), long: String(row.long) }),
  },
  'wrong-content-type': {
    checks: ['wrong_content_type'],
    description: 'requests JSON sent as text/html',
    response: (response, resource) => (resource.startsWith('requests') && response.status === 200 ? { ...response, contentType: 'text/html; charset=utf-8' } : response),
  },
  'wrapped-envelope': {
    checks: ['envelope_deviation'],
    description: 'requests JSON wrapped in {"service_requests": […]}',
    list: (rows) => ({ service_requests: rows }),
  },
  'ignores-date-window': {
    checks: ['filter_ignored_date_window'],
    description: 'start_date and end_date ignored',
    ignores: ['start_date', 'end_date'],
  },
  'ignores-status': {
    checks: ['filter_ignored_status'],
    description: 'the status filter ignored',
    ignores: ['status'],
  },
  'ignores-service-code': {
    checks: ['filter_ignored_service_code'],
    description: 'the service_code filter ignored',
    ignores: ['service_code'],
  },
  'looping-pages': {
    checks: ['paging_loops'],
    description: 'page_size honoured, page ignored: every page is the first',
    list: (rows, params) => {
      const size = Number(params.get('page_size'));
      return Number.isInteger(size) && size > 0 ? rows.slice(0, size) : rows;
    },
  },
  'html-errors': {
    checks: ['error_format', 'error_status'],
    description: 'errors as an HTML page with HTTP 200',
    response: (response) => (response.status >= 400 ? htmlPage('Something went wrong', `Error ${response.status}`, 200) : response),
  },
  'bad-services': {
    checks: ['services_field_missing', 'services_wrong_type'],
    description: 'services with metadata as a string and without type',
    service: ({ type: _type, ...service }) => ({ ...service, metadata: String(service.metadata) }),
  },
};
