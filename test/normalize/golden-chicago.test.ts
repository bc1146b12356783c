// Golden: real Chicago captures (srtracker fixtures, 2012) through parseBody → chicago dialect → normalizeRequest.
import { describe, expect, test } from 'vitest';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { byId, flagCounts, runFixture } from './support/run-fixture.ts';

const endpoint = makeEndpoint({
  id: 'chicago', dialect: 'chicago', timezone: 'America/Chicago', jurisdiction_id: 'cityofchicago.org',
  base_url: 'http://311api.cityofchicago.org/open311/v2/', bbox: [-87.95, 41.64, -87.52, 42.03],
});

describe('chicago/requests-2012-12-01-extensions.json', () => {
  const { records, canonical, rejected } = runFixture({ path: 'chicago/requests-2012-12-01-extensions.json', endpoint });

  test('50 records: 43 canonical, the 7 "submitted" ones without an id rejected', () => {
    expect(records).toHaveLength(50);
    expect(canonical).toHaveLength(43);
    expect(rejected).toHaveLength(7);
    expect(new Set(rejected.map((r) => r.reason))).toEqual(new Set(['missing service_request_id']));
    expect(rejected.map((r) => (r.raw as { status: string }).status)).toEqual(Array(7).fill('submitted'));
    expect(rejected.map((r) => (r.raw as { requested_datetime: string }).requested_datetime.slice(11, 19)))
      .toEqual(['14:14:27', '14:11:11', '14:05:13', '13:45:28', '13:20:16', '12:27:12', '12:25:08']);
  });

  test('statuses, duplicates and flags over the whole page', () => {
    expect(canonical.filter((r) => r.status === 'open')).toHaveLength(27);
    expect(canonical.filter((r) => r.status === 'closed')).toHaveLength(16);
    expect(canonical.filter((r) => r.is_duplicate)).toHaveLength(9);
    expect(flagCounts(canonical)).toEqual({ coords_zero: 1 });
    expect(canonical.every((r) => r.closed_at_source === (r.status === 'closed' ? 'event' : null))).toBe(true);
  });

  test('12-01952587: open, with ward and channel', () => {
    expect(byId(canonical, '12-01952587')).toEqual({
      endpoint_id: 'chicago', service_request_id: '12-01952587', token: null, status: 'open', status_raw: 'open', detailed_status: null,
      service_code: '4ffa9cad6018277d4000007b', service_name: 'Alley Light Out', category: 'streetlight',
      agency_responsible: 'Division of Electrical Operations CDOT', service_notice: null, description: null, status_notes: null,
      requested_at: '2012-12-01T19:53:02.000Z', updated_at: '2012-12-01T19:53:02.000Z', expected_at: null,
      closed_at: null, closed_at_source: null, acknowledged_at: null,
      address: '11723 S ASHLAND AVE, CHICAGO, IL, 60643', zipcode: '60643', lat: 41.68076021609057, lon: -87.66145778555953,
      media_urls: [], channel: 'phone', district: '34', parent_request_id: null, is_duplicate: false,
      extended: { extended_attributes: { channel: 'phone', ward: '34', police_district: '5' } },
      raw: records[3], quality_flags: [],
      note_events: [{ at: '2012-12-01T19:53:02.000Z', status: 'open', detailed_status: null, type: 'opened' }],
    });
  });

  test('12-01952580: closed duplicate, closed_at from the closing note', () => {
    expect(byId(canonical, '12-01952580')).toEqual({
      endpoint_id: 'chicago', service_request_id: '12-01952580', token: null, status: 'closed', status_raw: 'closed', detailed_status: null,
      service_code: '4ffa9db16018277d400000a2', service_name: 'Traffic Signal Out', category: 'traffic_signal',
      agency_responsible: 'Division of Electrical Operations CDOT', service_notice: null, description: null, status_notes: null,
      requested_at: '2012-12-01T19:43:50.000Z', updated_at: '2012-12-01T19:49:48.000Z', expected_at: null,
      closed_at: '2012-12-01T19:49:44.000Z', closed_at_source: 'event', acknowledged_at: null,
      address: '7101 S EXCHANGE AVE, CHICAGO, IL, 60649', zipcode: '60649', lat: 41.766246294127555, lon: -87.56648932082801,
      media_urls: [], channel: 'phone', district: '7', parent_request_id: null, is_duplicate: true,
      extended: { extended_attributes: { channel: 'phone', ward: '7', police_district: '3', duplicate: true } },
      raw: records[6], quality_flags: [],
      note_events: [
        { at: '2012-12-01T19:43:50.000Z', status: 'open', detailed_status: null, type: 'opened' },
        { at: '2012-12-01T19:49:44.000Z', status: 'closed', detailed_status: null, type: 'closed' },
      ],
    });
  });

  test('12-01952579: 0.0/0.0 coordinates become null with a flag', () => {
    expect(byId(canonical, '12-01952579')).toEqual({
      endpoint_id: 'chicago', service_request_id: '12-01952579', token: null, status: 'open', status_raw: 'open', detailed_status: null,
      service_code: '4ffa9db16018277d400000a2', service_name: 'Traffic Signal Out', category: 'traffic_signal',
      agency_responsible: 'Division of Electrical Operations CDOT', service_notice: null, description: null, status_notes: null,
      requested_at: '2012-12-01T19:41:54.000Z', updated_at: '2012-12-01T19:43:45.000Z', expected_at: null,
      closed_at: null, closed_at_source: null, acknowledged_at: null,
      address: '7100 S YATES BLVD, CHICAGO, IL, 60649', zipcode: '60649', lat: null, lon: null,
      media_urls: [], channel: 'phone', district: '5', parent_request_id: null, is_duplicate: false,
      extended: { extended_attributes: { channel: 'phone', ward: '5', police_district: '3' } },
      raw: records[8], quality_flags: ['coords_zero'],
      note_events: [{ at: '2012-12-01T19:41:54.000Z', status: 'open', detailed_status: null, type: 'opened' }],
    });
  });

  test('12-01952126: activity notes carry no status; "Work Assigned" is the acknowledgement; the close time is the closing note', () => {
    const row = byId(canonical, '12-01952126');
    expect(row).toMatchObject({
      status_notes: 'Service Retime Controller.', requested_at: '2012-12-01T15:34:27.000Z', updated_at: '2012-12-01T19:35:20.000Z',
      closed_at: '2012-12-01T19:35:00.000Z', closed_at_source: 'event', acknowledged_at: '2012-12-01T17:59:00.000Z', detailed_status: null,
    });
    expect(row.note_events).toEqual([
      { at: '2012-12-01T15:34:27.000Z', status: 'open', detailed_status: null, type: 'opened' },
      { at: '2012-12-01T17:59:00.000Z', status: null, detailed_status: 'acknowledged', type: 'activity' },
      { at: '2012-12-01T19:35:00.000Z', status: null, detailed_status: null, type: 'activity' },
      { at: '2012-12-01T19:35:00.000Z', status: 'closed', detailed_status: null, type: 'closed' },
    ]);
  });

  test('12-01952252 points at its parent; 12-01947057 has no zipcode and channel "other", across midnight UTC', () => {
    expect(byId(canonical, '12-01952252')).toMatchObject({ parent_request_id: '12-01952126', is_duplicate: true, district: '12', closed_at: '2012-12-01T19:35:21.000Z' });
    expect(byId(canonical, '12-01947057')).toMatchObject({
      zipcode: null, channel: 'other', address: '3246 N CLIFTON AVE', requested_at: '2012-11-30T04:10:36.000Z',
      status_notes: 'Completed. Surveyor Inspected-All Lights Burning OK.', closed_at: '2012-12-01T18:49:00.000Z', closed_at_source: 'event',
    });
  });
});

test('chicago/request-single-12-01952587-extensions.json: the one-element array gives the same row as in the list', () => {
  const single = runFixture({ path: 'chicago/request-single-12-01952587-extensions.json', endpoint });
  const list = runFixture({ path: 'chicago/requests-2012-12-01-extensions.json', endpoint });
  expect(single.rejected).toEqual([]);
  expect(single.canonical).toEqual([byId(list.canonical, '12-01952587')]);
});

test('chicago/requests-empty.json: nothing, nothing rejected', () => {
  expect(runFixture({ path: 'chicago/requests-empty.json', endpoint })).toEqual({ records: [], canonical: [], rejected: [] });
});
