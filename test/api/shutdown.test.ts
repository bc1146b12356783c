import type Koa from 'koa';
import { afterEach, expect, test } from 'vitest';
import { startServer } from '../../server/http/start-server.ts';
import { tempStore } from '../support/temp-store.ts';
import { testDeps } from '../support/test-deps.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server whose `/slow?ms=N` answers after N ms of real time, with a query on the store on the way. */
async function serverWithSlowRoute() {
  const { store, cleanup } = await tempStore();
  cleanups.push(cleanup);
  const slow: Koa.Middleware = async (ctx, next) => {
    if (ctx.path !== '/slow') return next();
    await settle(Number(ctx.query.ms));
    const [row] = await store.query<{ answer: number }>('SELECT 42 AS answer');
    ctx.body = { answer: row!.answer };
  };
  const running = await startServer({ store, deps: testDeps(), endpoints: [], schedule: false, port: 0, host: '127.0.0.1', adminToken: null, dashboard: slow });
  return { store, running };
}

test('stopping lets an answer in flight finish within the grace, then refuses new connections', async () => {
  const { running } = await serverWithSlowRoute();
  const answer = fetch(`${running.url}/slow?ms=300`).then(async (r) => ({ status: r.status, body: await r.json() }));
  await settle(50);
  await running.close({ graceMs: 5000 });
  expect(await answer).toEqual({ status: 200, body: { answer: 42 } });
  await expect(fetch(`${running.url}/api/v1/metrics`)).rejects.toThrow(/fetch failed/);
});

test('an answer slower than the grace is cut off, and stopping does not wait for it', async () => {
  const { running } = await serverWithSlowRoute();
  const answer = fetch(`${running.url}/slow?ms=3000`).then((r) => r.status, (error: Error) => error.message);
  await settle(50);
  const started = Date.now();
  await running.close({ graceMs: 100 });
  expect(Date.now() - started).toBeLessThan(2000);
  expect(await answer).toMatch(/fetch failed/);
});
