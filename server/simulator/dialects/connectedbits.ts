import { readDataJson } from '../data/load.ts';
import { below, chance, hex, pick } from '../model/random.ts';
import { englishDescriptions, placeOnStreet, serviceFromListing, type StreetArea } from './shared.ts';
import type { RecordView, SimDialect } from './types.ts';
import { numericIds, specRules } from './spec-rules.ts';

type Listed = Record<string, unknown> & { definitions?: { service_departments?: { name?: string }[] } };
const listing = readDataJson<Listed[]>('boston-services-2018-salesforce.json');
const services = listing.map((s) => serviceFromListing(s, s.definitions?.service_departments?.[0]?.name ?? ''));
const areas = readDataJson<{ areas: StreetArea[] }>('boston-places.json').areas;
// Every street of every area (a cross street may be in another area), listed once rather than per record.
const allStreets = areas.flatMap((a) => a.streets);
const bbox: [number, number, number, number] = [-71.191, 42.227, -70.986, 42.397];
const channels = ['iphone', 'android', 'phone', 'web', 'employee generated'];
const submittedVia: Record<string, string> = { iphone: 'Submitted via iPhone', android: 'Submitted via Android', web: 'Submitted via Web' };
const closedNotes = ['Case resolved.', 'Case Resolved. Completed.', 'Case Noted. Duplicate of existing case.', 'Case Invalid.'];
const objects = [
  { value: 'Other Loose Garbage / Debris', code: 'Other_loose_garbage_debris_yard_waste' },
  { value: 'Bulk Item', code: 'Bulk_item' },
  { value: 'Needles', code: 'Needles' },
];

// Massachusetts state plane (feet), linearised around City Hall: good enough for a plausible x/y.
const statePlane = (lat: number, long: number) => ({
  x: Math.round((775500 + (long + 71.0589) * 270600) * 1000) / 1000,
  y: Math.round((2956500 + (lat - 42.3603) * 364000) * 1000) / 1000,
});

function notes(view: RecordView, channel: string, lead: number) {
  const out: Record<string, unknown>[] = [];
  const via = submittedVia[channel];
  if (via) out.push({ datetime: view.time(view.requested - lead), description: via, type: 'submitted' });
  out.push({ datetime: view.time(view.requested), description: 'Opened', type: 'opened' });
  if (view.acknowledged !== null) out.push({ datetime: view.time(view.acknowledged), description: 'Case assigned', type: 'activity' });
  if (view.closed !== null) out.push({ datetime: view.time(view.closed), description: 'Closed', type: 'closed' });
  return out;
}

function address(view: RecordView): { text: string; lat: number; long: number } {
  const place = placeOnStreet(view.placeRng, areas, bbox);
  const cross = pick(view.placeRng, allStreets);
  const intersection = chance(view.placeRng, 0.15) && cross !== place.street;
  const text = intersection ? `INTERSECTION of ${place.street} & ${cross}` : `${place.address}, ${place.area}, MA ${place.zipcode}`;
  return { text, lat: place.lat, long: place.long };
}

/** Connected Bits / Spot (Boston services): UTC timestamps with milliseconds; extensions add attributes, photos, notes. */
export const connectedbits: SimDialect = {
  id: 'connectedbits',
  city: {
    name: 'Boston, MA (simulated Connected Bits)', timezone: 'America/New_York', bbox, prefix: '/connectedbits/open311/v2/',
    discoveryPrefix: '/connectedbits/open311/', format: 'json',
    notes: 'Simulated Connected Bits / Spot server with Boston\'s recorded services: page/page_size (50/100), UTC .000Z timestamps.',
  },
  rules: specRules({ paging: { kind: 'page', defaultSize: 50, maxSize: 100, pastEnd: 'empty' }, timeStyle: 'utc-millis' }),
  services: () => services,
  duplicateShare: 0,
  echoShare: 0,
  ...numericIds(101_000_000_000),
  render: (view, extensions) => {
    const { rng } = view;
    const place = address(view);
    const description = pick(rng, englishDescriptions);
    const channel = pick(rng, channels);
    const media = chance(rng, 0.3) ? `https://spot-boston-res.cloudinary.com/image/upload/v1/boston/production/${hex(rng, 24)}.jpg` : null;
    const note = pick(rng, closedNotes);
    const object = chance(rng, 0.3) ? pick(rng, objects) : null;
    const lead = 3 + below(rng, 20);
    const out: Record<string, unknown> = {
      service_request_id: view.id, status: view.stage === 'closed' ? 'closed' : 'open',
      status_notes: view.stage === 'closed' ? note : null,
      service_name: view.service.name, service_code: view.service.code, description,
      agency_responsible: view.service.agency || null,
      requested_datetime: view.time(view.requested), updated_datetime: view.time(view.updated),
      address: place.text, lat: place.lat, long: place.long, media_url: media,
    };
    if (extensions) {
      out.attributes = object ? [{ label: 'Object', name: 'request_type', ...object }] : [];
      const photos = media
        ? [{ media_url: media, title: 'Submitted', width: 864, height: 1536, orientation: 'portrait', created_at: view.time(view.requested - lead) }]
        : [];
      out.extended_attributes = { channel, ...statePlane(place.lat, place.long), photos };
      out.notes = notes(view, channel, lead);
    }
    return out;
  },
};
