import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Store } from '../../pipelines/load/store.ts';
import { adminRoutes } from '../../server/http/api/admin.ts';
import { harvestsRoutes } from '../../server/http/api/harvests.ts';
import type { AppServices } from '../../server/http/services.ts';
import { startServer, type RunningServer } from '../../server/http/start-server.ts';
import { startSimulator } from '../../server/simulator/index.ts';
import { tempStore } from '../support/temp-store.ts';
import { testDeps } from '../support/test-deps.ts';
import { issuesOf } from './support/route-paths.ts';
import { simulatorStart } from './support/served-federation.ts';

const token = 'test-admin-token-4b1d';
let sim: Awaited<ReturnType<typeof startSimulator>>;
let store: Store;
let cleanup: () => Promise<void>;
let running: RunningServer;
let registryBroken = false;

// The documented answers (RouteSpec.response) of the routes this server has on that other fixtures have off or
// empty: admin with a token, harvests with a schedule. Only the specs are read; their handlers are not called.
const documented = Object.fromEntries([...adminRoutes({} as AppServices), ...harvestsRoutes({} as AppServices)].map((route) => [route.path, route.response!]));

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 2, requests: 600, faults: 'none', now: simulatorStart });
  ({ store, cleanup } = await tempStore());
  running = await startServer({
    store,
    deps: testDeps({ start: sim.now() }),
    endpoints: sim.registry(),
    loadEndpoints: async () => {
      if (registryBroken) throw new Error('endpoints.yaml: entry 0 (id "x"): dialect: unknown dialect "nope"');
      return sim.registry().slice(0, 2);
    },
    schedule: false,
    port: 0,
    host: '127.0.0.1',
    adminToken: token,
    dashboard: null,
  });
});
afterAll(async () => {
  await running?.close();
  await cleanup?.();
  await sim?.close();
});

async function admin(path: string, auth?: string) {
  const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: auth ? { Authorization: auth } : {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, unknown> };
}

