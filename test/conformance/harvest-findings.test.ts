import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checks } from '../../pipelines/conformance/catalog.ts';
import { defaultHttpOptions } from '../../pipelines/fetch/http-client.ts';
import { harvest } from '../../pipelines/harvest.ts';
import type { Store } from '../../pipelines/load/store.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';
import { createApp } from '../../server/http/create-app.ts';
import { startSimulator, type Simulator } from '../../server/simulator/index.ts';
import { loopback } from '../support/loopback.ts';
import { tempStore } from '../support/temp-store.ts';
import { testDeps } from '../support/test-deps.ts';

const start = new Date('2026-03-01T00:00:00Z');
const http = { ...defaultHttpOptions, backoffBaseMs: 5, maxRetries: 2 };

interface Conformance { checked_at: string; errors: number; warnings: number; info: number; findings: { check_id: string }[] }
interface CheckRow { endpoint_id: string; run_id: number; check_id: string; severity: string; message: string; count: number; example: string; checked_at: string }

async function checksOf(store: Store): Promise<Map<string, CheckRow[]>> {
  const rows = await store.query<CheckRow>('SELECT * FROM endpoint_checks ORDER BY endpoint_id, check_id');
  const byEndpoint = new Map<string, CheckRow[]>();
  for (const row of rows) byEndpoint.set(row.endpoint_id, [...(byEndpoint.get(row.endpoint_id) ?? []), row]);
  return byEndpoint;
}

const deviationIds = (rows: readonly CheckRow[] = []) => rows.filter((r) => r.severity !== 'info').map((r) => r.check_id).sort();

describe('a harvest of the simulated federation records what the simulator injected', () => {
  let sim: Simulator;
  let store: Store;
  let cleanup: () => Promise<void>;
  let firstRun: Map<string, CheckRow[]>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 11, requests: 40_000, faults: 'none', now: start });
    ({ store, cleanup } = await tempStore());
  });
  afterAll(async () => {
    await cleanup?.();
    await sim?.close();
  });

  test('per endpoint: every deviation a harvest always sees, and nothing the simulator did not declare', async () => {
    const summaries = await harvest({ store, endpoints: sim.registry(), deps: testDeps({ start: sim.now() }), http });
    expect(summaries.every((s) => s.outcome === 'ok')).toBe(true);
    firstRun = await checksOf(store);
    const declared = new Map(sim.conformance().endpoints.map((e) => [e.id, e.deviations]));
    for (const endpoint of sim.registry()) {
      const deviations = declared.get(endpoint.id) ?? [];
      // Chicago lists web requests younger than ten minutes without an id, as "submitted" (ground truth says which).
      const submitted = sim.truth(endpoint.id).some((t) => t.malformed === 'submitted_without_id');
      const always = deviations.filter((d) => d.seen_by.includes('harvest')).map((d) => d.check_id);
      const allowed = new Set([...deviations.map((d) => d.check_id), ...(submitted ? ['required_field_missing', 'status_not_open_closed'] : [])]);
      const found = deviationIds(firstRun.get(endpoint.id));
      expect({ endpoint: endpoint.id, missing: always.filter((id) => !found.includes(id)), undeclared: found.filter((id) => !allowed.has(id)) })
        .toEqual({ endpoint: endpoint.id, missing: [], undeclared: [] });
    }
    // The clean server has no deviation; its silent 1000-row cap is spec behaviour, recorded as info.
    expect(firstRun.get('sim-generic')?.map((r) => [r.check_id, r.severity])).toEqual([['cap_hit', 'info']]);
    expect(deviationIds(firstRun.get('sim-fixmystreet'))).toEqual(['envelope_deviation', 'services_envelope_deviation', 'services_wrong_type', 'status_not_open_closed', 'wrong_type']);
    const runOf = new Map(summaries.map((s) => [s.endpoint_id, s.run_id]));
    for (const row of [...firstRun.values()].flat()) {
      expect(row).toMatchObject({ run_id: runOf.get(row.endpoint_id), checked_at: expect.stringMatching(/Z$/), message: checks[row.check_id as keyof typeof checks].message });
      expect(row.count).toBeGreaterThan(0);
      expect(row.example).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\//);
    }
  });

  test('the next run replaces each set; services findings stay until the services list is read again', async () => {
    sim.advance(6 * 3_600_000);
    const summaries = await harvest({ store, endpoints: sim.registry(), deps: testDeps({ start: sim.now() }), http });
    const secondRun = await checksOf(store);
    const runOf = new Map(summaries.map((s) => [s.endpoint_id, s.run_id]));
    for (const [endpointId, rows] of secondRun) {
      expect(new Set(rows.map((r) => r.check_id)).size).toBe(rows.length);
      for (const row of rows) {
        const fromServices = row.check_id.startsWith('services_');
        // The services list is younger than a day: not fetched again, so its findings keep the first run's id.
        expect({ endpointId, check: row.check_id, run: row.run_id }).toEqual({
          endpointId, check: row.check_id, run: fromServices ? firstRun.get(endpointId)!.find((r) => r.check_id === row.check_id)!.run_id : runOf.get(endpointId),
        });
      }
    }
    expect(secondRun.get('sim-markaspot')?.map((r) => r.check_id)).toContain('services_wrong_type');
  });

  test('the API shows every finding that stands, and an endpoint whose last check found nothing as checked and clean', async () => {
    const app = createApp({ store, deps: testDeps({ start: sim.now() }) });
    const server = await loopback(app.koa.callback());
    try {
      const { rows } = (await (await fetch(`${server.url}/api/v1/endpoints`)).json()) as { rows: { endpoint_id: string; conformance: Conformance | null }[] };
      const stored = await checksOf(store);
      const clean: string[] = [];
      for (const { endpoint_id, conformance } of rows) {
        const standing = stored.get(endpoint_id) ?? [];
        if (standing.length === 0) clean.push(endpoint_id);
        // Every stored finding, including services_* ones kept from the first run with its older checked_at.
        expect({ endpoint_id, findings: conformance?.findings.map((f) => f.check_id).sort() }).toEqual({ endpoint_id, findings: standing.map((r) => r.check_id).sort() });
        expect(conformance!.errors + conformance!.warnings + conformance!.info).toBe(standing.length);
      }
      expect(rows.find((r) => r.endpoint_id === 'sim-markaspot')!.conformance!.findings.map((f) => f.check_id)).toContain('services_wrong_type');
      // The second run found nothing at some endpoints: checked, not "not checked".
      expect(clean.length).toBeGreaterThan(0);
    } finally {
      await server.close();
      app.close();
    }
  });

  test('a run that reads no page leaves the previous findings as they were', async () => {
    const before = (await checksOf(store)).get('sim-seeclickfix');
    const dead: Endpoint = { ...sim.registry().find((e) => e.id === 'sim-seeclickfix')!, base_url: 'http://127.0.0.1:9/open311/v2/' };
    const [summary] = await harvest({ store, endpoints: [dead], deps: testDeps({ start: sim.now() }), http });
    expect(summary?.outcome).toBe('failed');
    expect((await checksOf(store)).get('sim-seeclickfix')).toEqual(before);
  });
});

