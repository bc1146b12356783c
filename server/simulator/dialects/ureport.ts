import { readDataJson } from '../data/load.ts';
import { chance, hex, pick, seedOf } from '../model/random.ts';
import { placeNear, serviceFromListing, type SamplePlace } from './shared.ts';
import type { SimDialect } from './types.ts';
import { specRules } from './spec-rules.ts';

interface BloomingtonSamples {
  descriptions: string[];
  places: SamplePlace[];
  agencies: string[];
}

const samples = readDataJson<BloomingtonSamples>('bloomington-samples.json');
const agencies = samples.agencies.filter(Boolean);
const services = readDataJson<Record<string, unknown>[]>('bloomington-services-2012.json')
  .map((s, i) => serviceFromListing(s, agencies[i % agencies.length] ?? ''));
const bbox: [number, number, number, number] = [-86.6, 39.1, -86.46, 39.22];
const zipcodes = ['47401', '47403', '47404', '47408'];
const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** Bloomington uReport: Mongo ObjectIds, 1000 per page, a page past the end repeats the last one, empty keys left out. */
export const ureport: SimDialect = {
  id: 'ureport',
  city: {
    name: 'Bloomington, IN (simulated uReport)', timezone: 'America/Indiana/Indianapolis', bbox, prefix: '/ureport/crm/open311/v2/',
    discoveryPrefix: '/ureport/crm/open311/', format: 'json',
    notes: 'Simulated uReport: page/page_size (1000/1000, page 0 = 1), a page past the end repeats the last page, status ignored, single service_request_id.',
  },
  rules: specRules({ paging: { kind: 'page', defaultSize: 1000, maxSize: 1000, pastEnd: 'repeat-last' }, defaultWindowDays: null, updated: 'range', ids: 'single', status: 'ignored' }),
  services: () => services,
  duplicateShare: 0,
  echoShare: 0,
  // ObjectId = 4-byte creation time, 5 bytes per process, 3-byte counter (here: the index).
  idOf: (index, ctx) => `${hex8(ctx.requested[index] ?? 0)}${hex8(seedOf(ctx.seed, 'ureport-process')).slice(0, 8)}0a${index.toString(16).padStart(6, '0')}`,
  indexOf: (id) => (/^[0-9a-f]{24}$/.test(id) ? parseInt(id.slice(18), 16) : null),
  render: (view) => {
    const { rng } = view;
    const place = placeNear(view.placeRng, samples.places, bbox);
    let description = pick(rng, samples.descriptions);
    if (chance(rng, 0.2)) description += `\r\n\r\n${pick(rng, samples.descriptions)}`;
    const zipcode = chance(rng, 0.5) ? pick(rng, zipcodes) : '';
    const media = chance(rng, 0.1) ? `https://bloomington.in.gov/crm/media/${hex(rng, 24)}.jpg` : '';
    const location = view.hash('location') % 20;
    const out: Record<string, unknown> = {
      service_request_id: view.id, status: view.stage === 'closed' ? 'closed' : 'open',
      service_name: view.service.name, service_code: view.service.code, description,
      agency_responsible: view.service.agency,
      requested_datetime: view.time(view.requested), updated_datetime: view.time(view.updated),
    };
    if (location >= 2) out.address = place.address;
    if (location >= 2 && zipcode) out.zipcode = zipcode;
    // Unknown coordinates are sent as integer 0; no location at all leaves the keys out.
    if (location >= 2 && location <= 6) Object.assign(out, { lat: 0, long: 0 });
    if (location > 6) Object.assign(out, { lat: place.lat, long: place.long });
    out.media_url = media;
    return out;
  },
};
