// Golden: the GeoReport v2 spec's own examples (wiki extracts and the Ruby client's copies), JSON and XML.
import { expect, test } from 'vitest';
import type { CanonicalRequest } from '../../pipelines/normalize/types.ts';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { runFixture } from './support/run-fixture.ts';

const endpoint = makeEndpoint({ id: 'spec', dialect: 'generic', timezone: 'America/Los_Angeles', base_url: 'https://api.city.gov/dev/v2/' });

const shared = {
  endpoint_id: 'spec', token: null, detailed_status: null, service_code: '006', service_name: 'Sidewalk and Curb Issues', category: 'sidewalk',
  agency_responsible: null, service_notice: null, description: null, acknowledged_at: null,
  address: '8TH AVE and JUDAH ST', zipcode: '94122', lat: 37.762221815, lon: -122.4651145,
  channel: null, district: null, parent_request_id: null, is_duplicate: false, quality_flags: [], note_events: [],
};
// The two example requests as worked out from the spec text (times are -08:00).
const r638344 = {
  ...shared, service_request_id: '638344', status: 'closed', status_raw: 'closed', status_notes: 'Duplicate request.',
  requested_at: '2010-04-14T14:37:38.000Z', updated_at: '2010-04-14T14:37:38.000Z', expected_at: '2010-04-15T14:37:38.000Z',
  closed_at: '2010-04-14T14:37:38.000Z', closed_at_source: 'updated_datetime',
};
const r638349 = {
  ...shared, service_request_id: '638349', status: 'open', status_raw: 'open', status_notes: null,
  requested_at: '2010-04-19T14:37:38.000Z', updated_at: '2010-04-19T14:37:38.000Z', expected_at: '2010-04-19T14:37:38.000Z',
  closed_at: null, closed_at_source: null,
};
const WIKI_MEDIA = 'http://city.gov.s3.amazonaws.com/requests/media/';
const RUBY_MEDIA = 'http://open311.city.gov.s3.amazonaws.com/requests/media/';

function expectRows(path: string, expected: { row: object; media: string }[], addressId: number | string): void {
  const { records, canonical, rejected } = runFixture({ path, endpoint });
  expect(rejected).toEqual([]);
  expect(canonical).toEqual(expected.map(({ row, media }, i): Partial<CanonicalRequest> => ({ ...row, media_urls: [media], extended: { address_id: addressId }, raw: records[i] })));
}

test('spec-examples/wiki/requests.json (invalid JSON: service_code 006) parses via the leading-zero fix-up', () => {
  expectRows('spec-examples/wiki/requests.json', [{ row: r638344, media: `${WIKI_MEDIA}638344.jpg` }, { row: r638349, media: `${WIKI_MEDIA}638349.jpg` }], 545483);
});

test('spec-examples/wiki/request.json (single request, same fix-up)', () => {
  expectRows('spec-examples/wiki/request.json', [{ row: r638344, media: `${WIKI_MEDIA}638344.jpg` }], 545483);
});

test('spec-examples/wiki/requests.xml and request.xml: same rows, media_url trailing space trimmed', () => {
  expectRows('spec-examples/wiki/requests.xml', [{ row: r638344, media: `${WIKI_MEDIA}638344.jpg` }, { row: r638349, media: `${WIKI_MEDIA}638349.jpg` }], '545483');
  expectRows('spec-examples/wiki/request.xml', [{ row: r638344, media: `${WIKI_MEDIA}638344.jpg` }], '545483');
});

test('spec-examples/requests-spec-example.xml and request-single-spec-example.xml (the Ruby client copies)', () => {
  expectRows('spec-examples/requests-spec-example.xml', [{ row: r638344, media: `${RUBY_MEDIA}638344.rss` }, { row: r638349, media: `${RUBY_MEDIA}638349.rss` }], '545483');
  expectRows('spec-examples/request-single-spec-example.xml', [{ row: r638344, media: `${RUBY_MEDIA}638344.rss` }], '545483');
});

test('spec-examples/requests-empty.xml: nothing', () => {
  expect(runFixture({ path: 'spec-examples/requests-empty.xml', endpoint })).toEqual({ records: [], canonical: [], rejected: [] });
});
