import { readDataJson, readServicesXml } from '../data/load.ts';
import { below, chance, pick } from '../model/random.ts';
import { placeOnStreet, serviceFromListing, type StreetArea } from './shared.ts';
import type { RecordView, SimDialect, SimService } from './types.ts';
import { numericIds, specRules } from './spec-rules.ts';

interface Category { name: string; group: string; reports: [string, string][] }

const categories = readDataJson<{ categories: Category[] }>('fixmystreet-categories.json').categories;
const areas = readDataJson<{ areas: StreetArea[] }>('merton-places.json').areas;
// FixMyStreet writes metadata as the string 'true'/'false'.
const merton = readServicesXml('merton-services-batch.xml').map((s) => serviceFromListing({ ...s, metadata: String(s.metadata) }, 'Merton Council'));
const services: SimService[] = [
  ...merton,
  ...categories.map((c) => serviceFromListing({
    service_code: c.name, service_name: c.name, description: c.name, metadata: 'false', type: 'realtime', group: c.group,
  }, c.name === 'Bus stops' ? 'Transport for London' : 'Merton Council')),
];
const reportsOf = new Map(categories.map((c) => [c.name, c.reports]));
const graffiti: [string, string][] = [['Graffiti on wall', 'Offensive graffiti sprayed on the wall by the alley.'], ['Tagging on shop shutters', 'New tags on the shutters overnight.']];
const bbox: [number, number, number, number] = [-0.2585, 51.3825, -0.1235, 51.4425];
const interfaces = ['Web interface', 'Web interface', 'iOS', 'Android', 'fixmystreet.com'];
const names = ['Sarah', 'James', 'Priya', 'Tom', 'Aisha', 'David', 'Emma', 'Chris', 'Helen', 'Ravi'];
const progressWords = ['investigating', 'in_progress', 'action_scheduled', 'planned'];
const closingWords = ['fixed', 'fixed', 'fixed', 'closed', 'no_further_action', 'not_councils_responsibility', 'internal_referral'];

function statusWord(view: RecordView, progress: string, closing: string): string {
  if (view.stage === 'closed') return view.parentId ? 'duplicate' : closing;
  return view.stage === 'acknowledged' ? progress : 'open';
}

/** FixMyStreet as a server (Merton): wrapped JSON, no paging, 1000 newest rows, extended statuses, empty strings for missing. */
export const fixmystreet: SimDialect = {
  id: 'fixmystreet',
  city: {
    name: 'London Borough of Merton (simulated FixMyStreet)', timezone: 'Europe/London', bbox, prefix: '/fixmystreet/open311/v2/',
    discoveryPrefix: '/fixmystreet/open311/v2/', jurisdictionId: 'fixmystreet.com', format: 'json',
    notes: 'Simulated FixMyStreet server: jurisdiction_id required, no paging (1000 newest rows per call), end_date exclusive, wrapped JSON.',
  },
  rules: specRules({ paging: { kind: 'none', cap: 1000, maxRequestsParam: true }, endExclusive: true, defaultWindowDays: null, ids: 'numeric-single', status: 'single', jurisdiction: 'required-any', errors: 'fixmystreet-html', wrappedJson: true, xmlSortedKeys: true }),
  services: () => services,
  duplicateShare: 0.04,
  echoShare: 0,
  ...numericIds(3_000_000),
  discoveryExtras: { document: { max_requests: '1000' } },
  render: (view) => {
    const { rng } = view;
    const place = placeOnStreet(view.placeRng, areas, bbox);
    const [title, detail] = pick(rng, reportsOf.get(view.service.code) ?? graffiti);
    const progress = pick(rng, progressWords);
    const closing = pick(rng, closingWords);
    const requestor = chance(rng, 0.6) ? `${pick(rng, names)} ${String.fromCharCode(65 + below(rng, 26))}.` : '';
    const photo = chance(rng, 0.4);
    const comments = below(rng, 4);
    const sentAfter = 60 + below(rng, 600);
    return {
      service_request_id: view.id,
      title: `${title}, ${place.street}`,
      detail,
      description: `${title}, ${place.street}: ${detail}`,
      lat: String(place.lat),
      long: String(place.long),
      status: statusWord(view, progress, closing),
      requested_datetime: view.time(view.requested),
      updated_datetime: view.time(view.updated),
      service_code: view.service.code,
      service_name: view.service.name,
      agency_responsible: { recipient: [view.service.agency] },
      interface_used: pick(rng, interfaces),
      requestor_name: requestor,
      agency_sent_datetime: view.requested + sentAfter <= view.now ? view.time(view.requested + sentAfter) : '',
      comment_count: view.stage === 'open' ? 0 : comments,
      media_url: photo ? `https://www.fixmystreet.com/photo/${view.id}.0.jpeg` : '',
      address: '',
      address_id: '',
      zipcode: '',
    };
  },
};
