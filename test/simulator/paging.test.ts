import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../server/simulator/index.ts';
import { endpointOf, get, idsOf, rowsOf, startTestSimulator, truthIdsBetween } from './sim-test-kit.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ requests: 40_000 });
});
afterAll(() => sim?.close());

/** Walks pages from 1 until a short page, as docs/dialects.md tells the harvester to. */
async function walk(url: string, pageSize: number): Promise<{ pages: string[][]; ids: string[] }> {
  const pages: string[][] = [];
  for (let page = 1; page < 500; page++) {
    const ids = idsOf(rowsOf(await get(`${url}&page=${page}&page_size=${pageSize}`)));
    pages.push(ids);
    if (ids.length < pageSize) break;
  }
  return { pages, ids: pages.flat() };
}

describe('page/page_size dialects', () => {
  test.each([
    ['chicago', 50, 500, 'start_date=2025-12-01T00:00:00&end_date=2026-01-15T00:00:00', '2025-12-01T06:00:00Z', '2026-01-15T06:00:00Z'],
    ['connectedbits', 50, 100, 'start_date=2025-12-01T00:00:00Z&end_date=2026-01-15T00:00:00Z', '2025-12-01T00:00:00Z', '2026-01-15T00:00:00Z'],
    ['seeclickfix', 20, 20, 'start_date=2025-12-01T00:00:00Z&end_date=2026-01-15T00:00:00Z', '2025-12-01T00:00:00Z', '2026-01-15T00:00:00Z'],
  ])('%s: default %i rows, capped at %i, pages cover the window exactly once', async (dialect, byDefault, max, dates, from, to) => {
    const endpoint = endpointOf(sim, dialect);
    const url = `${endpoint.base_url}requests.json?${dates}`;
    expect(rowsOf(await get(url))).toHaveLength(byDefault);
    expect(rowsOf(await get(`${url}&page_size=5000`))).toHaveLength(max);
    const { ids } = await walk(url, max);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(truthIdsBetween(sim, endpoint.id, from, to).sort());
    expect(rowsOf(await get(`${url}&page=999&page_size=${max}`))).toEqual([]);
  });

  test('citysdk: default 100, max 500, and some records come twice in one answer', async () => {
    const endpoint = endpointOf(sim, 'citysdk');
    const url = `${endpoint.base_url}requests.json?start_date=2025-03-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`;
    expect(rowsOf(await get(url))).toHaveLength(100);
    const { pages, ids } = await walk(url, 500);
    const repeatedInOneAnswer = pages.filter((page) => new Set(page).size < page.length).length;
    expect(repeatedInOneAnswer).toBeGreaterThan(0);
    expect([...new Set(ids)].sort()).toEqual(truthIdsBetween(sim, endpoint.id, '2025-03-01T00:00:00Z', '2026-03-01T00:00:00Z').sort());
  });

  test('ureport: 1000 per page by default, page 0 is page 1, a page past the end repeats the last page', async () => {
    const endpoint = endpointOf(sim, 'ureport');
    const url = `${endpoint.base_url}requests.json?start_date=2025-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z`;
    const expected = truthIdsBetween(sim, endpoint.id, '2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z');
    expect(expected.length).toBeGreaterThan(1000);
    expect(rowsOf(await get(url))).toHaveLength(1000);
    expect(idsOf(rowsOf(await get(`${url}&page=0`)))).toEqual(idsOf(rowsOf(await get(`${url}&page=1`))));
    const last = Math.ceil(expected.length / 1000);
    const lastPage = idsOf(rowsOf(await get(`${url}&page=${last}`)));
    expect(lastPage).toHaveLength(expected.length - (last - 1) * 1000);
    expect(idsOf(rowsOf(await get(`${url}&page=${last + 3}`)))).toEqual(lastPage);
  });
});

describe('markaspot limit/offset', () => {
  test('50 by default, 100 at most, 500 with start_date or updated; sorted by creation; empty = HTTP 404', async () => {
    const base = endpointOf(sim, 'markaspot').base_url;
    expect(rowsOf(await get(`${base}requests.json`))).toHaveLength(50);
    expect(rowsOf(await get(`${base}requests.json?limit=1000`))).toHaveLength(100);
    const dated = `${base}requests.json?start_date=2025-03-10T00:00:00Z&limit=1000`;
    const first = rowsOf(await get(dated));
    expect(first).toHaveLength(500);
    expect(rowsOf(await get(`${base}requests.json?updated=2025-06-01T00:00:00Z&limit=1000`))).toHaveLength(500);
    const times = first.map((r) => Date.parse(String(r.requested_datetime)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const next = rowsOf(await get(`${dated}&offset=500`));
    expect(idsOf(next)[0]).not.toBe(idsOf(first)[0]);
    const empty = await get(`${base}requests.json?start_date=2031-01-01T00:00:00Z`);
    expect({ status: empty.status, body: empty.body }).toEqual({ status: 404, body: { error: { code: 404, message: 'No Service requests found' } } });
  });
});
