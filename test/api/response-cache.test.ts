import { Readable } from 'node:stream';
import Koa from 'koa';
import { afterEach, expect, test } from 'vitest';
import { bodyTag } from '../../server/http/middleware/caching.ts';
import { responseCache } from '../../server/http/middleware/response-cache.ts';
import { loopback } from '../support/loopback.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

/** A tiny app behind the cache whose route counts its calls; the generation and the clock are the test's. */
async function cachedApp() {
  const state = { generation: 0, now: new Date('2026-03-01T12:00:10Z'), calls: 0, gate: Promise.resolve() };
  const koa = new Koa();
  koa.use(responseCache({ generation: () => state.generation, now: () => state.now, maxEntryBytes: 1000 }));
  koa.use(async (ctx) => {
    state.calls += 1;
    await state.gate; // a slow query, while the test holds the gate
    if (ctx.path === '/missing') ctx.status = 404;
    else if (ctx.path === '/fails') throw new Error('query failed');
    else if (ctx.path === '/stream') ctx.body = Readable.from(['a', 'b']);
    else if (ctx.path === '/big') ctx.body = 'x'.repeat(2000);
    else {
      ctx.set('X-Total-Count', String(state.calls));
      ctx.body = { call: state.calls, path: ctx.url };
    }
  });
  const server = await loopback(koa.callback());
  close = server.close;
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.text(), total: response.headers.get('x-total-count'), type: response.headers.get('content-type'), etag: response.headers.get('etag') };
  };
  return { state, get };
}

test('a repeated GET is answered from memory with its headers, until the store writes or the minute turns', async () => {
  const { state, get } = await cachedApp();
  const first = await get('/api?a=1');
  expect(await get('/api?a=1')).toEqual(first);
  expect(state.calls).toBe(1);
  expect(first).toMatchObject({ status: 200, total: '1', type: expect.stringContaining('json') });
  await get('/api?a=2'); // another URL is another entry
  expect(state.calls).toBe(2);
  state.generation += 1; // a harvest committed
  expect(JSON.parse((await get('/api?a=1')).body)).toEqual({ call: 3, path: '/api?a=1' });
  state.now = new Date('2026-03-01T12:01:00Z'); // "days open" moves with the clock: a new minute, a new answer
  expect(JSON.parse((await get('/api?a=1')).body).call).toBe(4);
  expect(await get('/api?a=1')).toMatchObject({ total: '4' });
  expect(state.calls).toBe(4);
});

test('errors, streamed bodies and bodies over the entry limit are never kept', async () => {
  const { state, get } = await cachedApp();
  for (const path of ['/missing', '/stream', '/big']) {
    await get(path);
    await get(path);
  }
  expect(state.calls).toBe(6);
  expect((await get('/stream')).body).toBe('ab');
});

test('concurrent misses of one view run its query once and all get that answer; a failed first run lets each run its own', async () => {
  const { state, get } = await cachedApp();
  let open = () => undefined as void;
  state.gate = new Promise<void>((resolve) => (open = resolve));
  const readers = Array.from({ length: 20 }, () => get('/api?view=1'));
  const other = get('/api?view=2'); // another view is not held up by the first
  await expect.poll(() => state.calls).toBe(2);
  open();
  const answers = await Promise.all(readers);
  expect(state.calls).toBe(2);
  expect(new Set(answers.map((a) => `${a.body} ${a.total}`)).size).toBe(1); // one answer, headers too
  expect(answers[0]).toMatchObject({ status: 200, type: expect.stringContaining('json') });
  expect((await other).status).toBe(200);

  state.gate = new Promise<void>((resolve) => (open = resolve));
  const failing = Array.from({ length: 3 }, () => get('/fails'));
  await expect.poll(() => state.calls).toBe(3);
  open();
  expect((await Promise.all(failing)).map((a) => a.status)).toEqual([500, 500, 500]);
  expect(state.calls).toBe(5); // the first failed; the two that waited ran their own
});

test('an answer keeps the ETag of its body, hashed once when it is stored: a hit carries it unchanged', async () => {
  const { state, get } = await cachedApp();
  const first = await get('/api?tagged=1');
  expect(first.etag).toBe(bodyTag(first.body));
  const hit = await get('/api?tagged=1');
  expect(state.calls).toBe(1);
  expect(hit.etag).toBe(first.etag);
});