describe('a harvest of the hostile variants names what each injects', () => {
  let sim: Simulator;
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 5, requests: 3000, faults: 'none', now: start });
    ({ store, cleanup } = await tempStore());
  });
  afterAll(async () => {
    await cleanup?.();
    await sim?.close();
  });

  // The deviations a harvest meets; filters it never sends (status, service_code), paging and error pages it cannot.
  const harvestVisible = ['naive-datetimes', 'bad-statuses', 'missing-required', 'wrong-types', 'wrong-content-type', 'wrapped-envelope', 'ignores-date-window', 'bad-services'];

  test('an unknown variant, or XML, is a plain 404 that says why', async () => {
    const unknown = await fetch(`${sim.url}/hostile/nope/generic/open311/v2/requests.json`);
    expect([unknown.status, await unknown.text()]).toEqual([404, expect.stringMatching(/no hostile variant .* \(known: naive-datetimes, /)]);
    const asXml = await fetch(`${sim.url}/hostile/bad-statuses/generic/open311/v2/requests.xml`);
    expect([asXml.status, await asXml.text()]).toEqual([404, 'hostile variants speak JSON only\n']);
  });

  test.each(harvestVisible)('%s', async (name) => {
    const variant = sim.conformance().hostile.find((h) => h.name === name)!;
    const generic = sim.registry().find((e) => e.id === 'sim-generic')!;
    const endpoint: Endpoint = { ...generic, id: `hostile-${name}`, base_url: variant.base_url, format: 'json' };
    await harvest({ store, endpoints: [endpoint], deps: testDeps({ start: sim.now() }), http });
    expect(deviationIds((await checksOf(store)).get(endpoint.id))).toEqual([...variant.checks].sort());
  });
});
