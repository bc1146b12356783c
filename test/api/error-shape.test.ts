import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pathFor, readRefusal } from './support/route-paths.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

let f: ServedFederation;
const partners: Record<string, string[]> = { lat: ['lon', 'long'], lon: ['lat'], long: ['lat'], radius: ['lat'] };

beforeAll(async () => {
  f = await serveFederation({ requests: 800, seed: 4 });
});
afterAll(() => f?.close());

describe('one error shape over every route (CONTRACT §5)', () => {
  test('every route refuses an unknown parameter with 400 naming it, in its family’s error shape', async () => {
    expect(f.app.routes.length).toBeGreaterThanOrEqual(20);
    for (const route of f.app.routes) {
      const path = pathFor(route);
      const answer = await f.get(`${path}?zz_unknown=1`, { method: route.method.toUpperCase() });
      if (route.guard) {
        // Admin routes are off here (no token configured): that comes before any parameter (serve.test.ts has them on).
        expect([answer.status, answer.json], path).toEqual([404, { error: expect.objectContaining({ code: 'admin_disabled' }) }]);
        continue;
      }
      expect(answer.status, `${route.method} ${path}`).toBe(400);
      expect(readRefusal(path, answer.status, answer.json), path).toEqual({ status: 400, parameter: 'zz_unknown' });
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('etag')).toBeNull();
    }
  });

  test('every parameter of every route refuses a hostile value naming that parameter (or accepts it)', async () => {
    const hostile = ["' OR 1=1 --", 'x'.repeat(5000), '\u0001', '-1e999', '2026-13-45T99:99:99Z'];
    for (const route of f.app.routes) {
      const path = pathFor(route, { service_request_id: 'x', endpoint_id: 'sim-generic', name: 'opened' });
      const required = Object.entries(route.query.shape).filter(([, schema]) => !(schema as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success).map(([n]) => n);
      for (const name of Object.keys(route.query.shape)) {
        // A refusal may name the parameter given, one the route requires, or the partner of a pair (lat/lon).
        const named = new RegExp(`^(${[name, ...required, ...(partners[name] ?? []), 'jurisdiction_id'].join('|')})$`);
        for (const value of hostile) {
          const answer = await f.get(`${path}?${new URLSearchParams({ [name]: value })}`, { method: route.method.toUpperCase() });
          expect(answer.status, `${path} ${name}=${value.slice(0, 20)}`).toBeLessThan(500);
          if (answer.status === 400) expect(readRefusal(path, 400, answer.json).parameter, `${path} ${name}`).toMatch(named);
        }
      }
    }
  });

  test('an unknown route and a wrong method answer in the error shape', async () => {
    const missing = await f.get('/api/v1/nothing-here');
    expect(readRefusal('/api/v1/nothing-here', 404, missing.json)).toEqual({ status: 404, parameter: null });
    const wrong = await f.get('/api/v1/endpoints', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(readRefusal('/api/v1/endpoints', 405, wrong.json).status).toBe(405);
    const open311 = await f.get('/open311/v2/nothing.xml');
    expect(open311.status).toBe(404);
    expect(open311.text).toContain('<errors><error><code>404</code>');
  });
});
