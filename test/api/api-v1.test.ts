import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { metricResponse } from '../../server/http/response-schemas.ts';
import { issuesOf } from './support/route-paths.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

let f: ServedFederation;
type Rows<T = Record<string, unknown>> = { rows: T[]; next?: string | null };

beforeAll(async () => {
  f = await serveFederation({ requests: 4000, seed: 9 });
});
afterAll(() => f?.close());

async function ok<T = Rows>(path: string): Promise<T> {
  const answer = await f.get(path);
  expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
  return answer.json as T;
}

async function count(where: string, params: unknown[] = []): Promise<number> {
  const [row] = await f.store.query<{ n: number }>(`SELECT count(*) AS n FROM service_requests WHERE ${where}`, params as never[]);
  return row!.n;
}

describe('/api/v1/endpoints, services, categories, lookup, harvests', () => {
  test('endpoints: every endpoint with coverage, volume, freshness, last run, uptime, quality; no secrets', async () => {
    const { rows } = await ok('/api/v1/endpoints');
    expect(rows.map((r) => r.endpoint_id)).toEqual(f.sim.registry().map((e) => e.id).sort());
    for (const row of rows) {
      expect(row).toMatchObject({
        name: expect.any(String), base_url: expect.stringMatching(/^http/), dialect: expect.any(String), enabled: true,
        requests: await count('endpoint_id = $1', [row.endpoint_id]), bbox_source: expect.stringMatching(/registry|learned/),
        last_run: { run_id: expect.any(Number), outcome: 'ok', mode: 'backfill' },
        uptime: { days: 30, runs: 1, ok: 1, share_ok: 1 },
        quality: { requests: expect.any(Number), missing_location: expect.any(Number) },
      });
      expect(row.bbox).toHaveLength(4);
      expect(row.freshness_hours).toBe(0);
    }
    expect(JSON.stringify(rows)).not.toMatch(/api_key|token|secret/i);
  });

  test('services and categories count the stored requests', async () => {
    const services = await ok('/api/v1/services?endpoint=sim-chicago');
    expect(services.rows.length).toBeGreaterThan(3);
    expect(services.rows.every((s) => s.endpoint_id === 'sim-chicago')).toBe(true);
    const total = services.rows.reduce((n, s) => n + (s.requests as number), 0);
    expect(total).toBe(await count(`endpoint_id = 'sim-chicago' AND service_code IN (SELECT service_code FROM services WHERE endpoint_id = 'sim-chicago')`));
    const categories = await ok<Rows<{ category: string; requests: number; open: number; label: string }>>('/api/v1/categories');
    expect(categories.rows.reduce((n, c) => n + c.requests, 0)).toBe(await count('true'));
    const pothole = categories.rows.find((c) => c.category === 'pothole')!;
    expect(pothole).toMatchObject({ label: expect.any(String), requests: await count(`category = 'pothole'`), open: await count(`category = 'pothole' AND status = 'open'`) });
    const pothole2 = await ok<Rows<{ category: string }>>('/api/v1/services?category=pothole');
    expect(pothole2.rows.every((s) => s.category === 'pothole')).toBe(true);
  });

  test('lookup names the endpoints whose box holds the point, and none for the open sea', async () => {
    const { rows } = await ok<Rows<{ endpoint_id: string }>>('/api/v1/lookup?lat=41.85&lon=-87.65');
    expect(rows.map((r) => r.endpoint_id)).toContain('sim-chicago');
    expect((await ok('/api/v1/lookup?lat=0&lon=-30')).rows).toEqual([]);
  });

  test('harvests: runs newest first, paged by cursor, with the schedule', async () => {
    const first = await ok<Rows<{ run_id: number; outcome: string }> & { scheduled: object; running: string[] }>('/api/v1/harvests?limit=3');
    expect(first.rows.map((r) => r.run_id)).toEqual([...first.rows.map((r) => r.run_id)].sort((a, b) => b - a));
    const second = await ok<Rows<{ run_id: number }>>(`/api/v1/harvests?limit=3&cursor=${first.next}`);
    expect(second.rows[0]!.run_id).toBeLessThan(first.rows.at(-1)!.run_id);
    expect((await ok<Rows<{ endpoint_id: string }>>('/api/v1/harvests?endpoint=sim-generic')).rows.map((r) => r.endpoint_id)).toEqual(['sim-generic']);
    expect((await ok('/api/v1/harvests?outcome=failed')).rows).toEqual([]);
  });
});

