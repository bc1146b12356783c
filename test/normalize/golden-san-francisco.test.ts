// Golden: San Francisco 311 captures (2010 Lagan XML, 2015 Connected Bits extract, the open311dashboard JSON conversion).
import { describe, expect, test } from 'vitest';
import { BodyError } from '../../pipelines/parse/index.ts';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { byId, flagCounts, runFixture } from './support/run-fixture.ts';

const SF_BOX: [number, number, number, number] = [-122.52, 37.70, -122.35, 37.84];
const sf2010 = makeEndpoint({ id: 'sf', dialect: 'generic', format: 'xml', timezone: 'America/Los_Angeles', jurisdiction_id: 'sfgov.org', bbox: SF_BOX });
const sf2015 = makeEndpoint({ id: 'sf-mobile311', dialect: 'connectedbits', timezone: 'America/Los_Angeles', jurisdiction_id: 'sfgov.org', bbox: SF_BOX });
const none = { token: null, detailed_status: null, category: 'other', agency_responsible: null, service_notice: null, description: null, status_notes: null,
  acknowledged_at: null, channel: null, district: null, parent_request_id: null, is_duplicate: false, note_events: [] };

test('san-francisco/requests-2010-11-17.xml (truncated: ends <request></service_requests>) fails cleanly with a BodyError', () => {
  expect(() => runFixture({ path: 'san-francisco/requests-2010-11-17.xml', endpoint: sf2010 })).toThrow(BodyError);
  expect(() => runFixture({ path: 'san-francisco/requests-2010-11-17.xml', endpoint: sf2010 })).toThrow(/^malformed or truncated XML: Expected closing tag 'request'/);
});

test('san-francisco/request-single-773485.xml: naive Pacific times, xsi:nil, padded address', () => {
  const { records, canonical, rejected } = runFixture({ path: 'san-francisco/request-single-773485.xml', endpoint: sf2010 });
  expect(rejected).toEqual([]);
  expect((records[0] as Record<string, unknown>).updated_datetime).toBeNull();
  expect(canonical).toEqual([{
    ...none, endpoint_id: 'sf', service_request_id: '773485', status: 'open', status_raw: 'Open',
    service_code: '024', service_name: 'Sidewalk_Cleaning', category: 'street_cleaning',
    requested_at: '2010-11-17T09:00:56.743Z', updated_at: null, expected_at: '2010-11-20T09:00:56.000Z', closed_at: null, closed_at_source: null,
    address: '220 FLORIDA ST SAN FRANCISCO , CA', zipcode: '94103', lat: 37.766983, lon: -122.41206, media_urls: [],
    extended: {}, raw: records[0], quality_flags: [],
  }]);
});

test('san-francisco/request-2015-extended-attributes-EXTRACT-from-wiki.json: channel, photos and notes lifted; attributes kept', () => {
  const { records, canonical, rejected } = runFixture({ path: 'san-francisco/request-2015-extended-attributes-EXTRACT-from-wiki.json', endpoint: sf2015 });
  expect(rejected).toEqual([]);
  const photo = 'http://mobile311.sfgov.org/media/san_francisco/report/photos/55b6bda3df86c6d37f6d33a4/photo_20150727_162341.jpg';
  expect(canonical).toEqual([{
    ...none, endpoint_id: 'sf-mobile311', service_request_id: '4944710', status: 'open', status_raw: 'open',
    service_code: '518d5892601827e3880000c5', service_name: 'Street or Sidewalk Cleaning', category: 'street_cleaning', description: 'Garbage on sidewalk',
    requested_at: '2015-07-27T23:24:28.000Z', updated_at: '2015-07-27T23:24:28.000Z', expected_at: null, closed_at: null, closed_at_source: null,
    address: 'Intersection of Mcallister St & Van Ness Ave', zipcode: null, lat: 37.7797, lon: -122.42,
    media_urls: [photo], channel: 'android',
    extended: {
      attributes: [{ label: 'Object', name: 'request_type', value: 'Other Loose Garbage / Debris', code: 'Other_loose_garbage_debris_yard_waste' }],
      extended_attributes: {
        channel: 'android', x: 6006819.576650221, y: 2112060.1528775054,
        photos: [{ media_url: photo, title: 'Submitted', width: 864, height: 1536, orientation: 'portrait', created_at: '2015-07-27T16:24:25-07:00' }],
      },
    },
    raw: records[0], quality_flags: [],
    note_events: [
      { at: '2015-07-27T23:24:19.000Z', status: 'open', detailed_status: 'submitted', type: 'submitted' },
      { at: '2015-07-27T23:24:28.000Z', status: 'open', detailed_status: null, type: 'opened' },
    ],
  }]);
});

