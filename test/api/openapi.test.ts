import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { loadPolygonSet } from '../../pipelines/metrics/index.ts';
import { apiError, geoReportErrors, requestRow } from '../../server/http/response-schemas.ts';
import type { RouteSpec } from '../../server/http/route.ts';
import { issuesOf, pathFor } from './support/route-paths.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

/** Routes whose answer is not JSON, with the reason they have no response schema. */
const notJson: Record<string, string> = { 'get /api/v1/docs': 'an HTML page' };

interface Call {
  /** Path parameters (pathFor); `format` is json unless given. */
  values?: Record<string, string>;
  query?: string;
}

let f: ServedFederation;
let calls: Record<string, Call[]>;
const key = (route: RouteSpec) => `${route.method} ${route.path}`;

beforeAll(async () => {
  f = await serveFederation({ requests: 2000, seed: 5 });
  // Real values from the store: a service code and a request (with a status history) of one endpoint.
  const [sample] = await f.store.query<{ service_code: string; service_request_id: string }>(
    `SELECT service_code, service_request_id, count(*) AS events FROM service_requests JOIN request_events USING (endpoint_id, service_request_id)
     WHERE endpoint_id = 'sim-chicago' AND service_code IS NOT NULL GROUP BY ALL ORDER BY events DESC, service_request_id LIMIT 1`,
  );
  // A polygon set (two halves of Chicago), so the polygon list and group_by=polygon have something to show.
  const half = (west: number, east: number) => ({ type: 'Feature', properties: { name: `${west}` }, geometry: { type: 'Polygon', coordinates: [[[west, 41.6], [east, 41.6], [east, 42.1], [west, 42.1], [west, 41.6]]] } });
  await loadPolygonSet({ store: f.store, setId: 'halves', geojson: { type: 'FeatureCollection', features: [half(-88, -87.7), half(-87.7, -87.4)] }, now: f.deps.now() });
  const jurisdiction = '?jurisdiction_id=sim-chicago';
  const world = 'bbox=-180,-90,180,90';
  const request = { service_request_id: sample!.service_request_id };
  // Representative parameters per route, the variants that change the shape included (extensions, raw, summary…).
  calls = {
    'get /open311/v2/discovery.{format}': [{}],
    'get /open311/v2/services.{format}': [{ query: jurisdiction }],
    'get /open311/v2/services/{service_code}.{format}': [{ values: { service_code: sample!.service_code }, query: jurisdiction }],
    'get /open311/v2/requests.{format}': [
      { query: `${jurisdiction}&start_date=2000-01-01&page_size=200` },
      { query: `${jurisdiction}&start_date=2000-01-01&page_size=50&extensions=true` },
    ],
    'get /open311/v2/requests/{service_request_id}.{format}': [{ values: request, query: jurisdiction }, { values: request, query: `${jurisdiction}&extensions=true` }],
    'get /api/v1/endpoints': [{}],
    'get /api/v1/services': [{}],
    'get /api/v1/categories': [{}],
    'get /api/v1/requests': [{ query: '?limit=500' }, { query: '?limit=50&status=closed' }],
    'get /api/v1/requests/{endpoint_id}/{service_request_id}': [{ values: { endpoint_id: 'sim-chicago', ...request } }, { values: { endpoint_id: 'sim-chicago', ...request }, query: '?raw=true' }],
    'get /api/v1/metrics': [{}],
    'get /api/v1/metrics/{name}': [
      { values: { name: 'ttc_km' }, query: '?group_by=endpoint' },
      { values: { name: 'volume' }, query: '?group_by=endpoint,period&period=month' },
      { values: { name: 'equity' }, query: '?group_by=district' },
      { values: { name: 'quality' }, query: '?group_by=endpoint' },
      { values: { name: 'ttc_km' }, query: '?group_by=polygon&polygons=halves&min_n=1' },
    ],
    'get /api/v1/polygons': [{}],
    'get /api/v1/map/hexagons': [{ query: `?${world}` }, { query: `?${world}&resolution=4&categories=true` }, { query: '?bbox=-87.7,41.8,-87.6,41.9&resolution=10&categories=true' }],
    'get /api/v1/map/points': [{ query: `?${world}&limit=500` }],
    'get /api/v1/lookup': [{ query: '?lat=41.85&lon=-87.65' }],
    'get /api/v1/harvests': [{}, { query: '?limit=2' }],
    'get /api/v1/openapi.json': [{}],
  };
});
afterAll(() => f?.close());

type Operation = { responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }> };

