import type { Middleware } from 'koa';
import { LRUCache } from 'lru-cache';

interface Cached {
  status: number;
  body: string | Buffer;
  headers: Record<string, string>;
}

/** Headers a route sets that belong to its answer (the outer middleware sets the rest on every response). */
const kept = ['content-type', 'link', 'x-total-count', 'x-page', 'x-page-size', 'content-disposition'];

/**
 * Answers a repeated GET from memory while nothing was written: the key holds the store's write generation (any
 * committed harvest or metric refresh moves it) and the minute of the clock (figures like "days open" are measured
 * to the minute). Only buffered bodies up to `maxEntryBytes` are kept, never streamed exports. Many readers of the
 * same view — an embedded chart, a shared map link, a load test — cost one query per minute instead of one each.
 */
export function responseCache({
  generation,
  now,
  maxBytes = 64 * 1024 * 1024,
  maxEntryBytes = 2 * 1024 * 1024,
}: {
  generation: () => number;
  now: () => Date;
  maxBytes?: number;
  maxEntryBytes?: number;
}): Middleware {
  const cache = new LRUCache<string, Cached>({ maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.body.length) });
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const key = `${generation()} ${Math.floor(now().getTime() / 60_000)} ${ctx.url}`;
    const hit = cache.get(key);
    if (hit) {
      ctx.status = hit.status;
      for (const [name, value] of Object.entries(hit.headers)) ctx.set(name, value);
      ctx.body = hit.body;
      return;
    }
    const before = generation();
    await next();
    if (ctx.status !== 200 || generation() !== before) return;
    let body = ctx.body;
    if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
      body = ctx.body = JSON.stringify(body);
    }
    if ((typeof body !== 'string' && !Buffer.isBuffer(body)) || body.length > maxEntryBytes) return;
    const headers: Record<string, string> = {};
    for (const name of kept) {
      const value = ctx.response.get(name);
      if (value) headers[name] = value;
    }
    cache.set(key, { status: 200, body, headers });
  };
}
