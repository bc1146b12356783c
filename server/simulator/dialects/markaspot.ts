import { readDataJson } from '../data/load.ts';
import { below, chance, hex, pick } from '../model/random.ts';
import { lowerBound } from '../model/record-state.ts';
import { localYear } from '../time/time-format.ts';
import { placeNear, type SamplePlace } from './shared.ts';
import type { IdContext, SimDialect, SimService } from './types.ts';
import { specRules } from './spec-rules.ts';

interface KoelnSamples {
  services: { code: string; name: string }[];
  places: SamplePlace[];
  descriptions: string[];
  createdNote: string;
  htmlNotes: string[];
}

const samples = readDataJson<KoelnSamples>('koeln-samples.json');
// Cologne's service codes and names in the Giessen services.xml shape (is_array root, empty descriptions).
const services: SimService[] = samples.services.map((s) => ({
  code: s.code, name: s.name, group: '', agency: 'Stadt Köln',
  listed: { service_code: s.code, service_name: s.name, metadata: 'false', type: 'realtime', description: '', keywords: '' },
}));
const bbox: [number, number, number, number] = [6.772, 50.83, 7.162, 51.085];
const descriptive = { open: ['Offen', '#e2001a'], acknowledged: ['In Bearbeitung', '#f59c00'], closed: ['Abgeschlossen', '#3a9a3a'] };

// Ids are "<n>-<year>", n counting the year's requests from 1: the year's first index comes from a binary search.
const yearStarts = new WeakMap<Uint32Array, Map<number, number>>();
function firstIndexOfYear(year: number, ctx: IdContext): number {
  const cache = yearStarts.get(ctx.requested) ?? new Map<number, number>();
  yearStarts.set(ctx.requested, cache);
  let first = cache.get(year);
  if (first === undefined) {
    const utcMidnight = Date.UTC(year, 0, 1) / 1000;
    first = lowerBound(ctx.requested, utcMidnight - ctx.offsetAt(utcMidnight) * 60);
    cache.set(year, first);
  }
  return first;
}

function mediaUrl(rng: Parameters<typeof pick>[0], month: string): string {
  const count = chance(rng, 0.6) ? 0 : chance(rng, 0.75) ? 1 : 2 + below(rng, 2);
  const urls = Array.from({ length: count }, () => `https://sags-uns.stadt-koeln.de/system/files/${month}/IMG_${hex(rng, 4)}.jpg`);
  return urls.join(',');
}

/** Mark-a-Spot (Köln): limit/offset, 404 on empty, address_string/status_note/title, HTML notes, comma-joined media_url. */
export const markaspot: SimDialect = {
  id: 'markaspot',
  city: {
    name: 'Köln (simulated Mark-a-Spot)', timezone: 'Europe/Berlin', bbox, prefix: '/markaspot/georeport/v2/',
    discoveryPrefix: '/markaspot/georeport/v2/', format: 'json',
    notes: 'Simulated Mark-a-Spot (Sag\'s uns): limit/offset (50/100, 500 with start_date or updated), updated filter, HTTP 404 for an empty answer.',
  },
  rules: specRules({ paging: { kind: 'offset', defaultSize: 50, maxSize: 100, maxSizeFiltered: 500 }, defaultWindowDays: null, updated: 'since', errors: 'markaspot', emptyIs404: true }),
  services: () => services,
  duplicateShare: 0,
  echoShare: 0,
  idOf: (index, ctx) => {
    const year = localYear(ctx.requested[index] ?? 0, ctx.offsetAt);
    return `${index - firstIndexOfYear(year, ctx) + 1}-${year}`;
  },
  indexOf: (id, ctx) => {
    const m = /^(\d+)-(\d{4})$/.exec(id);
    return m ? firstIndexOfYear(Number(m[2]), ctx) + Number(m[1]) - 1 : null;
  },
  servicesXmlAttributes: ' is_array="true"',
  render: (view, extensions) => {
    const { rng } = view;
    const place = placeNear(view.placeRng, samples.places, bbox);
    const description = chance(rng, 0.15) ? null : pick(rng, samples.descriptions);
    const media = mediaUrl(rng, view.time(view.requested).slice(0, 7));
    const ackNote = pick(rng, samples.htmlNotes);
    const closedNote = pick(rng, samples.htmlNotes);
    const out: Record<string, unknown> = {
      service_request_id: view.id, title: `#${view.id} ${view.service.name}`, description,
      lat: place.lat, long: place.long, address_string: place.address, service_name: view.service.name,
      requested_datetime: view.time(view.requested), updated_datetime: view.time(view.updated),
      status: view.stage === 'closed' ? 'closed' : 'open', media_url: media,
      status_note: view.stage === 'open' ? samples.createdNote : view.stage === 'closed' ? closedNote : ackNote,
      service_code: view.service.code,
    };
    if (extensions) {
      const [name, hexColour] = descriptive[view.stage];
      out.extended_attributes = { markaspot: { status_descriptive_name: name, status_hex: hexColour, category_hex: '#0068b4' } };
    }
    return out;
  },
};