describe('openapi.json documents the answers', () => {
  test('every JSON route has its response schema in the document; GeoReport refusals are the spec’s error list', async () => {
    const answer = await f.get('/api/v1/openapi.json');
    const doc = answer.json as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of f.app.routes) {
      const operation = doc.paths[route.path]![route.method]!;
      const success = operation.responses[route.method === 'post' ? '2XX' : '200']!;
      expect(success.description, key(route)).toEqual(expect.any(String));
      if (!route.response) {
        expect(notJson[key(route)], `${key(route)} has no response schema and is not listed as answering something else than JSON`).toBeDefined();
        continue;
      }
      const schema = success.content?.['application/json']?.schema;
      expect(schema, key(route)).toMatchObject({ type: expect.stringMatching(/object|array/) });
      // Inline schemas: a $ref into $defs would resolve against the OpenAPI document, not the schema.
      expect(JSON.stringify(schema), key(route)).not.toMatch(/"\$(ref|defs|schema)"/);
      const refusal = operation.responses['4XX']!.content!;
      if (route.path.startsWith('/open311/')) {
        expect(success.content!['text/xml']!.schema).toMatchObject({ type: 'string' });
        expect(refusal['application/json']!.schema).toMatchObject({
          type: 'array',
          items: { type: 'object', properties: { code: { type: 'integer' }, description: { type: 'string' } }, required: ['code', 'description'] },
        });
        expect(refusal['text/xml']!.schema).toMatchObject({ type: 'string' });
      } else {
        expect(refusal['application/json']!.schema).toMatchObject({ type: 'object', required: ['error'], properties: { error: { required: ['status', 'code', 'message', 'parameter'] } } });
        expect(refusal['text/xml']).toBeUndefined();
      }
    }
    const requests = doc.paths['/api/v1/requests']!.get!.responses['200']!.content!;
    expect(Object.keys(requests).sort()).toEqual(['application/geo+json', 'application/json', 'application/vnd.apache.parquet', 'application/x-ndjson', 'text/csv']);
    expect(requests['application/json']!.schema).toMatchObject({ properties: { rows: { items: { properties: { requested_at: { format: 'date-time' } } } } } });
    for (const { schema } of Object.values(requests)) expect(schema.description ?? schema.type).toBeDefined();
  });

  test('contract: every served answer matches its documented schema', async () => {
    const documented = f.app.routes.filter((route) => route.response);
    // Admin routes are off in this fixture (no token): test/api/serve.test.ts checks their answers with one.
    const checked = documented.filter((route) => route.tag !== 'admin');
    expect(Object.keys(calls).sort(), 'a route with a response schema has no call here').toEqual(checked.map(key).sort());
    // Every departure of every route, not only the first one's.
    const departures: string[] = [];
    for (const route of checked) {
      for (const { values, query = '' } of calls[key(route)]!) {
        const path = `${pathFor(route, values)}${query}`;
        const answer = await f.get(path);
        if (answer.status !== 200) departures.push(`${path}: status ${answer.status}: ${answer.text.slice(0, 300)}`);
        else if (issuesOf(route.response!, answer.json)) departures.push(`${path}:\n${issuesOf(route.response!, answer.json)}`);
        else if (sizeOf(answer.json) === 0) departures.push(`${path}: an empty answer checks nothing (choose parameters that match)`);
      }
    }
    expect(departures.join('\n\n')).toBe('');
  });

  test('contract: the export formats answer their documented media types; JSON ones match their schema', async () => {
    const route = f.app.routes.find((r) => r.path === '/api/v1/requests')!;
    const formats = (route.query.shape.format as z.ZodOptional<z.ZodEnum>).unwrap().options;
    expect(Object.keys(route.formats!).sort(), 'every export format is documented').toEqual(formats.filter((format) => format !== 'json').sort());
    for (const [format, { mediaType, schema }] of Object.entries(route.formats!)) {
      const path = `/api/v1/requests?format=${format}&limit=300`;
      const answer = await f.get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')?.split(';')[0], path).toBe(mediaType);
      if (format === 'geojson') {
        const body = JSON.parse(answer.text) as { features: unknown[] };
        expect(issuesOf(schema, body), path).toBe('');
        expect(body.features).toHaveLength(300);
      }
      if (format === 'ndjson') {
        const lines = answer.text.trim().split('\n');
        expect(lines).toHaveLength(300);
        for (const line of lines) expect(issuesOf(requestRow, JSON.parse(line)), path).toBe('');
      }
    }
  });

  test('contract: every route refuses in its documented error shape', async () => {
    for (const route of f.app.routes) {
      const path = `${pathFor(route)}?zz=1`;
      const answer = await f.get(path, { method: route.method.toUpperCase() });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(issuesOf(path.startsWith('/open311/') ? geoReportErrors : apiError, answer.json), path).toBe('');
    }
  });
});

/** How many items an answer holds (a list, or the rows or features of an object); 1 for anything else. */
function sizeOf(json: unknown): number {
  if (Array.isArray(json)) return json.length;
  const object = json as { rows?: unknown[]; features?: unknown[] };
  return (object.rows ?? object.features)?.length ?? 1;
}