describe('startServer: schedule, admin routes, registry reload', () => {
  test('the registry is synced before serving, the store is empty until a harvest', async () => {
    const { rows } = (await (await fetch(`${running.url}/api/v1/endpoints`)).json()) as { rows: { endpoint_id: string; requests: number }[] };
    expect(rows.map((r) => r.endpoint_id)).toEqual(sim.registry().map((e) => e.id).sort());
    expect(rows.every((r) => r.requests === 0)).toBe(true);
  });

  test('admin needs the bearer token: 401 without or with a wrong one, never echoing it', async () => {
    // The token is checked before the parameters: a caller without it learns nothing about them.
    for (const [auth, query] of [[undefined, '?endpoint=sim-generic'], ['Bearer wrong', '?endpoint=sim-generic'], [`Basic ${token}`, '?endpoint=sim-generic'], [undefined, ''], ['Bearer wrong', '?endpoint=Not%20a%20slug&x=1']] as const) {
      const answer = await admin(`/api/v1/admin/harvest${query}`, auth);
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: { status: 401, code: 'unauthorized', message: expect.any(String), parameter: null } });
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    const unknown = await admin('/api/v1/admin/harvest?endpoint=atlantis', `Bearer ${token}`);
    expect(unknown.json).toMatchObject({ error: { status: 400, parameter: 'endpoint' } });
    // With the token, parameters are checked as on every route.
    for (const path of ['/api/v1/admin/harvest?endpoint=sim-generic&zz=1', '/api/v1/admin/reload-registry?zz=1']) {
      expect((await admin(path, `Bearer ${token}`)).json).toMatchObject({ error: { status: 400, code: 'unknown_parameter', parameter: 'zz' } });
    }
  });

  test('a triggered harvest runs and its rows become visible', async () => {
    const answer = await admin('/api/v1/admin/harvest?endpoint=sim-generic', `Bearer ${token}`);
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ started: 'sim-generic' });
    expect(issuesOf(documented['/api/v1/admin/harvest']!, answer.json)).toBe('');
    let stored = 0;
    for (let i = 0; i < 200 && stored === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [row] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM harvest_runs WHERE endpoint_id = 'sim-generic' AND outcome = 'ok'`);
      stored = row!.n;
    }
    expect(stored).toBe(1);
    const page = (await (await fetch(`${running.url}/api/v1/requests?endpoint=sim-generic&limit=5`)).json()) as { rows: unknown[] };
    expect(page.rows).toHaveLength(5);
  });

  test('a polygon set is loaded through admin, listed, and groups metrics; a bad file is refused and the set kept', async () => {
    const [box] = (await store.query<{ s: number; n: number; w: number; e: number }>(
      `SELECT min(lat) AS s, max(lat) AS n, min(lon) AS w, max(lon) AS e FROM service_requests WHERE endpoint_id = 'sim-generic' AND lat IS NOT NULL`,
    )) as [{ s: number; n: number; w: number; e: number }];
    const middle = (box.w + box.e) / 2;
    const square = (id: string, west: number, east: number) => ({
      type: 'Feature', properties: { id, name: `${id} half` },
      geometry: { type: 'Polygon', coordinates: [[[west, box.s - 1], [east, box.s - 1], [east, box.n + 1], [west, box.n + 1], [west, box.s - 1]]] },
    });
    const halves = JSON.stringify({ type: 'FeatureCollection', features: [square('west', box.w - 1, middle), square('east', middle, box.e + 1)] });
    const post = (query: string, body: string, auth = `Bearer ${token}`) =>
      fetch(`${running.url}/api/v1/admin/polygons${query}`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/geo+json' }, body });
    expect((await post('?set_id=halves', halves, 'Bearer wrong')).status).toBe(401);
    const loaded = await post('?set_id=halves&name=Two%20halves', halves);
    const set = await loaded.json();
    expect(loaded.status).toBe(200);
    expect(set).toEqual({ set_id: 'halves', name: 'Two halves', polygons: 2, loaded_at: expect.stringMatching(/Z$/) });
    expect(issuesOf(documented['/api/v1/admin/polygons']!, set)).toBe('');
    expect(await (await fetch(`${running.url}/api/v1/polygons`)).json()).toEqual({ rows: [set] });
    const opened = async () => ((await (await fetch(`${running.url}/api/v1/metrics/opened?group_by=polygon&polygons=halves&endpoint=sim-generic`)).json()) as { rows: { group: { polygon: string | null }; value: number }[] }).rows;
    const before = await opened();
    const [{ located }] = (await store.query<{ located: number }>(`SELECT count(*) AS located FROM metric_requests WHERE endpoint_id = 'sim-generic' AND lat IS NOT NULL AND NOT duplicate`)) as [{ located: number }];
    expect(before.filter((r) => r.group.polygon !== null).map((r) => r.group.polygon).sort()).toEqual(['east', 'west']);
    expect(before.filter((r) => r.group.polygon !== null).reduce((sum, r) => sum + r.value, 0)).toBe(located);
    // A bad file names what is wrong and leaves the loaded set as it was.
    const refused = await post('?set_id=halves', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }] }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { parameter: string; message: string } }).error).toMatchObject({ parameter: 'body', message: expect.stringMatching(/^body: not a polygon FeatureCollection: features\.0\.geometry/) });
    expect((await post('?set_id=halves', '{"type": "Feature')).status).toBe(400);
    expect(await opened()).toEqual(before);
    // A body over the cap is refused from its declared length, before it is read.
    const tooLarge = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${running.url}/api/v1/admin/polygons?set_id=big`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Length': '60000000' } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.write('{');
    });
    expect(tooLarge).toBe(413);
  });

  test('reload-registry swaps the schedule; a bad registry is refused and the running one kept', async () => {
    const answer = await admin('/api/v1/admin/reload-registry', `Bearer ${token}`);
    expect(answer).toMatchObject({ status: 200, json: { endpoints: 2 } });
    expect(issuesOf(documented['/api/v1/admin/reload-registry']!, answer.json)).toBe('');
    const harvests = (await (await fetch(`${running.url}/api/v1/harvests`)).json()) as { scheduled: Record<string, unknown> };
    expect(Object.keys(harvests.scheduled)).toEqual(sim.registry().slice(0, 2).map((e) => e.id));
    expect(issuesOf(documented['/api/v1/harvests']!, harvests)).toBe('');
    // An endpoint dropped from the registry stays in the store (its data readable) but is no longer harvested.
    const [kept1, kept2] = sim.registry().slice(0, 2).map((e) => e.id).sort();
    const dropped = sim.registry()[2]!.id;
    const trigger = await admin(`/api/v1/admin/harvest?endpoint=${dropped}`, `Bearer ${token}`);
    expect(trigger.json).toEqual({ error: { status: 400, code: 'bad_parameter', parameter: 'endpoint', message: `endpoint: endpoint "${dropped}" is not in the registry, so it is not harvested (scheduled: ${kept1}, ${kept2})` } });
    registryBroken = true;
    const refused = await admin('/api/v1/admin/reload-registry', `Bearer ${token}`);
    expect(refused.status).toBe(400);
    expect((refused.json.error as { message: string }).message).toMatch(/^registry: .*dialect/);
    const after = (await (await fetch(`${running.url}/api/v1/harvests`)).json()) as { scheduled: Record<string, unknown> };
    expect(Object.keys(after.scheduled)).toHaveLength(2);
  });

  test('no response carries the admin token', async () => {
    for (const path of ['/api/v1/endpoints', '/api/v1/harvests', '/api/v1/openapi.json', '/open311/v2/discovery.json']) {
      expect(await (await fetch(`${running.url}${path}`)).text()).not.toContain(token);
    }
  });
});
