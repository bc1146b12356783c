import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator, TruthRow } from '../../server/simulator/index.ts';
import { catchUp, defaultStart, SimClock, startOfHour } from '../../server/simulator/model/clock.ts';
import { clockStart, endpointOf, get, idsOf, rowsOf, startTestSimulator } from './sim-test-kit.ts';

let sim: Simulator;
let before: Map<string, TruthRow>;
beforeAll(async () => {
  sim = await startTestSimulator({ requests: 30_000 });
  before = new Map(sim.truth('sim-chicago').map((t) => [t.service_request_id, t]));
});
afterAll(() => sim?.close());

describe('the simulated clock', () => {
  test('stands still; the default start is the real time minus 14 days, truncated to the hour', () => {
    expect(sim.now().toISOString()).toBe(clockStart.toISOString());
    expect(defaultStart(Date.parse('2026-05-20T13:47:12.345Z')).toISOString()).toBe('2026-05-06T13:00:00.000Z');
  });

  test('the demo’s clock starts at the hour and catches up with the real time, never past it', () => {
    const real = Date.parse('2026-05-20T13:47:12.345Z');
    const clock = new SimClock(startOfHour(real));
    expect(clock.now().toISOString()).toBe('2026-05-20T13:00:00.000Z');
    expect(catchUp(clock, real)).toBe(47 * 60_000 + 12_345);
    expect(clock.now().toISOString()).toBe('2026-05-20T13:47:12.000Z');
    expect(catchUp(clock, real + 400)).toBe(0); // under a second: the whole-second clock stays
    expect(catchUp(clock, real + 90_000)).toBe(90_345);
    expect(clock.now().getTime()).toBeLessThanOrEqual(real + 90_000);
  });

  test('the truth holds only what has happened by the clock', () => {
    const now = sim.now().getTime();
    for (const endpoint of sim.registry()) {
      for (const t of sim.truth(endpoint.id)) {
        expect(Date.parse(t.requested_at)).toBeLessThanOrEqual(now);
        expect(Date.parse(t.updated_at)).toBeLessThanOrEqual(now);
        expect(t.status === 'closed').toBe(t.closed_at !== null);
        if (t.closed_at) expect(t.updated_at).toBe(t.closed_at);
      }
    }
  });

  test('advancing reveals new requests and closes open ones; wire and change feed follow', async () => {
    const chicago = endpointOf(sim, 'chicago');
    const state = (await fetch(`${sim.url}/_sim/advance?hours=72`, { method: 'POST' }).then((r) => r.json())) as { clock: string };
    expect(state.clock).toBe('2026-03-04T00:00:00.000Z');
    const after = sim.truth(chicago.id);
    const fresh = after.filter((t) => !before.has(t.service_request_id));
    const closedNow = after.filter((t) => t.status === 'closed' && before.get(t.service_request_id)?.status === 'open');
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((t) => t.requested_at > clockStart.toISOString())).toBe(true);
    expect(closedNow.length).toBeGreaterThan(0);
    for (const t of after.filter((t) => before.get(t.service_request_id)?.status === 'closed')) {
      expect(t.closed_at).toBe(before.get(t.service_request_id)?.closed_at);
    }
    const feed = rowsOf(await get(`${chicago.base_url}requests.json?updated_after=2026-02-28T18:00:00&updated_before=2026-03-03T18:00:00&page_size=500`));
    const feedIds = new Set(idsOf(feed));
    expect(closedNow.filter((t) => t.malformed === null).every((t) => feedIds.has(t.service_request_id))).toBe(true);
    const one = closedNow[0]!;
    const [row] = rowsOf(await get(`${chicago.base_url}requests/${one.service_request_id}.json?extensions=true`));
    expect(row?.status).toBe('closed');
    expect((row?.notes as { type: string }[]).at(-1)?.type).toBe('closed');
  });

  test('ground-truth routes: state, NDJSON truth, services models', async () => {
    const state = (await get(`${sim.url}/_sim/state`)).body as { clock: string; endpoints: { id: string; visible: number; open: number; closed: number }[] };
    expect(state.clock).toBe(sim.now().toISOString());
    const chicago = state.endpoints.find((e) => e.id === 'sim-chicago')!;
    expect(chicago.open + chicago.closed).toBe(chicago.visible);
    const ndjson = (await get(`${sim.url}/_sim/truth/sim-chicago.ndjson`)).text.trim().split('\n').map((line) => JSON.parse(line) as TruthRow);
    expect(ndjson).toEqual(sim.truth('sim-chicago'));
    expect(ndjson.filter((t) => t.duplicate_of).length).toBeGreaterThan(0);
    const services = (await get(`${sim.url}/_sim/truth/sim-chicago/services.json`)).body as Record<string, unknown>[];
    expect(Object.keys(services[0] ?? {})).toEqual(['code', 'name', 'median_days', 'sigma', 'never_close_share']);
    expect((await fetch(`${sim.url}/_sim/advance?hours=1`)).status).toBe(405);
  });
});
