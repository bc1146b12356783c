import type { CanonicalRequest } from '../../pipelines/normalize/types.ts';

/**
 * A canonical request with plain defaults; tests override what they care about. Its `raw` is the overrides, as a
 * source's record changes whenever what is made of it changes.
 */
export function canonical(overrides: Partial<CanonicalRequest> & { service_request_id: string }): CanonicalRequest {
  return {
    endpoint_id: 'test',
    token: null,
    status: 'open',
    status_raw: 'open',
    detailed_status: null,
    service_code: '001',
    service_name: 'Pothole',
    category: 'other',
    agency_responsible: null,
    service_notice: null,
    description: null,
    status_notes: null,
    requested_at: '2026-01-01T10:00:00.000Z',
    updated_at: '2026-01-01T10:00:00.000Z',
    expected_at: null,
    closed_at: null,
    closed_at_source: null,
    acknowledged_at: null,
    address: null,
    zipcode: null,
    lat: null,
    lon: null,
    media_urls: [],
    channel: null,
    district: null,
    parent_request_id: null,
    is_duplicate: false,
    extended: {},
    raw: { ...overrides },
    quality_flags: [],
    note_events: [],
    ...overrides,
  };
}
