// Golden: FixMyStreet test data (mysociety/fixmystreet, Edinburgh-like, 2025) through the fixmystreet dialect.
import { expect, test } from 'vitest';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { runFixture } from './support/run-fixture.ts';

const endpoint = makeEndpoint({
  id: 'edinburgh', dialect: 'fixmystreet', timezone: 'Europe/London', base_url: 'https://www.fixmystreet.com/open311/v2/', bbox: [-3.45, 55.85, -3.0, 56.0],
});

test('fixmystreet/import-requests-planned-status.json: "planned" is open/scheduled, string coordinates, empty strings are nulls', () => {
  const { records, canonical, rejected } = runFixture({ path: 'fixmystreet/import-requests-planned-status.json', endpoint });
  expect(rejected).toEqual([]);
  const common = {
    endpoint_id: 'edinburgh', token: null, status: 'open', status_raw: 'planned', detailed_status: 'scheduled', service_code: 'POT', category: 'other',
    agency_responsible: null, service_notice: null, status_notes: null, expected_at: null, closed_at: null, closed_at_source: null, acknowledged_at: null,
    address: null, zipcode: null, lat: 55.952055, lon: -3.189579, media_urls: [], channel: null, district: null, parent_request_id: null,
    is_duplicate: false, extended: {}, quality_flags: [], note_events: [],
  };
  expect(canonical).toEqual([
    {
      ...common, service_request_id: 'DEFECT_201582', service_name: 'Overhanging Trees & Vegetation', category: 'tree',
      description: 'Defect type: Overhanging Trees & Vegetation',
      requested_at: '2025-07-01T10:01:14.000Z', updated_at: '2025-07-01T10:01:14.000Z', raw: records[0],
    },
    {
      ...common, service_request_id: 'DEFECT_201590', service_name: 'Pothole', category: 'pothole',
      description: 'Defect type: Pothole\nDepth: 40mm - 100mm\nWidth: 200mm - 400mm\nDistance from edge: 150mm or over\nNumber of potholes: 1',
      requested_at: '2025-07-01T10:27:03.000Z', updated_at: '2025-07-01T10:27:03.000Z', raw: records[1],
    },
  ]);
});
