import { afterAll, beforeAll, expect, test } from 'vitest';
import { startScheduler } from '../../pipelines/harvest/scheduler.ts';
import type { Store } from '../../pipelines/load/store.ts';
import { startSimulator } from '../../server/simulator/index.ts';
import { tempStore } from '../support/temp-store.ts';
import { testDeps } from '../support/test-deps.ts';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3, requests: 3000, faults: 'none', now: new Date('2026-03-01T00:00:00Z') });
  ({ store, cleanup } = await tempStore());
});
afterAll(async () => {
  await cleanup?.();
  await sim?.close();
});

test('a trigger while an endpoint runs joins that run: never two runs of one endpoint at once', async () => {
  const endpoints = sim.registry();
  const scheduler = await startScheduler({ store, endpoints, deps: testDeps({ start: sim.now() }), schedule: false });
  try {
    const [a, b] = await Promise.all([scheduler.trigger('sim-chicago'), scheduler.trigger('sim-chicago')]);
    expect(a).toBe(b);
    expect(a.outcome).toBe('ok');
    const runs = await store.query<{ n: number }>(`SELECT count(*) AS n FROM harvest_runs WHERE endpoint_id = 'sim-chicago'`);
    expect(runs).toEqual([{ n: 1 }]);
    await expect(scheduler.trigger('nope')).rejects.toThrow(/no endpoint "nope"/);
  } finally {
    await scheduler.stop();
  }
});

test('with schedules on, every enabled endpoint has its next run (default every 15 minutes)', async () => {
  const endpoints = sim.registry();
  const scheduler = await startScheduler({ store, endpoints, deps: testDeps({ start: sim.now() }) });
  try {
    const next = scheduler.nextRuns();
    expect(Object.keys(next).sort()).toEqual(endpoints.map((e) => e.id).sort());
    for (const at of Object.values(next)) expect(new Date(at!).getUTCMinutes() % 15).toBe(0);
  } finally {
    await scheduler.stop();
  }
});

test('backfill_from is midnight in the endpoint’s own zone', async () => {
  const helsinki = { ...sim.registry().find((e) => e.id === 'sim-citysdk')!, backfill_from: '2026-01-10' };
  const scheduler = await startScheduler({ store, endpoints: [helsinki], deps: testDeps({ start: sim.now() }), schedule: false });
  try {
    await scheduler.trigger(helsinki.id);
    const [state] = await store.query<{ backfill_from: string }>(`SELECT backfill_from FROM harvest_state WHERE endpoint_id = $1`, [helsinki.id]);
    // Helsinki is UTC+2 in January.
    expect(state!.backfill_from).toBe('2026-01-09T22:00:00.000Z');
  } finally {
    await scheduler.stop();
  }
});

test('an earlier backfill_from on a harvested endpoint fetches the stretch before the old start', async () => {
  const late = { ...sim.registry().find((e) => e.id === 'sim-ureport')!, backfill_from: '2026-01-15' };
  const count = async () =>
    (await store.query<{ n: number }>(`SELECT count(*) AS n FROM service_requests WHERE endpoint_id = $1 AND requested_at < '2026-01-15'`, [late.id]))[0]!.n;
  const run = async (entry: typeof late) => {
    const scheduler = await startScheduler({ store, endpoints: [entry], deps: testDeps({ start: sim.now() }), schedule: false });
    try {
      return await scheduler.trigger(entry.id);
    } finally {
      await scheduler.stop();
    }
  };
  expect((await run(late)).outcome).toBe('ok');
  expect(await count()).toBe(0);
  expect((await run({ ...late, backfill_from: '2025-12-01' })).outcome).toBe('ok');
  const truth = sim.truth(late.id).filter((t) => t.malformed === null && t.requested_at >= '2025-12-01T05' && t.requested_at < '2026-01-15');
  expect(truth.length).toBeGreaterThan(0);
  expect(await count()).toBe(truth.length);
  const [state] = await store.query<{ backfill_from: string }>(`SELECT backfill_from FROM harvest_state WHERE endpoint_id = $1`, [late.id]);
  expect(state!.backfill_from).toBe('2025-12-01T05:00:00.000Z');
});

test('an endpoint without a registry box learns one from its own coordinates after its first run', async () => {
  const real = sim.registry().find((e) => e.id === 'sim-chicago')!;
  const boxless = { ...real, id: 'boxless-chicago', bbox: undefined };
  const scheduler = await startScheduler({ store, endpoints: [boxless], deps: testDeps({ start: sim.now() }), schedule: false });
  try {
    await scheduler.trigger(boxless.id);
  } finally {
    await scheduler.stop();
  }
  const [state] = await store.query<{ learned_bbox: number[] }>(`SELECT learned_bbox FROM harvest_state WHERE endpoint_id = $1`, [boxless.id]);
  const [west, south, east, north] = state!.learned_bbox as [number, number, number, number];
  const [rw, rs, re, rn] = real.bbox!;
  // The learned box covers the city's real extent loosely: inside it, give or take its padding.
  expect(west).toBeLessThan(rw + 0.1);
  expect(east).toBeGreaterThan(re - 0.1);
  expect(south).toBeLessThan(rs + 0.1);
  expect(north).toBeGreaterThan(rn - 0.1);
  expect(east - west).toBeLessThan(1.5);
  expect(north - south).toBeLessThan(1.5);
});
