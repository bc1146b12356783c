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
