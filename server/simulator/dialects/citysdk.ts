import { readDataJson, readServicesXml } from '../data/load.ts';
import { chance, float, hex, pick } from '../model/random.ts';
import { round6, serviceFromListing } from './shared.ts';
import { citysdkId, citysdkIndex } from './citysdk-ids.ts';
import type { RecordView, SimDialect, SimService } from './types.ts';
import { specRules } from './spec-rules.ts';

interface HelsinkiRecord {
  code: string; title: string; description: string; address: string;
  lat: number | null; long: number | null; agency: string; statusNotes: string;
}

const records = readDataJson<{ records: HelsinkiRecord[] }>('helsinki-samples.json').records;
const byCode = new Map<string, HelsinkiRecord[]>();
for (const r of records) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
const translations: Record<string, SimService[]> = {
  en: readDataJson<Record<string, unknown>[]>('helsinki-services-en.json').map((s) => serviceFromListing(s)),
  fi: readDataJson<Record<string, unknown>[]>('helsinki-services-fi.json').map((s) => serviceFromListing(s)),
  // The recorded Swedish file declares UTF-8 but is ISO-8859-1: read it as such, serve proper UTF-8.
  sv: readServicesXml('helsinki-services-sv.xml', 'latin1').map((s) => serviceFromListing(s)),
};
const bbox: [number, number, number, number] = [24.78, 60.13, 25.26, 60.30];
const closedDetails = ['PROCESSED', 'PROCESSED', 'PROCESSED,PUBLIC_WORKS_COMPLETED', 'PROCESSED,PUBLIC_WORKS_COMPLETED',
  'PROCESSED,PUBLIC_WORKS_COMPLETED_REQUIRES_NO_ACTION', 'PROCESSED,PUBLIC_WORKS_COMPLETED_SCHEDULED_LATER'];
const openDetails = ['PROCESSED,PUBLIC_WORKS_NEW', 'PROCESSED,PUBLIC_WORKS_IN_PROGRESS'];

function detailedStatus(view: RecordView, closedPick: string, openPick: string): string {
  if (view.stage === 'closed') return closedPick;
  return view.stage === 'acknowledged' ? openPick : 'IN_PROCESS';
}

function tasks(view: RecordView, owner: string) {
  if (view.acknowledged === null) return [];
  return [{
    task_state: view.closed === null ? 're_assigned' : 'completed', task_type: 'assigned', owner_name: owner,
    task_created: view.time(view.acknowledged), task_modified: view.time(view.closed ?? view.acknowledged),
  }];
}

/** Helsinki CitySDK server: address_string, string coordinates (some swapped, some missing), extensions block, repeated rows. */
export const citysdk: SimDialect = {
  id: 'citysdk',
  city: {
    name: 'Helsinki (simulated CitySDK)', timezone: 'Europe/Helsinki', bbox, prefix: '/citysdk/palautews/rest/v1/',
    discoveryPrefix: '/citysdk/palautews/rest/v1/', format: 'json',
    notes: 'Simulated Helsinki palautews (CitySDK): page/page_size (100/500), updated_after/updated_before, locale on services, duplicate rows in one answer.',
  },
  rules: specRules({ paging: { kind: 'page', defaultSize: 100, maxSize: 500, pastEnd: 'empty' }, updated: 'range' }),
  services: (locale) => translations[(locale ?? 'en').slice(0, 2).toLowerCase()] ?? (translations.en as SimService[]),
  duplicateShare: 0,
  echoShare: 0.005,
  idOf: (index, ctx) => citysdkId(ctx.seed, index),
  indexOf: (id) => citysdkIndex(id),
  discoveryExtras: { endpoint: { locales: ['fi_FI', 'en_GB', 'en_US', 'sv_SE'] } },
  render: (view, extensions) => {
    const { rng, placeRng } = view;
    const sample = pick(placeRng, byCode.get(view.service.code) ?? records);
    const lat = round6((sample.lat ?? 60.17) + (float(placeRng) - 0.5) * 0.004);
    const long = round6((sample.long ?? 24.94) + (float(placeRng) - 0.5) * 0.008);
    const media = chance(rng, 0.45) ? `https://asiointi.hel.fi/palautews/rest/v1/attachment/${hex(rng, 20)}.jpg` : null;
    const closedPick = pick(rng, closedDetails);
    const openPick = pick(rng, openDetails);
    const out: Record<string, unknown> = {
      service_request_id: view.id,
      status_notes: view.stage === 'closed' ? sample.statusNotes : null,
      status: view.stage === 'closed' ? 'closed' : 'open',
      service_code: view.service.code, service_name: view.service.name,
      description: sample.description, agency_responsible: sample.agency, service_notice: '',
      requested_datetime: view.time(view.requested), updated_datetime: view.time(view.updated),
      // Helsinki names the place like its POST parameter (QUIRKS §2).
      address_string: sample.address,
    };
    if (view.hash('no-coordinates') % 25 !== 0) {
      const swapped = view.hash('swapped') % 50 === 0;
      Object.assign(out, swapped ? { lat: String(long), long: String(lat) } : { lat: String(lat), long: String(long) });
    }
    out.media_url = media;
    if (extensions) {
      out.extended_attributes = {
        title: sample.title, detailed_status: detailedStatus(view, closedPick, openPick),
        media_urls: media ? [media] : [], tasks: tasks(view, sample.agency),
      };
    }
    return out;
  },
};
