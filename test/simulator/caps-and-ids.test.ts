import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { citysdkId, citysdkIndex } from '../../server/simulator/dialects/citysdk-ids.ts';
import type { Simulator } from '../../server/simulator/index.ts';
import { endpointOf, get, idsOf, rowsOf, startTestSimulator, truthIdsBetween } from './sim-test-kit.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ requests: 40_000 });
});
afterAll(() => sim?.close());

const from = '2025-04-01T00:00:00Z';
const to = '2026-02-01T00:00:00Z';

function newestFirst(sim: Simulator, endpointId: string, ids: string[]): string[] {
  const at = new Map(sim.truth(endpointId).map((t) => [t.service_request_id, Date.parse(t.requested_at)]));
  return [...ids].sort((a, b) => (at.get(b) ?? 0) - (at.get(a) ?? 0) || (a < b ? 1 : -1));
}

describe('servers without paging answer at most 1000 rows, the newest first, silently', () => {
  test('generic (XML): 1000 newest of the window; page parameters are ignored', async () => {
    const endpoint = endpointOf(sim, 'generic');
    const url = `${endpoint.base_url}requests.xml?start_date=${from}&end_date=${to}`;
    const parse = (text: string) =>
      (new XMLParser({ parseTagValue: false, isArray: (tag) => tag === 'request' }).parse(text) as { service_requests: { request: { service_request_id: string }[] } })
        .service_requests.request.map((r) => r.service_request_id);
    const ids = parse((await get(url)).text);
    const expected = truthIdsBetween(sim, endpoint.id, from, to);
    expect(expected.length).toBeGreaterThan(1000);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids)).toEqual(new Set(newestFirst(sim, endpoint.id, expected).slice(0, 1000)));
    expect(parse((await get(`${url}&page=2&page_size=50`)).text)).toEqual(ids);
  });

  test('fixmystreet: wrapped, newest 1000, end_date exclusive, max_requests, jurisdiction_id required', async () => {
    const endpoint = endpointOf(sim, 'fixmystreet');
    expect(endpoint.jurisdiction_id).toBeTruthy();
    const url = `${endpoint.base_url}requests.json?jurisdiction_id=${endpoint.jurisdiction_id}&start_date=${from}&end_date=${to}`;
    const rows = rowsOf(await get(url));
    expect(rows).toHaveLength(1000);
    const times = rows.map((r) => Date.parse(String(r.requested_datetime)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(rowsOf(await get(`${url}&max_requests=10`))).toHaveLength(10);
    const one = sim.truth(endpoint.id).find((t) => t.requested_at > from)!;
    const at = one.requested_at.replace('.000Z', 'Z');
    const base = `${endpoint.base_url}requests.json?jurisdiction_id=x`;
    expect(idsOf(rowsOf(await get(`${base}&start_date=${at}&end_date=${at}`)))).toEqual([]);
    const second = new Date(Date.parse(one.requested_at) + 1000).toISOString().replace('.000Z', 'Z');
    expect(idsOf(rowsOf(await get(`${base}&start_date=${at}&end_date=${second}`)))).toContain(one.service_request_id);
    const refused = await get(`${endpoint.base_url}requests.json?start_date=${from}`);
    expect([refused.status, refused.contentType, /Missing jurisdiction_id/.test(refused.text)]).toEqual([200, 'text/html; charset=utf-8', true]);
  });
});

describe('re-polling by id', () => {
  test('comma lists where the vendor takes them; single ids for uReport and FixMyStreet; other filters ignored', async () => {
    const chicago = endpointOf(sim, 'chicago');
    const some = sim.truth(chicago.id).slice(100, 103).map((t) => t.service_request_id);
    expect(idsOf(rowsOf(await get(`${chicago.base_url}requests.json?service_request_id=${some.join(',')}&start_date=2030-01-01T00:00:00`)))).toEqual(some);
    const ureport = endpointOf(sim, 'ureport');
    const two = sim.truth(ureport.id).slice(5, 7).map((t) => t.service_request_id);
    expect(idsOf(rowsOf(await get(`${ureport.base_url}requests.json?service_request_id=${two[0]}`)))).toEqual([two[0]]);
    expect(rowsOf(await get(`${ureport.base_url}requests.json?service_request_id=${two.join(',')}`))).toEqual([]);
    const fms = endpointOf(sim, 'fixmystreet');
    const fmsId = sim.truth(fms.id)[9]!.service_request_id;
    expect(idsOf(rowsOf(await get(`${fms.base_url}requests.json?jurisdiction_id=x&service_request_id=${fmsId}`)))).toEqual([fmsId]);
  });

  test('requests/{id}: a one-element list; unknown ids are 404 (FixMyStreet: an empty list)', async () => {
    for (const endpoint of sim.registry()) {
      const truth = sim.truth(endpoint.id).find((t) => t.malformed === null)!;
      const query = endpoint.jurisdiction_id ? `?jurisdiction_id=${endpoint.jurisdiction_id}` : '';
      const one = await get(`${endpoint.base_url}requests/${encodeURIComponent(truth.service_request_id)}.json${query}`);
      expect({ id: endpoint.id, ids: idsOf(rowsOf(one)) }).toEqual({ id: endpoint.id, ids: [truth.service_request_id] });
      const missing = await get(`${endpoint.base_url}requests/99999999999.json${query}`);
      expect({ id: endpoint.id, status: missing.status }).toEqual({ id: endpoint.id, status: endpoint.dialect === 'fixmystreet' ? 200 : 404 });
    }
  });
});

test('citysdk ids are the same as they always were, past the indices where doubles are exact too', () => {
  // Made by the first implementation (BigInt, Number#toString(36)).
  const known: [number, number, string][] = [
    [7, 0, 'n6prlu99sqi800kf12oj'], [7, 1, '4pcluyvknxrr01sbeuf8'], [7, 35_999, 'j0y6tspgyjohvev18tdu'],
    [123456, 999_999, 'l2vl2v1m4tpnx2av8vaa'], [7, 3_400_000, '8jmbitaj2qor4ht7gsnn'], [7, 36 ** 8 - 1, 'dxxuzt3c2g7xzzcinaxu'],
  ];
  for (const [seed, index, id] of known) expect({ seed, index, id: citysdkId(seed, index), back: citysdkIndex(id) }).toEqual({ seed, index, id, back: index });
});
