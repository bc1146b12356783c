import { readDataJson } from '../data/load.ts';
import { below, chance, hex, pick } from '../model/random.ts';
import { localYear } from '../time/time-format.ts';
import { nearbyNumber, pad, placeNear, type SamplePlace } from './shared.ts';
import type { RecordView, SimDialect, SimService } from './types.ts';
import { specRules } from './spec-rules.ts';

interface ChicagoSamples {
  services: { code: string; name: string; agency: string }[];
  places: SamplePlace[];
  webPlaces: SamplePlace[];
  closedNotes: string[];
  activityNotes: string[];
}

const samples = readDataJson<ChicagoSamples>('chicago-samples.json');
const services: SimService[] = samples.services.map((s) => ({
  code: s.code,
  name: s.name,
  group: '',
  agency: s.agency,
  listed: { service_code: s.code, service_name: s.name, description: '', metadata: false, type: 'realtime', keywords: '', group: '' },
}));
const bbox: [number, number, number, number] = [-87.94, 41.644, -87.524, 42.023];
const channels = ['phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'web', 'web', 'mobile', 'other'] as const;
const webChannel = (hash: (salt: string) => number) => channels[hash('channel') % channels.length] ?? 'phone';
const webSummary = { web: 'Request submitted via Web', mobile: 'Request submitted via Mobile' } as Record<string, string>;

function notes(view: RecordView, channel: string, activity: string, submittedLead: number) {
  const out: Record<string, unknown>[] = [];
  const summary = webSummary[channel];
  if (summary) out.push({ datetime: view.time(view.requested - submittedLead), summary, type: 'submitted' });
  out.push({ datetime: view.time(view.requested), summary: 'Request opened', type: 'opened' });
  if (view.acknowledged !== null) {
    out.push({ datetime: view.time(view.acknowledged), summary: 'Work Assigned', description: activity, type: 'activity' });
  }
  if (view.closed !== null) out.push({ datetime: view.time(view.closed), summary: 'Request closed', type: 'closed' });
  return out;
}

function render(view: RecordView, extensions: boolean): Record<string, unknown> {
  const { rng, placeRng } = view;
  const place = placeNear(placeRng, samples.places, bbox);
  const address = `${nearbyNumber(placeRng, place.address)}`;
  const closedNote = chance(rng, 0.4) ? pick(rng, samples.closedNotes) : null;
  const activity = pick(rng, samples.activityNotes);
  const ward = String(1 + below(rng, 50));
  const police = String(1 + below(rng, 25));
  const media = chance(rng, 0.05) ? `http://311request.cityofchicago.org/media/chicago/report/photos/${hex(rng, 24)}/${hex(rng, 8)}.jpg` : null;
  const submittedLead = 5 + below(rng, 30);
  const channel = webChannel(view.hash);
  const out: Record<string, unknown> = { service_request_id: view.id, status: view.stage === 'closed' ? 'closed' : 'open' };
  if (view.stage === 'closed' && closedNote) out.status_notes = closedNote;
  if (view.stage === 'acknowledged' && chance(rng, 0.3)) out.status_notes = activity;
  Object.assign(out, { service_name: view.service.name, service_code: view.service.code });
  if (view.service.agency) out.agency_responsible = view.service.agency;
  Object.assign(out, {
    requested_datetime: view.time(view.requested), updated_datetime: view.time(view.updated),
    address, lat: place.lat, long: place.long, zipcode: place.zipcode,
  });
  if (media) out.media_url = media;
  if (extensions) {
    out.notes = notes(view, channel, activity, submittedLead);
    const extended: Record<string, unknown> = { channel, ward, police_district: police };
    if (view.parentId) Object.assign(extended, { duplicate: true, parent_service_request_id: view.parentId });
    out.extended_attributes = extended;
  }
  return out;
}

/** A web/mobile request not yet in the back office: no id, no agency, the geocoder's address (recorded shape). */
function renderSubmitted(view: RecordView, extensions: boolean): Record<string, unknown> {
  const place = placeNear(view.placeRng, samples.webPlaces, bbox);
  const out: Record<string, unknown> = {
    status: 'submitted', service_name: view.service.name, service_code: view.service.code,
    requested_datetime: view.time(view.requested), updated_datetime: view.time(view.requested),
    address: place.address, lat: place.lat, long: place.long,
  };
  if (extensions) {
    const summary = webSummary[webChannel(view.hash)] ?? 'Request submitted via Web';
    out.notes = [{ datetime: view.time(view.requested), summary, type: 'submitted' }];
  }
  return out;
}

const submittedSeconds = 600;
const listedWithoutId: NonNullable<SimDialect['listedWithoutId']> = ({ requested, now, hash }) =>
  now - requested < submittedSeconds && webChannel(hash) !== 'phone' && webChannel(hash) !== 'other';

export const chicago: SimDialect = {
  id: 'chicago',
  city: {
    name: 'Chicago, IL (simulated)', timezone: 'America/Chicago', bbox, prefix: '/chicago/open311/v2/',
    discoveryPrefix: '/chicago/open311/', format: 'json', pageSize: 500,
    notes: 'Simulated Chicago Open311 (Connected Bits era): zone-less local dates, page/page_size (50/500), extensions, updated_after/updated_before.',
  },
  rules: specRules({ paging: { kind: 'page', defaultSize: 50, maxSize: 500, pastEnd: 'empty' }, dateStyle: 'local-naive', updated: 'range', jurisdiction: { only: 'cityofchicago.org' } }),
  services: () => services,
  duplicateShare: 0.05,
  echoShare: 0,
  idOf: (index, ctx) => `${pad(localYear(ctx.requested[index] ?? 0, ctx.offsetAt) % 100, 2)}-${pad(1_000_000 + index, 8)}`,
  indexOf: (id) => {
    const m = /^\d{2}-(\d{8})$/.exec(id);
    return m ? Number(m[1]) - 1_000_000 : null;
  },
  render: (view, extensions) =>
    listedWithoutId({ requested: view.requested, now: view.now, hash: view.hash }) ? renderSubmitted(view, extensions) : render(view, extensions),
  listedWithoutId,
};
