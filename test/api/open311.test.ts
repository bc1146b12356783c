import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultWindowStart } from '../../server/http/open311/requests.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

let f: ServedFederation;
let jurisdiction: string;
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['request', 'service', 'endpoint', 'format', 'error', 'note'].includes(name) });
type SpecRequest = Record<string, unknown> & { service_request_id: string; requested_datetime: string };

beforeAll(async () => {
  f = await serveFederation();
  jurisdiction = 'sim-chicago';
});
afterAll(() => f?.close());

async function requests(query: string): Promise<SpecRequest[]> {
  const answer = await f.get(`/open311/v2/requests.json?jurisdiction_id=${jurisdiction}&${query}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json as SpecRequest[];
}

/** The stored canonical rows of the jurisdiction, in the spec's field names (what the routes must return). */
async function stored(where = 'true'): Promise<SpecRequest[]> {
  return f.store.query<SpecRequest>(
    `SELECT service_request_id, status, status_notes, service_name, service_code, description, agency_responsible, service_notice,
            strftime(requested_at, '%Y-%m-%dT%H:%M:%SZ') AS requested_datetime, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_datetime,
            strftime(expected_at, '%Y-%m-%dT%H:%M:%SZ') AS expected_datetime, address, extended->>'address_id' AS address_id, zipcode, lat, lon AS long,
            media_urls[1] AS media_url
     FROM service_requests WHERE endpoint_id = $1 AND ${where} ORDER BY requested_at DESC, service_request_id`,
    [jurisdiction],
  );
}

describe('GeoReport v2 shapes (GEOREPORT_V2.md §5)', () => {
  test('discovery: the spec object in JSON and XML', async () => {
    const json = await f.get('/open311/v2/discovery.json');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.json).toEqual({
      changeset: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${f.url}/open311/v2/`, changeset: expect.any(String), type: 'production', formats: ['text/xml', 'application/json'] }],
    });
    const doc = await f.get('/open311/v2/discovery.xml');
    expect(doc.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(doc.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.parse(doc.text).discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  test('services: a bare array of the spec fields, the same list in XML; definitions exist for known codes only', async () => {
    const list = (await f.get(`/open311/v2/services.json?jurisdiction_id=${jurisdiction}`)).json as Record<string, unknown>[];
    const codes = await f.store.query<{ service_code: string }>(`SELECT service_code FROM services WHERE endpoint_id = $1 ORDER BY service_code`, [jurisdiction]);
    expect(list.map((s) => s.service_code)).toEqual(codes.map((c) => c.service_code));
    for (const service of list) {
      expect(Object.keys(service)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expect(['realtime', 'batch', 'blackbox']).toContain(service.type);
      expect(typeof service.metadata).toBe('boolean');
    }
    const doc = xml.parse((await f.get(`/open311/v2/services.xml?jurisdiction_id=${jurisdiction}`)).text);
    expect(doc.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(codes.map((c) => c.service_code));
    const code = encodeURIComponent(codes[0]!.service_code);
    expect((await f.get(`/open311/v2/services/${code}.json?jurisdiction_id=${jurisdiction}`)).json).toEqual({ service_code: codes[0]!.service_code, attributes: [] });
    expect(xml.parse((await f.get(`/open311/v2/services/${code}.xml?jurisdiction_id=${jurisdiction}`)).text).service_definition.service_code).toBe(codes[0]!.service_code);
    const missing = await f.get(`/open311/v2/services/no-such-code.xml?jurisdiction_id=${jurisdiction}`);
    expect(missing.status).toBe(404);
    expect(xml.parse(missing.text).errors.error[0].code).toBe('404');
  });

  test('requests: within the last 90 days by default, equal to the stored canonical rows, ids as strings, whole-second UTC', async () => {
    const since = defaultWindowStart(f.deps.now()).toISOString();
    // The window starts 90 days before the current hour began (stable for an hour, so a page walk reuses its total).
    expect(defaultWindowStart(new Date('2026-03-05T10:59:59.999Z')).toISOString()).toBe('2025-12-05T10:00:00.000Z');
    const expected = await stored(`requested_at >= '${since}'::TIMESTAMPTZ`);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThanOrEqual(1000);
    expect(await requests('')).toEqual(expected);
    const all = await stored();
    expect(all.length).toBeGreaterThan(expected.length); // the 90-day default did leave older rows out
  });

  test('XML carries the same requests as JSON, with empty elements for missing values', async () => {
    const json = await requests('page_size=50');
    const doc = xml.parse((await f.get(`/open311/v2/requests.xml?jurisdiction_id=${jurisdiction}&page_size=50`)).text);
    const fromXml = doc.service_requests.request as Record<string, string>[];
    expect(fromXml.map((r) => r.service_request_id)).toEqual(json.map((r) => r.service_request_id));
    expect(fromXml.map((r) => r.requested_datetime)).toEqual(json.map((r) => r.requested_datetime));
    const withNull = json.findIndex((r) => r.status_notes === null);
    if (withNull >= 0) expect(fromXml[withNull]!.status_notes).toBe('');
  });

  test('single request: a one-element list; 404 in the spec error format for an unknown id', async () => {
    const [first] = await stored();
    const one = await f.get(`/open311/v2/requests/${encodeURIComponent(first!.service_request_id)}.json?jurisdiction_id=${jurisdiction}`);
    expect(one.json).toEqual([first]);
    const missing = await f.get(`/open311/v2/requests/nope.json?jurisdiction_id=${jurisdiction}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual([{ code: 404, description: expect.stringContaining('service_request_id') }]);
  });
});

describe('GeoReport v2 filters', () => {
  test('service_request_id lists ids and overrides every other filter', async () => {
    const all = await stored();
    const ids = [all[0]!, all.at(-1)!].map((r) => r.service_request_id);
    const got = await requests(`service_request_id=${ids.map(encodeURIComponent).join(',')}&status=closed&start_date=2001-01-01T00:00:00Z&end_date=2001-01-02T00:00:00Z`);
    expect(got.map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
  });

  test('start_date and end_date are inclusive bounds on requested_datetime; status takes a comma list', async () => {
    const all = await stored();
    const mid = all[Math.floor(all.length / 2)]!.requested_datetime;
    const later = all[Math.floor(all.length / 4)]!.requested_datetime;
    const got = await requests(`start_date=${mid}&end_date=${later}`);
    const expected = all.filter((r) => r.requested_datetime >= mid && r.requested_datetime <= later);
    expect(got.map((r) => r.service_request_id)).toEqual(expected.map((r) => r.service_request_id));
    expect(got.map((r) => r.requested_datetime)).toContain(mid);
    const open = await requests(`start_date=2000-01-01T00:00:00Z&status=open`);
    expect(open.length).toBe(all.filter((r) => r.status === 'open').length);
    expect((await requests(`start_date=2000-01-01T00:00:00Z&status=open,closed`)).length).toBe(all.length);
  });

  test('service_code, category, q, bbox and lat/long/radius narrow the rows as the store says', async () => {
    const base = 'start_date=2000-01-01T00:00:00Z';
    const [{ service_code: code }] = (await f.store.query<{ service_code: string }>(`SELECT service_code FROM service_requests WHERE endpoint_id = $1 LIMIT 1`, [jurisdiction])) as [{ service_code: string }];
    const byCode = await requests(`${base}&service_code=${encodeURIComponent(code)}`);
    expect(byCode.length).toBe((await stored(`service_code = '${code}'`)).length);
    expect(byCode.every((r) => r.service_code === code)).toBe(true);
    const byCategory = await requests(`${base}&category=pothole`);
    expect(byCategory.length).toBe((await stored(`category = 'pothole'`)).length);
    const box = [-87.7, 41.8, -87.6, 41.9];
    const inBox = await requests(`${base}&bbox=${box.join(',')}`);
    expect(inBox.length).toBe((await stored(`lon BETWEEN -87.7 AND -87.6 AND lat BETWEEN 41.8 AND 41.9`)).length);
    expect(inBox.length).toBeGreaterThan(0);
    const centre = inBox[0]!;
    const near = await requests(`${base}&lat=${centre.lat}&long=${centre.long}&radius=3000`);
    const within = (await stored('lat IS NOT NULL')).filter((r) => distanceMetres(centre.lat as number, centre.long as number, r.lat as number, r.long as number) <= 3000);
    expect(near.map((r) => r.service_request_id)).toEqual(within.map((r) => r.service_request_id));
    expect(near.length).toBeGreaterThan(1);
    const word = String(inBox[0]!.address).split(/[ ,]/)[1]!;
    const byText = await requests(`${base}&q=${encodeURIComponent(word)}`);
    expect(byText.length).toBeGreaterThan(0);
    expect(byText.every((r) => JSON.stringify(r).toLowerCase().includes(word.toLowerCase()))).toBe(true);
  });

  test('updated_after/updated_before filter on updated_datetime', async () => {
    const all = await stored();
    const cut = all.map((r) => r.updated_datetime as string).sort()[Math.floor(all.length / 2)]!;
    const after = await requests(`updated_after=${cut}`);
    expect(after.length).toBe(all.filter((r) => (r.updated_datetime as string) >= cut).length);
    const before = await requests(`updated_before=${cut}`);
    expect(before.length).toBe(all.filter((r) => r.updated_datetime !== null && (r.updated_datetime as string) < cut).length);
  });

  test('page and page_size walk every row once, with paging headers', async () => {
    const all = await stored();
    const seen: string[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await f.get(`/open311/v2/requests.json?jurisdiction_id=${jurisdiction}&start_date=2000-01-01T00:00:00Z&page_size=97&page=${page}`);
      expect(answer.headers.get('x-total-count')).toBe(String(all.length));
      seen.push(...(answer.json as SpecRequest[]).map((r) => r.service_request_id));
      if (!answer.headers.get('link')) break;
      expect(answer.headers.get('link')).toContain(`page=${page + 1}`);
    }
    expect(seen).toEqual(all.map((r) => r.service_request_id));
  });

  test('pages walked in any order equal the offset pages, a tie in requested_datetime split across a page end included', async () => {
    const [newest] = await f.store.query<{ service_request_id: string }>(`SELECT service_request_id FROM service_requests WHERE endpoint_id = $1 ORDER BY requested_at DESC LIMIT 1`, [jurisdiction]);
    // Five requests at one instant, as a city's batch import stamps them: pages of 3 end inside the tie.
    await f.store.transaction((c) => c.run(
      `INSERT INTO service_requests SELECT s.* REPLACE ('zz-tie-' || n AS service_request_id) FROM service_requests s, range(1, 6) t(n) WHERE s.endpoint_id = ? AND s.service_request_id = ?`,
      [jurisdiction, newest!.service_request_id],
    ));
    try {
      const all = (await stored()).map((r) => r.service_request_id);
      const pageOf = async (page: number) => (await requests(`start_date=2000-01-01T00:00:00Z&page_size=3&page=${page}`)).map((r) => r.service_request_id);
      const order = [1, 2, 3, 5, 4, 6, 2, 7];
      const pages = new Map<number, string[]>();
      for (const page of order) pages.set(page, await pageOf(page));
      for (const [page, ids] of pages) expect(ids, `page ${page}`).toEqual(all.slice((page - 1) * 3, page * 3));
    } finally {
      await f.store.transaction((c) => c.run(`DELETE FROM service_requests WHERE service_request_id LIKE 'zz-tie-%'`));
    }
  });

  test('page n + 1 starts after the last row of page n read at the same store generation, not at an offset', async () => {
    const query = (page: number) => `start_date=2000-01-01T00:00:00Z&page_size=10&page=${page}&q=`;
    const first = (await requests(query(1))).map((r) => r.service_request_id);
    // A row slipped in ahead of every other without moving the generation (no harvest writes this way): an offset
    // would now start page 2 one row early, repeating page 1's last row; the end of page 1 does not move.
    const reader = await f.store.connect();
    try {
      await reader.connection.run(`INSERT INTO service_requests SELECT * REPLACE ('zz-slipped' AS service_request_id, requested_at + INTERVAL 1 DAY AS requested_at) FROM service_requests WHERE endpoint_id = '${jurisdiction}' ORDER BY requested_at DESC LIMIT 1`);
      const second = (await requests(query(2))).map((r) => r.service_request_id);
      expect(second).not.toContain(first.at(-1));
      const all = (await stored()).map((r) => r.service_request_id);
      expect(all[0]).toBe('zz-slipped');
      expect(second).toEqual(all.slice(11, 21));
    } finally {
      await reader.connection.run(`DELETE FROM service_requests WHERE service_request_id = 'zz-slipped'`);
      reader.close();
    }
  });

  test('the total a walk reuses is counted again once a harvest writes', async () => {
    const total = async (page: number) =>
      Number((await f.get(`/open311/v2/requests.json?jurisdiction_id=${jurisdiction}&start_date=2000-01-01T00:00:00Z&page_size=50&page=${page}`)).headers.get('x-total-count'));
    const before = await total(1);
    expect(await total(2)).toBe(before);
    // A request arrives, as a harvest would commit it: the next page's total (a new URL, no response cache) counts it.
    await f.store.transaction((c) => c.run(
      `INSERT INTO service_requests SELECT * REPLACE ('zz-walk-new' AS service_request_id) FROM service_requests WHERE endpoint_id = ? ORDER BY requested_at DESC LIMIT 1`,
      [jurisdiction],
    ));
    try {
      expect(await total(3)).toBe(before + 1);
    } finally {
      await f.store.transaction((c) => c.run(`DELETE FROM service_requests WHERE service_request_id = 'zz-walk-new'`));
    }
    expect(await total(4)).toBe(before);
  });

  test('extensions=true adds extended_attributes and notes from the status history', async () => {
    const [row] = await f.store.query<{ service_request_id: string; events: number }>(
      `SELECT service_request_id, count(*) AS events FROM request_events WHERE endpoint_id = $1 GROUP BY ALL ORDER BY events DESC LIMIT 1`,
      [jurisdiction],
    );
    const [one] = (await f.get(`/open311/v2/requests/${encodeURIComponent(row!.service_request_id)}.json?jurisdiction_id=${jurisdiction}&extensions=true`)).json as Record<string, unknown>[];
    expect(one!.extended_attributes).toMatchObject({ endpoint_id: jurisdiction, category: expect.any(String), media_urls: expect.any(Array) });
    expect(one!.notes).toHaveLength(row!.events);
    expect((one!.notes as Record<string, unknown>[])[0]).toEqual({ datetime: expect.stringMatching(/Z$/), status: expect.any(String), detailed_status: expect.anything(), type: expect.any(String), source: expect.any(String) });
    const doc = xml.parse((await f.get(`/open311/v2/requests/${encodeURIComponent(row!.service_request_id)}.xml?jurisdiction_id=${jurisdiction}&extensions=true`)).text);
    expect(doc.service_requests.request[0].notes.note).toHaveLength(row!.events);
  });
});

describe('GeoReport v2 errors (GEOREPORT_V2.md §6)', () => {
  test('jurisdiction_id is required (400) and must exist (404), in the path format', async () => {
    const missing = await f.get('/open311/v2/requests.json');
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual([{ code: 400, description: expect.stringContaining('jurisdiction_id') }]);
    const unknown = await f.get('/open311/v2/services.xml?jurisdiction_id=atlantis');
    expect(unknown.status).toBe(404);
    expect(xml.parse(unknown.text).errors.error[0]).toEqual({ code: '404', description: expect.stringContaining('jurisdiction_id') });
    // Discovery is the same for every jurisdiction, yet one that does not exist is a 404 there too.
    expect((await f.get('/open311/v2/discovery.json?jurisdiction_id=atlantis')).json).toEqual([{ code: 404, description: expect.stringContaining('atlantis') }]);
    expect((await f.get(`/open311/v2/discovery.json?jurisdiction_id=${jurisdiction}`)).status).toBe(200);
  });

  test('bad and unknown parameters are 400 naming the parameter; an empty value counts as absent', async () => {
    for (const [query, parameter] of [['start_date=yesterday', 'start_date'], ['status=pending', 'status'], ['page_size=5000', 'page_size'], ['lat=41.8', 'long'], ['frobnicate=1', 'frobnicate'],
      ['start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z', 'end_date'], ['updated_after=2026-02-01T00:00:00Z&updated_before=2026-01-01T00:00:00Z', 'updated_before']]) {
      const answer = await f.get(`/open311/v2/requests.json?jurisdiction_id=${jurisdiction}&${query}`);
      expect(answer.status, query).toBe(400);
      expect((answer.json as { description: string }[])[0]!.description.startsWith(`${parameter}:`), answer.text).toBe(true);
    }
    expect((await f.get(`/open311/v2/requests.json?jurisdiction_id=${jurisdiction}&status=&service_code=`)).status).toBe(200);
  });

  test('fed311 is read-only: POST is 403, tokens 404, an unknown format 404', async () => {
    const post = await f.get(`/open311/v2/requests.json?jurisdiction_id=${jurisdiction}`, { method: 'POST' });
    expect(post.status).toBe(403);
    expect(post.json).toEqual([{ code: 403, description: expect.stringContaining('read-only') }]);
    expect((await f.get(`/open311/v2/tokens/abc.xml?jurisdiction_id=${jurisdiction}`)).status).toBe(404);
    expect((await f.get(`/open311/v2/requests.html?jurisdiction_id=${jurisdiction}`)).status).toBe(404);
  });
});

function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}
