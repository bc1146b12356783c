import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../server/simulator/index.ts';
import { endpointOf, get, rowsOf, startTestSimulator } from './sim-test-kit.ts';

type Row = Record<string, unknown>;
const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/open311/${path}`, import.meta.url), 'utf8')) as Row[];
const keysOf = (rows: Row[]) => new Set(rows.flatMap((r) => Object.keys(r)));
const nested = (rows: Row[], key: string) => rows.flatMap((r) => (r[key] ? [r[key] as Row] : []));

let sim: Simulator;
let rows: (dialect: string, query?: string) => Promise<Row[]>;
beforeAll(async () => {
  sim = await startTestSimulator({ requests: 40_000 });
  rows = async (dialect, query = '') => {
    const endpoint = endpointOf(sim, dialect);
    const dates = dialect === 'chicago' ? 'start_date=2025-11-01T00:00:00&end_date=2026-03-01T00:00:00' : 'start_date=2025-11-01T00:00:00Z&end_date=2026-03-01T00:00:00Z';
    const extra = endpoint.jurisdiction_id ? `&jurisdiction_id=${endpoint.jurisdiction_id}` : '';
    return rowsOf(await get(`${endpoint.base_url}requests.json?${dates}&page_size=500&limit=500${extra}${query}`));
  };
});
afterAll(() => sim?.close());

describe('records have the recorded fixtures\' shapes', () => {
  test('chicago: keys, notes and extended_attributes as in the 2012 capture; empty keys omitted; ids YY-NNNNNNNN', async () => {
    const recorded = fixture('chicago/requests-2012-12-01-extensions.json');
    const simulated = await rows('chicago', '&extensions=true');
    expect([...keysOf(simulated)].filter((k) => !keysOf(recorded).has(k))).toEqual([]);
    expect([...keysOf(nested(simulated, 'extended_attributes'))].sort()).toEqual([...keysOf(nested(recorded, 'extended_attributes'))].sort());
    expect([...keysOf(simulated.flatMap((r) => r.notes as Row[]))].filter((k) => !keysOf(recorded.flatMap((r) => r.notes as Row[])).has(k))).toEqual([]);
    expect(simulated.every((r) => /^\d\d-\d{8}$/.test(String(r.service_request_id)) && typeof r.lat === 'number')).toBe(true);
    expect(simulated.some((r) => (r.extended_attributes as Row).duplicate === true)).toBe(true);
    expect(simulated.every((r) => Object.values(r).every((v) => v !== null && v !== ''))).toBe(true);
  });

  test('markaspot: exactly the Cologne keys (address_string, status_note, title), HTML notes, comma-joined media', async () => {
    const recorded = fixture('koeln-markaspot/requests-2024-01-100.json');
    const simulated = await rows('markaspot');
    expect(keysOf(simulated)).toEqual(keysOf(recorded));
    expect(simulated.some((r) => String(r.status_note).includes('<p>'))).toBe(true);
    expect(simulated.some((r) => String(r.media_url).includes(','))).toBe(true);
    expect(simulated.every((r) => /^\d+-\d{4}$/.test(String(r.service_request_id)) && String(r.title).startsWith(`#${r.service_request_id} `))).toBe(true);
  });

  test('fixmystreet: wrapped; string coordinates; extended statuses; recipients; empty strings for missing', async () => {
    const recorded = fixture('fixmystreet/import-requests-planned-status.json');
    const simulated = await rows('fixmystreet');
    expect([...keysOf(recorded)].filter((k) => !keysOf(simulated).has(k))).toEqual([]);
    expect(simulated.every((r) => typeof r.lat === 'string' && r.address === '' && Array.isArray((r.agency_responsible as Row).recipient))).toBe(true);
    expect(simulated.every((r) => r.description === `${r.title}: ${r.detail}`)).toBe(true);
    const words = new Set(simulated.map((r) => r.status));
    expect([...words].filter((w) => !['open', 'investigating', 'in_progress', 'action_scheduled', 'planned', 'fixed', 'closed', 'duplicate',
      'not_councils_responsibility', 'no_further_action', 'internal_referral'].includes(String(w)))).toEqual([]);
    expect(words.has('fixed') && words.has('duplicate')).toBe(true);
    const xml = (await get(`${endpointOf(sim, 'fixmystreet').base_url}requests.xml?jurisdiction_id=x&max_requests=1`)).text;
    expect(xml).toMatch(/<agency_responsible><recipient>[^<]+<\/recipient><\/agency_responsible>/);
  });

  test('seeclickfix: integer ids, string coordinates, acknowledged and archived words', async () => {
    const pages = await Promise.all(Array.from({ length: 15 }, (_, i) => rows('seeclickfix', `&page=${i + 1}`)));
    const simulated = pages.flat();
    expect(simulated.length).toBeGreaterThan(100);
    expect(simulated.every((r) => Number.isInteger(r.service_request_id) && typeof r.lat === 'string' && typeof r.long === 'string')).toBe(true);
    expect(new Set(simulated.map((r) => r.status))).toEqual(new Set(['open', 'acknowledged', 'closed', 'archived']));
  });

  test('ureport: Bloomington keys, ObjectIds, integer 0 for unknown places, keys left out when empty, CRLF', async () => {
    const recorded = fixture('bloomington/requests-2012-05-23.json');
    const simulated = await rows('ureport');
    expect([...keysOf(simulated)].filter((k) => !keysOf(recorded).has(k))).toEqual([]);
    expect(simulated.every((r) => /^[0-9a-f]{24}$/.test(String(r.service_request_id)) && /^[0-9a-f]{24}$/.test(String(r.service_code)))).toBe(true);
    expect(simulated.some((r) => r.lat === 0) && simulated.some((r) => !('lat' in r)) && simulated.some((r) => typeof r.lat === 'number' && r.lat !== 0)).toBe(true);
    expect(simulated.some((r) => String(r.description).includes('\r\n'))).toBe(true);
    expect(simulated.every((r) => Object.values(r).every((v) => v !== null))).toBe(true);
  });

  test('citysdk: the Helsinki wire sample\'s keys, string (sometimes swapped or absent) coordinates', async () => {
    const recorded = fixture('helsinki/requests-wire-sample-derived.json');
    const simulated = await rows('citysdk', '&extensions=true');
    expect([...keysOf(simulated)].filter((k) => !keysOf(recorded).has(k))).toEqual([]);
    expect([...keysOf(nested(simulated, 'extended_attributes'))].filter((k) => !keysOf(nested(recorded, 'extended_attributes')).has(k))).toEqual([]);
    const located = simulated.filter((r) => 'lat' in r);
    expect(located.length).toBeLessThan(simulated.length);
    expect(located.every((r) => typeof r.lat === 'string')).toBe(true);
    expect(located.some((r) => Number(r.lat) < 30)).toBe(true);
  });

  test('connectedbits: the San Francisco 2015 extension shape, UTC milliseconds', async () => {
    const recorded = fixture('san-francisco/request-2015-extended-attributes-EXTRACT-from-wiki.json');
    const simulated = await rows('connectedbits', '&extensions=true');
    const allowed = new Set([...keysOf(recorded), 'status_notes', 'agency_responsible']);
    expect([...keysOf(simulated)].filter((k) => !allowed.has(k))).toEqual([]);
    expect(keysOf(nested(simulated, 'extended_attributes'))).toEqual(keysOf(nested(recorded, 'extended_attributes')));
  });

  test('coordinates lie in the registry bbox (except citysdk\'s swapped pairs and uReport\'s 0 = unknown)', async () => {
    for (const endpoint of sim.registry()) {
      const [west, south, east, north] = endpoint.bbox!;
      const points = (await rows(endpoint.dialect)).filter((r) => typeof r === 'object' && 'lat' in r)
        .map((r) => [Number(r.lat), Number(r.long)] as const).filter(([lat]) => lat !== 0 && !(endpoint.dialect === 'citysdk' && lat < 30));
      const outside = points.filter(([lat, long]) => lat < south || lat > north || long < west || long > east);
      expect({ id: endpoint.id, some: points.length > 0, outside }).toEqual({ id: endpoint.id, some: true, outside: [] });
    }
  });

  test('generic: the spec example\'s XML elements, in a <service_requests><request> document', async () => {
    const parser = new XMLParser({ parseTagValue: false, isArray: (tag) => tag === 'request' });
    const recorded = parser.parse(readFileSync(new URL('../fixtures/open311/spec-examples/requests-spec-example.xml', import.meta.url), 'utf8'));
    const answer = await get(`${endpointOf(sim, 'generic').base_url}requests.xml`);
    const simulated = parser.parse(answer.text) as { service_requests: { request: Row[] } };
    expect(answer.contentType).toContain('xml');
    expect(keysOf(simulated.service_requests.request)).toEqual(keysOf(recorded.service_requests.request));
  });
});
