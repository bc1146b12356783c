import type { Context, Middleware, Next } from 'koa';
import { LRUCache } from 'lru-cache';
import { bodyTag } from './caching.ts';

interface Cached {
  status: number;
  body: Buffer;
  headers: Record<string, string>;
}

/** Headers a route sets that belong to its answer (the outer middleware sets the rest on every response). */
const kept = ['content-type', 'link', 'x-total-count', 'x-page', 'x-page-size', 'content-disposition'];

/**
 * Answers a repeated GET from memory while nothing was written: the key holds the store's write generation (any
 * committed harvest or metric refresh moves it) and the minute of the clock (figures like "days open" are measured
 * to the minute). Only buffered bodies up to `maxEntryBytes` are kept, never streamed exports. Many readers of the
 * same view — an embedded chart, a shared map link, a load test — cost one query per minute instead of one each,
 * also while that query runs: concurrent misses of one key wait for the first.
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
  // Misses being computed now, by key: the same view asked again meanwhile waits for that answer instead of running
  // its query again (after each harvest write, 50 readers of a chart cost one query, not 50).
  const running = new Map<string, Promise<Cached | null>>();
  const answer = (ctx: Context, entry: Cached) => {
    ctx.status = entry.status;
    for (const [name, value] of Object.entries(entry.headers)) ctx.set(name, value);
    ctx.body = entry.body;
  };
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const key = `${generation()} ${Math.floor(now().getTime() / 60_000)} ${ctx.url}`;
    const hit = cache.get(key);
    if (hit) return answer(ctx, hit);
    const pending = running.get(key);
    if (pending) {
      const shared = await pending;
      if (shared) return answer(ctx, shared);
      // The first one's answer was not kept (an error, a stream, a write meanwhile): this one runs its own.
      await compute(ctx, next);
      return;
    }
    let settle: (entry: Cached | null) => void = () => undefined;
    running.set(key, new Promise((resolve) => (settle = resolve)));
    let entry: Cached | null = null;
    try {
      entry = await compute(ctx, next);
      if (entry) cache.set(key, entry);
    } finally {
      running.delete(key);
      settle(entry);
    }
  };

  /** Runs the route; the entry to keep, or null when its answer must not be kept. */
  async function compute(ctx: Context, next: Next): Promise<Cached | null> {
    const before = generation();
    await next();
    if (ctx.status !== 200 || generation() !== before) return null;
    let body = ctx.body;
    if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
      // As bytes outside the JS heap: an entry may live for minutes, and strings that long-lived are copied by
      // every young-generation collection until promoted.
      body = ctx.body = Buffer.from(JSON.stringify(body));
    } else if (typeof body === 'string') {
      body = ctx.body = Buffer.from(body);
    }
    if (!Buffer.isBuffer(body) || body.length > maxEntryBytes) return null;
    const headers: Record<string, string> = {};
    for (const name of kept) {
      const value = ctx.response.get(name);
      if (value) headers[name] = value;
    }
    // The tag is hashed once, here, and kept with the body: a hit does not hash 60 KB again.
    headers.etag = bodyTag(body);
    ctx.set('ETag', headers.etag);
    return { status: 200, body, headers };
  }
}