describe('san-francisco/requests-2010-11-1001-converted.json (NOT wire format: {requests:[…]}, lon, duplicate keys read last-wins)', () => {
  const endpoint = { ...sf2010, format: 'json' as const };
  const { records, canonical, rejected } = runFixture({ path: 'san-francisco/requests-2010-11-1001-converted.json', endpoint });

  test('1000 canonical; the all-"null" converter leftover is rejected', () => {
    expect(records).toHaveLength(1001);
    expect(canonical).toHaveLength(1000);
    expect(rejected).toEqual([{ endpoint_id: 'sf', reason: 'missing service_request_id', raw: records[697] }]);
    expect((rejected[0]?.raw as Record<string, unknown>).requested_datetime).toBe(':27.7');
    // The second copy of each duplicated key is the converter's xsi:nil flag ("true"/"null"), so last-wins leaves no usable updated/expected time.
    expect(flagCounts(canonical)).toEqual({ updated_unparseable: 673, expected_unparseable: 277, coords_zero: 55 });
    expect(canonical.filter((r) => r.status === 'closed')).toHaveLength(327);
  });

  test('771970: numeric id, code and zipcode become text; lon is read as long; naive time in PST', () => {
    expect(byId(canonical, '771970')).toEqual({
      ...none, endpoint_id: 'sf', service_request_id: '771970', status: 'open', status_raw: 'Open',
      service_code: '71', service_name: 'Lifted_sidewalk_other', category: 'sidewalk',
      requested_at: '2010-11-15T09:05:25.727Z', updated_at: null, expected_at: null, closed_at: null, closed_at_source: null,
      address: '1325 HOWARD ST SAN FRANCISCO , CA', zipcode: '94103', lat: 37.774456, lon: -122.4134, media_urls: [],
      extended: {}, raw: records[0], quality_flags: ['updated_unparseable'],
    });
  });

  test('771923: closed with no usable updated time, so no close time either', () => {
    expect(byId(canonical, '771923')).toEqual({
      ...none, endpoint_id: 'sf', service_request_id: '771923', status: 'closed', status_raw: 'Closed',
      service_code: '309', service_name: 'SFHA - Emergency - Priority',
      requested_at: '2010-11-15T03:09:29.080Z', updated_at: null, expected_at: null, closed_at: null, closed_at_source: null,
      address: '2451 SACRAMENTO ST SAN FRANCISCO , CA', zipcode: '94115', lat: 37.789658, lon: -122.43329, media_urls: [],
      extended: {}, raw: records[12], quality_flags: ['expected_unparseable'],
    });
  });

  test('771910: 0/0, zipcode 0 and a blank street; 770489: a time without seconds', () => {
    expect(byId(canonical, '771910')).toEqual({
      ...none, endpoint_id: 'sf', service_request_id: '771910', status: 'open', status_raw: 'Open',
      service_code: '210', service_name: 'RCS - Mayors Office of Criminal Justice - G',
      requested_at: '2010-11-15T02:37:09.783Z', updated_at: null, expected_at: null, closed_at: null, closed_at_source: null,
      address: 'SAN FRANCISCO , CA', zipcode: null, lat: null, lon: null, media_urls: [],
      extended: {}, raw: records[21], quality_flags: ['updated_unparseable', 'coords_zero'],
    });
    expect(byId(canonical, '770489')).toMatchObject({ requested_at: '2010-11-12T15:07:00.000Z', status: 'closed', address: '500 ELLIS ST SAN FRANCISCO , CA', quality_flags: [] });
  });
});
