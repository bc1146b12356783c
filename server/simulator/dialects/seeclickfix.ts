import { readDataJson, readServicesXml } from '../data/load.ts';
import { chance, hex, pick } from '../model/random.ts';
import { englishDescriptions, placeOnStreet, serviceFromListing, type StreetArea } from './shared.ts';
import type { SimDialect } from './types.ts';
import { numericIds, specRules } from './spec-rules.ts';

// SeeClickFix organisations define their own request types; DC's recorded list stands in for New Haven's.
const services = readServicesXml('washington-dc-services.xml').map((s) => serviceFromListing(s, 'City of New Haven'));
const areas = readDataJson<{ areas: StreetArea[] }>('new-haven-places.json').areas;
const bbox: [number, number, number, number] = [-72.998, 41.246, -72.86, 41.351];

function statusWord(stage: string, archived: boolean): string {
  if (stage === 'closed') return archived ? 'archived' : 'closed';
  return stage === 'acknowledged' ? 'acknowledged' : 'open';
}

/** SeeClickFix Open311 facade for one organisation (New Haven = 29): 20 per page, integer ids, string coordinates. */
export const seeclickfix: SimDialect = {
  id: 'seeclickfix',
  city: {
    name: 'New Haven, CT (simulated SeeClickFix organisation 29)', timezone: 'America/New_York', bbox,
    prefix: '/seeclickfix/open311/v2/29/', discoveryPrefix: '/seeclickfix/open311/v2/29/', format: 'json',
    notes: 'Simulated SeeClickFix facade: page/page_size capped at 20, integer ids, lat/long strings, acknowledged/archived words.',
  },
  rules: specRules({ paging: { kind: 'page', defaultSize: 20, maxSize: 20, pastEnd: 'empty' } }),
  services: () => services,
  duplicateShare: 0,
  echoShare: 0,
  ...numericIds(5_000_000),
  render: (view) => {
    const { rng } = view;
    const place = placeOnStreet(view.placeRng, areas, bbox);
    const description = pick(rng, englishDescriptions);
    const media = chance(rng, 0.35) ? `https://seeclickfix.com/files/issue_images/0${hex(rng, 3)}/${hex(rng, 6)}/image.jpg` : null;
    const archived = view.hash('archived') % 4 === 0;
    return {
      service_request_id: Number(view.id),
      status: statusWord(view.stage, archived),
      status_notes: null,
      service_name: view.service.name,
      service_code: view.service.code,
      description,
      agency_responsible: view.service.agency,
      service_notice: null,
      requested_datetime: view.time(view.requested),
      updated_datetime: view.time(view.updated),
      expected_datetime: null,
      address: `${place.address} New Haven, CT ${place.zipcode}, USA`,
      address_id: null,
      zipcode: place.zipcode,
      lat: String(place.lat),
      long: String(place.long),
      media_url: media,
    };
  },
};