describe('/api/v1/requests', () => {
  test('each filter selects what the store selects', async () => {
    const cases: [string, string, unknown[]][] = [
      ['endpoint=sim-chicago,sim-generic', `endpoint_id IN ('sim-chicago', 'sim-generic')`, []],
      ['endpoint=sim-chicago&endpoint=sim-generic', `endpoint_id IN ('sim-chicago', 'sim-generic')`, []],
      ['category=pothole,graffiti', `category IN ('pothole', 'graffiti')`, []],
      ['status=open', `status = 'open'`, []],
      ['detailed_status=fixed', `detailed_status = 'fixed'`, []],
      ['from=2026-02-01&to=2026-02-15T00:00:00Z', `requested_at >= '2026-02-01' AND requested_at < '2026-02-15'`, []],
      ['updated_after=2026-02-20T00:00:00%2B01:00', `updated_at >= '2026-02-19T23:00:00Z'`, []],
      ['updated_before=2026-01-01', `updated_at < '2026-01-01'`, []],
      ['bbox=-87.7,41.8,-87.6,41.9', 'lon BETWEEN -87.7 AND -87.6 AND lat BETWEEN 41.8 AND 41.9', []],
      ['q=street', `(description ILIKE '%street%' OR address ILIKE '%street%' OR service_name ILIKE '%street%' OR status_notes ILIKE '%street%')`, []],
      ['include_duplicates=false', 'NOT is_duplicate', []],
    ];
    for (const [query, where] of cases) {
      const expected = await count(where);
      const { rows } = await ok(`/api/v1/requests?limit=1000&${query}`);
      expect(rows.length, query).toBe(Math.min(expected, 1000));
    }
    const [code] = await f.store.query<{ service_code: string; district: string }>(`SELECT service_code, district FROM service_requests WHERE district IS NOT NULL LIMIT 1`);
    expect((await ok(`/api/v1/requests?limit=1000&service_code=${encodeURIComponent(code!.service_code)}`)).rows.length).toBe(Math.min(1000, await count('service_code = $1', [code!.service_code])));
    expect((await ok(`/api/v1/requests?limit=1000&district=${encodeURIComponent(code!.district)}`)).rows.length).toBe(Math.min(1000, await count('district = $1', [code!.district])));
    const near = await ok<Rows<{ lat: number; lon: number }>>('/api/v1/requests?limit=1000&lat=41.85&lon=-87.65&radius=5000');
    expect(near.rows.length).toBeGreaterThan(0);
  });

  test('rows carry the canonical fields, newest first, and never raw', async () => {
    const { rows } = await ok('/api/v1/requests?limit=5');
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['endpoint_id', 'service_request_id', 'status', 'category', 'requested_at', 'closed_at_source', 'lat', 'lon', 'media_urls', 'extended', 'quality_flags']));
    expect(rows[0]).not.toHaveProperty('raw');
    expect(rows[0]!.requested_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof rows[0]!.extended).toBe('object');
    const times = rows.map((r) => r.requested_at as string);
    expect(times).toEqual([...times].sort().reverse());
  });

  test('keyset pages walk every row once in the store order', async () => {
    const expected = await f.store.query<{ k: string }>(
      `SELECT endpoint_id || '/' || service_request_id AS k FROM service_requests WHERE status = 'closed' ORDER BY requested_at DESC, endpoint_id DESC, service_request_id DESC`,
    );
    const seen: string[] = [];
    let cursor: string | null | undefined = null;
    do {
      const page: Rows = await ok(`/api/v1/requests?status=closed&limit=250${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.rows.map((r) => `${r.endpoint_id}/${r.service_request_id}`));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(expected.map((r) => r.k));
  });

  test('a cursor that is not ours is refused naming it; limit is bounded for JSON', async () => {
    const bad = await f.get('/api/v1/requests?cursor=abc');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: { status: 400, code: 'bad_cursor', message: expect.any(String), parameter: 'cursor' } });
    expect((await f.get('/api/v1/requests?limit=5000')).json).toMatchObject({ error: { parameter: 'limit' } });
  });

  test('one request with its status history; raw only when asked; 404 otherwise', async () => {
    const [row] = await f.store.query<{ endpoint_id: string; service_request_id: string; events: number }>(
      `SELECT endpoint_id, service_request_id, count(*) AS events FROM request_events GROUP BY ALL ORDER BY events DESC, endpoint_id, service_request_id LIMIT 1`,
    );
    const path = `/api/v1/requests/${row!.endpoint_id}/${encodeURIComponent(row!.service_request_id)}`;
    const detail = await ok<{ request: Record<string, unknown>; history: Record<string, unknown>[] }>(path);
    expect(detail.request).toMatchObject({ endpoint_id: row!.endpoint_id, service_request_id: row!.service_request_id });
    expect(detail.request).not.toHaveProperty('raw');
    expect(detail.history).toHaveLength(row!.events);
    expect(Object.keys(detail.history[0]!).sort()).toEqual(['detailed_status', 'note_type', 'observed_at', 'source', 'status', 'status_raw', 'updated_at']);
    expect(detail.history.map((h) => h.observed_at)).toEqual(detail.history.map((h) => h.observed_at).sort());
    expect((await ok<{ request: { raw: unknown } }>(`${path}?raw=true`)).request.raw).toEqual(expect.any(Object));
    const missing = await f.get(`/api/v1/requests/${row!.endpoint_id}/no-such-id`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { status: 404, code: 'not_found', message: expect.stringContaining('no-such-id'), parameter: null } });
  });

  test('page rows, whose JSON DuckDB writes, equal the export rows, whose JSON the server writes, value for value', async () => {
    // A row with what JSON writers disagree on: integral doubles, non-ASCII, quotes, control and separator
    // characters, nested JSON. It is removed afterwards so the other tests see the harvested store.
    const awkward = `'é "q" \\ / ' || chr(1) || chr(31) || chr(127) || chr(8232) || ' ✓'`;
    await f.store.transaction((c) =>
      c.run(`INSERT INTO service_requests SELECT * REPLACE ('zz-awkward' AS service_request_id, 42.0::DOUBLE AS lat, -87.0::DOUBLE AS lon,
               ${awkward} AS description, '{"n": 1.50, "nested": {"a": [1, "b", null, true]}}'::JSON AS extended,
               ['https://example.org/a.jpg'] AS media_urls, NULL AS token,
               (SELECT max(requested_at) FROM service_requests) + INTERVAL 1 SECOND AS requested_at)
             FROM (SELECT * FROM service_requests WHERE endpoint_id = 'sim-chicago' LIMIT 1)`),
    );
    try {
      const query = 'endpoint=sim-chicago&limit=1000';
      const { rows } = await ok(`/api/v1/requests?${query}`);
      const exported = (await f.get(`/api/v1/requests?${query}&format=ndjson`)).text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(rows.length).toBe(Math.min(1000, await count(`endpoint_id = 'sim-chicago'`)));
      expect(rows).toEqual(exported);
      // Newest of all, so first on the page.
      expect(rows[0]).toMatchObject({ lat: 42, lon: -87, description: 'é "q" \\ / \u0001\u001f\u007f\u2028 ✓', extended: { n: 1.5, nested: { a: [1, 'b', null, true] } }, token: null });
    } finally {
      await f.store.transaction((c) => c.run(`DELETE FROM service_requests WHERE service_request_id = 'zz-awkward'`));
    }
  });
});

describe('/api/v1/map', () => {
  test('hexagons count every located request in the bbox once; median days open per cell', async () => {
    const bbox = '-87.95,41.6,-87.5,42.05';
    const { rows, resolution } = await ok<Rows<{ h3: string; n: number; open: number; median_days_open: number | null; categories: Record<string, number> }> & { resolution: number }>(
      `/api/v1/map/hexagons?bbox=${bbox}&resolution=8&categories=true`,
    );
    expect(resolution).toBe(8);
    const inBox = 'lat IS NOT NULL AND lon BETWEEN -87.95 AND -87.5 AND lat BETWEEN 41.6 AND 42.05';
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(await count(inBox));
    expect(rows.reduce((n, r) => n + r.open, 0)).toBe(await count(`${inBox} AND status = 'open'`));
    expect(new Set(rows.map((r) => r.h3)).size).toBe(rows.length);
    for (const row of rows) expect(Object.values(row.categories).reduce((a, b) => a + b, 0)).toBe(row.n);
    const filtered = await ok<Rows<{ n: number }>>(`/api/v1/map/hexagons?bbox=${bbox}&category=pothole`);
    expect(filtered.rows.reduce((n, r) => n + r.n, 0)).toBe(await count(`${inBox} AND category = 'pothole'`));
  });

  test('points: newest located requests as GeoJSON, truncated at limit', async () => {
    const body = await ok<{ type: string; features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[]; truncated: boolean }>(
      '/api/v1/map/points?bbox=-180,-90,180,90&limit=10',
    );
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(10);
    expect(body.truncated).toBe(true);
    for (const { properties } of body.features) {
      expect(Object.keys(properties).sort()).toEqual(['category', 'days_open', 'endpoint_id', 'requested_at', 'service_request_id', 'status', 'ttc_days']);
      expect(properties.status === 'open' ? properties.days_open : properties.ttc_days === null || typeof properties.ttc_days === 'number').toBeTruthy();
    }
    expect((await f.get('/api/v1/map/points')).json).toMatchObject({ error: { code: 'bad_parameter', parameter: 'bbox', message: 'bbox: is required' } });
  });
});

describe('refusals say what is wrong in words a caller can act on', () => {
  test('a missing required parameter is "required"; a bad list item is named alone', async () => {
    const refusal = async (path: string) => ((await f.get(path)).json as { error: { parameter: string; message: string } }).error;
    expect(await refusal('/api/v1/map/hexagons')).toMatchObject({ parameter: 'bbox', message: 'bbox: is required' });
    expect(await refusal('/api/v1/lookup?lat=41.88')).toMatchObject({ parameter: 'lon', message: 'lon: is required' });
    expect(await refusal('/api/v1/requests?category=pothole,nope')).toMatchObject({ parameter: 'category', message: expect.stringMatching(/^category: "nope": /) });
    expect(await refusal('/api/v1/requests?category=pothole,%20graffiti%20,,nope')).toMatchObject({ message: expect.stringMatching(/^category: "nope": /) });
    // An endpoint id the store does not have is a typo to report, not an empty answer (an embed saying "no data").
    for (const path of ['/api/v1/requests?endpoint=sim-chicago,nope', '/api/v1/services?endpoint=nope', '/api/v1/categories?endpoint=nope', '/api/v1/metrics/ttc_km?endpoint=nope', '/api/v1/harvests?endpoint=nope', '/api/v1/map/points?bbox=-180,-90,180,90&endpoint=nope']) {
      expect({ path, error: await refusal(path) }).toMatchObject({ path, error: { parameter: 'endpoint', message: expect.stringMatching(/^endpoint: no endpoint "nope" \(known: sim-chicago, /) } });
    }
    expect((await f.get('/api/v1/requests?endpoint=sim-chicago&limit=1')).status).toBe(200);
    expect(await refusal('/api/v1/requests?limit=abc')).toMatchObject({ parameter: 'limit', message: expect.stringMatching(/^limit: "abc": /) });
    // A range that ends before it starts is a mistake, not an empty answer.
    expect(await refusal('/api/v1/requests?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z')).toMatchObject({ parameter: 'to', message: 'to: 2026-02-01T00:00:00.000Z is before from 2026-03-01T00:00:00.000Z' });
    expect(await refusal('/api/v1/map/points?bbox=-180,-90,180,90&updated_after=2026-03-01T00:00:00Z&updated_before=2026-02-01T00:00:00Z')).toMatchObject({ parameter: 'updated_before' });
    expect((await f.get('/api/v1/requests?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z')).status).toBe(200);
  });
});

describe('HTTP behaviour', () => {
  test('ETag and Cache-Control on GETs; If-None-Match answers 304', async () => {
    const first = await f.get('/api/v1/categories');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    // node:http: fetch turns a conditional request into a no-cache reload, which must not be answered 304.
    const again = await rawGet(`${f.url}/api/v1/categories`, { 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const exported = await f.get('/api/v1/requests?format=ndjson&limit=3');
    expect(exported.headers.get('etag')).toMatch(/^W\//);
  });

  test('gzip when accepted; CORS open on read routes; framing forbidden except under /embed/', async () => {
    const raw = await rawGet(`${f.url}/api/v1/requests?limit=200`, { 'Accept-Encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(raw.body).toString()).rows).toHaveLength(200);
    const read = await f.get('/api/v1/endpoints', { headers: { Origin: 'https://example.org' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('x-frame-options')).toBe('DENY');
    expect(read.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const embed = await f.get('/embed/anything');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('content-security-policy')).toBe('frame-ancestors *');
  });

  test('openapi.json documents every mounted route with its parameters; the docs page loads it', async () => {
    const doc = await ok<{ openapi: string; paths: Record<string, Record<string, { parameters: { name: string }[] }>> }>('/api/v1/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    for (const route of f.app.routes) expect(doc.paths[route.path]?.[route.method], route.path).toBeDefined();
    expect(doc.paths['/api/v1/requests']!.get!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['endpoint', 'bbox', 'cursor', 'format']));
    const page = await f.get('/api/v1/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/v1/openapi.json');
  });

  test('admin routes are off without a token', async () => {
    const answer = await f.get('/api/v1/admin/harvest?endpoint=sim-generic', { method: 'POST' });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: { code: 'admin_disabled' } });
    // Whatever the parameters: whether the route exists comes before what it was asked.
    for (const query of ['', '?endpoint=', '?nope=1']) {
      expect((await f.get(`/api/v1/admin/harvest${query}`, { method: 'POST', headers: { Authorization: 'Bearer x' } })).json).toMatchObject({ error: { code: 'admin_disabled' } });
    }
  });
});

/** Every object key of a JSON answer, at any depth (keys only: values are data and are not looked at). */
function keysOf(json: unknown): string[] {
  if (Array.isArray(json)) return json.flatMap(keysOf);
  if (json === null || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([key, value]) => [key, ...keysOf(value)]);
}

/** node:http, which leaves the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('/api/v1/metrics', () => {
  test('the definitions, and one metric per group over the stored requests', async () => {
    const { rows: definitions } = await ok<Rows<{ id: string; group_by: string[] }>>('/api/v1/metrics');
    expect(definitions.map((d) => d.id)).toEqual(expect.arrayContaining(['ttc_km', 'ttc_closed', 'opened']));
    expect(definitions.find((d) => d.id === 'volume')!.group_by).toContain('period');
    const result = await ok<{ metric: string; definition: { id: string }; as_of: string; rows: { group: { endpoint: string }; n: number; suppressed: boolean }[] }>(
      '/api/v1/metrics/opened?group_by=endpoint',
    );
    expect(result.metric).toBe('opened');
    expect(result.definition.id).toBe('opened');
    expect(Date.parse(result.as_of)).not.toBeNaN();
    const byEndpoint = await f.store.query<{ endpoint_id: string; n: number }>(`SELECT endpoint_id, count(*) AS n FROM service_requests WHERE NOT is_duplicate AND parent_request_id IS NULL GROUP BY ALL`);
    expect(Object.fromEntries(result.rows.map((r) => [r.group.endpoint, r.n]))).toEqual(Object.fromEntries(byEndpoint.map((r) => [r.endpoint_id, r.n])));
    const filtered = await ok<{ rows: { n: number }[] }>('/api/v1/metrics/ttc_km?endpoint=sim-chicago&category=pothole,graffiti&min_n=5');
    expect(filtered.rows.length).toBeGreaterThan(0);
  });

  test('refusals name the query parameter: unknown metric 404, bad grouping 400', async () => {
    expect((await f.get('/api/v1/metrics/no_such_metric')).json).toMatchObject({ error: { status: 404, code: 'not_found', parameter: 'name' } });
    expect((await f.get('/api/v1/metrics/opened?group_by=period')).json).toMatchObject({ error: { status: 400, parameter: 'period' } });
    expect((await f.get('/api/v1/metrics/opened?h3_resolution=5')).json).toMatchObject({ error: { status: 400, parameter: 'h3_resolution' } });
    expect((await f.get('/api/v1/metrics/opened?group_by=shoe')).json).toMatchObject({ error: { status: 400, parameter: 'group_by' } });
  });

  test('answers use snake_case keys (CONTRACT): as_of, definition.group_by, in the list and in each metric', async () => {
    const answers: Record<string, unknown> = {
      '/api/v1/metrics': await ok('/api/v1/metrics'),
      '/api/v1/metrics/ttc_km?group_by=endpoint': await ok('/api/v1/metrics/ttc_km?group_by=endpoint'),
      '/api/v1/metrics/volume?group_by=endpoint,period&period=month': await ok('/api/v1/metrics/volume?group_by=endpoint,period&period=month'),
      '/api/v1/metrics/equity?group_by=h3&h3_resolution=5&min_n=1': await ok('/api/v1/metrics/equity?group_by=h3&h3_resolution=5&min_n=1'),
      '/api/v1/metrics/aging?group_by=category,service_code&include_duplicates=true&as_of=2026-02-01T00:00:00Z': await ok(
        '/api/v1/metrics/aging?group_by=category,service_code&include_duplicates=true&as_of=2026-02-01T00:00:00Z',
      ),
    };
    for (const [path, answer] of Object.entries(answers)) {
      const keys = keysOf(answer);
      expect(keys.length, path).toBeGreaterThan(10);
      expect(keys.filter((key) => !/^[a-z0-9_]+$/.test(key)), path).toEqual([]);
    }
    const ttc = answers['/api/v1/metrics/ttc_km?group_by=endpoint'] as Record<string, unknown> & { definition: Record<string, unknown>; rows: unknown[] };
    expect(ttc).toHaveProperty('as_of');
    expect(ttc).not.toHaveProperty('asOf');
    expect(ttc.definition).toMatchObject({ id: 'ttc_km', group_by: expect.arrayContaining(['endpoint', 'period']) });
    expect(ttc.definition).not.toHaveProperty('groupBy');
    expect(ttc.rows.length).toBeGreaterThan(0);
    expect(answers['/api/v1/metrics/equity?group_by=h3&h3_resolution=5&min_n=1']).toMatchObject({ summary: { areas: expect.any(Number) } });
    expect((answers['/api/v1/metrics/aging?group_by=category,service_code&include_duplicates=true&as_of=2026-02-01T00:00:00Z'] as { as_of: string }).as_of).toBe('2026-02-01T00:00:00.000Z');
  });

  test('rows grouped by endpoint name its license (METRICS.md: each comparison row does); other groupings carry none', async () => {
    const [{ license }] = (await f.store.query<{ license: string }>(`SELECT license FROM endpoints WHERE endpoint_id = 'sim-chicago'`)) as [{ license: string }];
    expect(license).toBeTruthy();
    const byEndpoint = (await f.get('/api/v1/metrics/ttc_km?group_by=endpoint,category&category=pothole')).json as { rows: { group: { endpoint: string }; license?: string | null }[] };
    expect(byEndpoint.rows.length).toBeGreaterThan(1);
    expect(byEndpoint.rows.find((r) => r.group.endpoint === 'sim-chicago')!.license).toBe(license);
    expect(byEndpoint.rows.every((r) => typeof r.license === 'string')).toBe(true);
    const byCategory = (await f.get('/api/v1/metrics/ttc_km?group_by=category')).json as { rows: Record<string, unknown>[] };
    expect(byCategory.rows.every((r) => !('license' in r))).toBe(true);
  });

  test('as of the data by default, never after it; answers say which data they come from; categories are checked', async () => {
    const [{ t }] = (await f.store.query<{ t: string }>(`SELECT strftime(max(seen_through), '%Y-%m-%dT%H:%M:%S.%gZ') AS t FROM metric_refresh_state`)) as [{ t: string }];
    // An hour passes on the server's clock with no harvest: the default as-of stays the data's time.
    await f.deps.sleep(3_600_000);
    expect(Date.parse(t)).toBeLessThan(f.deps.now().getTime() - 3_000_000);
    const answer = await f.get('/api/v1/metrics/backlog?group_by=endpoint');
    expect((answer.json as { as_of: string }).as_of).toBe(t);
    const [run] = await f.store.query<{ finished: string }>(`SELECT max(finished_at) AS finished FROM harvest_runs`);
    expect(answer.headers.get('x-fed311-data-as-of')).toBe(new Date(run!.finished).toISOString());
    expect(answer.headers.get('last-modified')).toBe(new Date(run!.finished).toUTCString());
    const later = new Date(Date.parse(t) + 1000).toISOString();
    expect((await f.get(`/api/v1/metrics/backlog?as_of=${later}`)).json).toEqual({
      error: { status: 400, code: 'bad_parameter', parameter: 'as_of', message: `as_of: ${later} is after the data (metrics refreshed through ${t}); nothing is known about what happened since` },
    });
    expect((await f.get(`/api/v1/metrics/backlog?as_of=${t}`)).status).toBe(200);
    expect((await f.get('/api/v1/metrics/ttc_km?category=potholes')).json).toMatchObject({ error: { status: 400, parameter: 'category', message: expect.stringContaining('"potholes"') } });
    // An endpoint whose last success is before the data time is listed with it (its open requests are measured then).
    const lastSuccess = new Date(Date.parse(t) - 86_400_000).toISOString();
    const setLastSuccess = (at: string) => f.store.transaction((c) => c.run(`UPDATE harvest_state SET last_success_at = $1::TIMESTAMPTZ WHERE endpoint_id = 'sim-chicago'`, [at]));
    const [{ was }] = (await f.store.query<{ was: string }>(`SELECT last_success_at AS was FROM harvest_state WHERE endpoint_id = 'sim-chicago'`)) as [{ was: string }];
    await setLastSuccess(lastSuccess);
    try {
      const lagging = (await f.get('/api/v1/metrics/ttc_km?group_by=endpoint')).json;
      expect(lagging).toMatchObject({ known_until: { 'sim-chicago': lastSuccess } });
      expect(issuesOf(metricResponse, lagging)).toBe('');
    } finally {
      await setLastSuccess(new Date(was).toISOString());
    }
  });

  test('refusal messages speak of the query parameters, not the engine’s camelCase fields', async () => {
    const message = async (path: string) => ((await f.get(path)).json as { error: { message: string } }).error.message;
    expect(await message('/api/v1/metrics/opened?group_by=period')).toMatch(/^period: group_by period needs period \(day/);
    expect(await message('/api/v1/metrics/opened?period=week')).toBe('period: period is only used with group_by period');
    expect(await message('/api/v1/metrics/opened?h3_resolution=5')).toBe('h3_resolution: h3_resolution is only used with group_by h3');
    expect(await message('/api/v1/metrics/volume')).toBe('group_by: volume needs group_by to include period');
    expect(await message('/api/v1/metrics/equity?group_by=category')).toMatch(/^group_by: equity needs an area in group_by: h3/);
    expect(await message('/api/v1/metrics/opened?group_by=polygon')).toMatch(/^polygons: group_by polygon needs polygons/);
    for (const path of ['/api/v1/metrics/opened?group_by=period', '/api/v1/metrics/opened?h3_resolution=5', '/api/v1/metrics/volume', '/api/v1/metrics/equity?group_by=category']) {
      expect(await message(path), path).not.toMatch(/groupBy|h3Resolution|minN|asOf|includeDuplicates|serviceCodes|closedAtSource/);
    }
    // The caller's own words are quoted back as sent.
    expect(await message('/api/v1/metrics/groupBy')).toMatch(/^name: unknown metric "groupBy"/);
  });
});
