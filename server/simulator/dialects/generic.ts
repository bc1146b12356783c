import { readDataJson, readServicesXml } from '../data/load.ts';
import { chance, hex, pick } from '../model/random.ts';
import { englishDescriptions, placeNear, serviceFromListing, type SamplePlace } from './shared.ts';
import type { SimDialect } from './types.ts';
import { numericIds, specRules } from './spec-rules.ts';

const places = readDataJson<{ places: SamplePlace[] }>('san-francisco-samples.json').places;
const closedNotes = readDataJson<{ closedNotes: string[] }>('chicago-samples.json').closedNotes;
const agencyOf = (group: string) =>
  /sewer/i.test(group) ? 'PUC - Sewer Ops' : /tree/i.test(group) ? 'DPW - Bureau of Urban Forestry' : 'DPW Ops Queue';
const services = readServicesXml('san-francisco-services-2012.xml').map((s) => serviceFromListing(s, agencyOf(String(s.group ?? ''))));
const bbox: [number, number, number, number] = [-122.514, 37.708, -122.357, 37.833];

/** Spec-only server (San Francisco 2012 services): every spec field present, null when empty. */
export const generic: SimDialect = {
  id: 'generic',
  city: {
    name: 'San Francisco, CA (simulated spec-only server)', timezone: 'America/Los_Angeles', bbox, prefix: '/generic/open311/v2/',
    discoveryPrefix: '/generic/open311/', format: 'xml',
    notes: 'Simulated plain GeoReport v2 server: no paging, silent cap of 1000 newest rows per call, 90-day default window.',
  },
  rules: specRules({ paging: { kind: 'none', cap: 1000 } }),
  services: () => services,
  duplicateShare: 0,
  echoShare: 0,
  ...numericIds(4_000_000),
  render: (view) => {
    const { rng } = view;
    const place = placeNear(view.placeRng, places, bbox);
    const description = chance(rng, 0.5) ? pick(rng, englishDescriptions) : null;
    const note = chance(rng, 0.4) ? pick(rng, closedNotes) : null;
    const expected = chance(rng, 0.5) ? view.requested + 3 * 86400 : null;
    const media = chance(rng, 0.1) ? `http://mobile311.sfgov.org/media/san_francisco/report/photos/${hex(rng, 24)}/photo.jpg` : null;
    return {
      service_request_id: view.id,
      status: view.stage === 'closed' ? 'closed' : 'open',
      status_notes: view.stage === 'closed' ? note : null,
      service_name: view.service.name,
      service_code: view.service.code,
      description,
      agency_responsible: view.service.agency,
      service_notice: null,
      requested_datetime: view.time(view.requested),
      updated_datetime: view.time(view.updated),
      expected_datetime: expected === null ? null : view.time(expected),
      address: place.address,
      address_id: null,
      zipcode: place.zipcode || null,
      lat: place.lat,
      long: place.long,
      media_url: media,
    };
  },
};
