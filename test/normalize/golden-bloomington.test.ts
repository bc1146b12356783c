// Golden: real Bloomington uReport capture (2012, open311status mock) through the ureport dialect.
import { describe, expect, test } from 'vitest';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { byId, flagCounts, runFixture } from './support/run-fixture.ts';

const endpoint = makeEndpoint({
  id: 'bloomington', dialect: 'ureport', timezone: 'America/Indiana/Indianapolis', jurisdiction_id: 'bloomington.in.gov',
  base_url: 'https://bloomington.in.gov/crm/open311/v2/', bbox: [-86.7, 39.0, -86.3, 39.3],
});

describe('bloomington/requests-2012-05-23.json', () => {
  const { records, canonical, rejected } = runFixture({ path: 'bloomington/requests-2012-05-23.json', endpoint });

  test('21 canonical, none rejected; six 0/0 locations flagged, two null ones not', () => {
    expect(records).toHaveLength(21);
    expect(canonical).toHaveLength(21);
    expect(rejected).toEqual([]);
    expect(flagCounts(canonical)).toEqual({ coords_zero: 6 });
    expect(canonical.filter((r) => r.lat === null)).toHaveLength(8);
    expect(canonical.filter((r) => r.status === 'closed')).toHaveLength(3);
  });

  test('4fbd40b2b1fe2c4b02000001: CRLF and double spaces tidied, nulls everywhere', () => {
    expect(byId(canonical, '4fbd40b2b1fe2c4b02000001')).toEqual({
      endpoint_id: 'bloomington', service_request_id: '4fbd40b2b1fe2c4b02000001', token: null, status: 'open', status_raw: 'open', detailed_status: null,
      service_code: '4e7b3e4c992b945109000000', service_name: 'Traffic Suggestions', category: 'traffic_safety',
      agency_responsible: 'Street Department', service_notice: null,
      description: "I'm not sure if this intersection is in Bloomington City limits, or within the jurisdiction of Monroe County. As you enter Gates Drive "
        + "from westbound N. Jacob Drive (by Wendy's), the flowers and plants have grown so high that you cannot see northbound traffic on Gates Drive. "
        + "I entered this intersection twice today and had close calls because I could not see oncoming traffic, and I'm in a large pickup.\n\nThanks.",
      status_notes: null,
      requested_at: '2012-05-23T19:55:28.000Z', updated_at: '2012-05-23T19:55:30.000Z', expected_at: null,
      closed_at: null, closed_at_source: null, acknowledged_at: null,
      address: null, zipcode: null, lat: null, lon: null, media_urls: [],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: {}, raw: records[0], quality_flags: [], note_events: [],
    });
  });

  test('4fbd2b76b1fe2c195f000000: integer 0/0 and an empty zipcode', () => {
    expect(byId(canonical, '4fbd2b76b1fe2c195f000000')).toEqual({
      endpoint_id: 'bloomington', service_request_id: '4fbd2b76b1fe2c195f000000', token: null, status: 'open', status_raw: 'open', detailed_status: null,
      service_code: '4e090d24992b941e78000001', service_name: 'Weeds', category: 'vegetation', agency_responsible: 'HAND', service_notice: null,
      description: 'Caller said the yard is knee high and needs mowed. There is a fenced in part that is waist high and can be seen from two different streets since this is on a corner.',
      status_notes: null, requested_at: '2012-05-23T18:24:54.000Z', updated_at: '2012-05-23T18:24:54.000Z', expected_at: null,
      closed_at: null, closed_at_source: null, acknowledged_at: null,
      address: '612 W Coolidge DR', zipcode: null, lat: null, lon: null, media_urls: [],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: {}, raw: records[2], quality_flags: ['coords_zero'], note_events: [],
    });
  });

  test('4fbd14bbb1fe2c5214000000: closed, close time from updated_datetime; 4fbd12bcb1fe2c1c7d000001 has a photo', () => {
    expect(byId(canonical, '4fbd14bbb1fe2c5214000000')).toEqual({
      endpoint_id: 'bloomington', service_request_id: '4fbd14bbb1fe2c5214000000', token: null, status: 'closed', status_raw: 'closed', detailed_status: null,
      service_code: '4e090d24992b941e78000024', service_name: 'Yard Waste', category: 'waste_collection', agency_responsible: 'Sanitation Department', service_notice: null,
      description: null, status_notes: null, requested_at: '2012-05-23T16:47:55.000Z', updated_at: '2012-05-23T16:47:59.000Z', expected_at: null,
      closed_at: '2012-05-23T16:47:59.000Z', closed_at_source: 'updated_datetime', acknowledged_at: null,
      address: '3313 E Mulberry CT', zipcode: '47401', lat: 39.139614, lon: -86.49149, media_urls: [],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: {}, raw: records[6], quality_flags: [], note_events: [],
    });
    expect(byId(canonical, '4fbd12bcb1fe2c1c7d000001')).toMatchObject({
      service_name: 'iPhone App Feedback', agency_responsible: 'Information Services', lat: 39.156633, lon: -86.510661,
      media_urls: ['https://bloomington.in.gov/crm/media/2012/05/23/4fbd12bcb1fe2c1c7d000001/media.jpg'],
    });
  });
});
